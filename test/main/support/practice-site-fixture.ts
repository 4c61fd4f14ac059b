import type { Credentials } from '$main/service-contracts'
import {
  startPracticeSite,
  type FaultSettings,
  type PracticeSite,
  type RecordedChangeRequest
} from '$sim/index'

/** The practice site on 127.0.0.1:0, with its control endpoints over real HTTP. */
export interface SiteFixture {
  site: PracticeSite
  credentials(username?: string, password?: string): Credentials
  setFaults(settings: Partial<Record<keyof FaultSettings, unknown>>): Promise<void>
  clearFaults(): Promise<void>
  changeRequests(): Promise<RecordedChangeRequest[]>
  reset(): Promise<void>
  close(): Promise<void>
}

const PASSWORDS: Record<string, string> = {
  jadams: 'password231',
  clerk: 'clerk-pass-1',
  readonly: 'readonly-pass-1',
  nocomment: 'nocomment-pass-1'
}

export async function startSite(people = 40): Promise<SiteFixture> {
  const site = await startPracticeSite({ port: 0, seed: 7, people, controlRoutes: true })
  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${site.url}/_sim/${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } })
    })
    const text = await response.text()
    if (!response.ok)
      throw new Error(`${method} /_sim/${path} answered ${response.status}: ${text}`)
    return JSON.parse(text)
  }
  return {
    site,
    credentials: (username = 'jadams', password = PASSWORDS[username] ?? '') => ({
      baseUrl: site.baseUrl,
      siteNumber: 12345,
      username,
      password
    }),
    setFaults: async (settings) => {
      await control('POST', 'faults', settings)
    },
    clearFaults: async () => {
      await control('DELETE', 'faults')
    },
    changeRequests: async () => (await control('GET', 'changerequests')) as RecordedChangeRequest[],
    reset: async () => {
      await control('POST', 'reset')
    },
    close: () => site.close()
  }
}
