import { expect } from 'vitest'
import type { FaultSettings, RecordedChangeRequest } from '$sim/index'
import { PRACTICE_SITE_NUMBER, PRACTICE_USERS, type PracticeSite } from '$sim/index'

export const JSON_TYPE = 'application/json; charset=utf-8'

export type Username = 'jadams' | 'clerk' | 'readonly' | 'nocomment'

export function passwordOf(username: Username): string {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === username)
  if (!user) throw new Error(`no practice user ${username}`)
  return user.password
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`
}

export interface PostOptions {
  as?: Username
  authorization?: string | null
  idempotencyKey?: string
  /** The ApplicationId header, as the app sends it. */
  applicationId?: string
  /** Sent as-is instead of JSON.stringify(body). */
  raw?: string
  site?: number
}

/** Talks to a running practice site over real HTTP, as the app does. */
export class SiteClient {
  constructor(readonly site: PracticeSite) {}

  url(path: string, site = PRACTICE_SITE_NUMBER): string {
    return `${this.site.baseUrl}/${site}${path}`
  }

  headersFor(as: Username = 'jadams', authorization?: string | null): Record<string, string> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (authorization === undefined) headers.Authorization = basicAuth(as, passwordOf(as))
    else if (authorization !== null) headers.Authorization = authorization
    return headers
  }

  post(body: unknown, options: PostOptions = {}): Promise<Response> {
    const headers = {
      ...this.headersFor(options.as, options.authorization),
      'Content-Type': JSON_TYPE,
      ...(options.idempotencyKey !== undefined && { 'Idempotency-Key': options.idempotencyKey }),
      ...(options.applicationId !== undefined && { ApplicationId: options.applicationId })
    }
    return fetch(this.url('/connections', options.site), {
      method: 'POST',
      headers,
      body: options.raw ?? JSON.stringify(body)
    })
  }

  get(path: string, as: Username = 'jadams', authorization?: string | null): Promise<Response> {
    return fetch(this.url(path), { headers: this.headersFor(as, authorization) })
  }

  /** GET that must answer 200 with JSON; returns the parsed body. */
  async getJson(path: string, as: Username = 'jadams'): Promise<unknown> {
    const response = await this.get(path, as)
    return okJson(response)
  }

  control(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.site.url}/_sim${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'Content-Type': JSON_TYPE }
      })
    })
  }

  async changeRequests(): Promise<RecordedChangeRequest[]> {
    return (await okJson(await this.control('GET', '/changerequests'))) as RecordedChangeRequest[]
  }

  async setFaults(settings: Record<string, unknown>): Promise<FaultSettings> {
    return (await okJson(await this.control('POST', '/faults', settings))) as FaultSettings
  }

  async reset(): Promise<void> {
    await okJson(await this.control('POST', '/reset'))
  }
}

export async function okJson(response: Response): Promise<unknown> {
  const text = await response.text()
  expect(response.status, text.slice(0, 300)).toBe(200)
  expect(response.headers.get('content-type')).toBe(JSON_TYPE)
  return JSON.parse(text)
}

/** An error answer in the ASP.NET shape: status, JSON type, and the parsed body. */
export async function errorJson(
  response: Response,
  status: number
): Promise<{ Message: string; ModelState?: Record<string, string[]> }> {
  const text = await response.text()
  expect(response.status, text.slice(0, 300)).toBe(status)
  expect(response.headers.get('content-type')).toBe(JSON_TYPE)
  const body = JSON.parse(text) as { Message: unknown; ModelState?: Record<string, string[]> }
  expect(typeof body.Message).toBe('string')
  return body as { Message: string; ModelState?: Record<string, string[]> }
}

/** A 200 whose body is a bare JSON number: the new ConnectionCRId. */
export async function acceptedId(response: Response): Promise<number> {
  const id = await okJson(response)
  expect(Number.isInteger(id)).toBe(true)
  return id as number
}
