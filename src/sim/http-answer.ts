import type { ServerResponse } from 'node:http'

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8'

/** What a route decides; the dispatcher writes it (or, under a drop-after fault, drops it). */
export interface Answer {
  status: number
  body: string
  contentType?: string
  headers?: Record<string, string>
  /** Close the connection after answering (the request body was not read to the end). */
  close?: boolean
}

export function jsonAnswer(status: number, body: string, headers?: Record<string, string>) {
  return { status, body, ...(headers && { headers }) } satisfies Answer
}

/** The ASP.NET Web API error shape: `{"Message": "..."}`. */
export function messageAnswer(status: number, message: string, headers?: Record<string, string>) {
  return jsonAnswer(status, JSON.stringify({ Message: message }), headers)
}

/** The ASP.NET Web API shape for a body that breaks a rule. */
export function modelStateAnswer(message: string, modelState: Record<string, string[]>): Answer {
  return jsonAnswer(400, JSON.stringify({ Message: message, ModelState: modelState }))
}

export function notFoundAnswer(url: string): Answer {
  return messageAnswer(404, `No HTTP resource was found that matches the request URI '${url}'.`)
}

export function methodNotAllowedAnswer(method: string, allowed: readonly string[]): Answer {
  return messageAnswer(405, `The requested resource does not support http method '${method}'.`, {
    Allow: allowed.join(', ')
  })
}

export function writeAnswer(res: ServerResponse, answer: Answer): void {
  if (res.destroyed || res.headersSent) return
  const headers: Record<string, string | number> = {
    'Content-Type': answer.contentType ?? JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(answer.body),
    ...answer.headers
  }
  if (answer.close) headers.Connection = 'close'
  res.writeHead(answer.status, headers)
  res.end(answer.body)
}
