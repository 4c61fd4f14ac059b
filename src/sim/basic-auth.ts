import { messageAnswer, type Answer } from './http-answer'

export interface BasicCredentials {
  username: string
  password: string
}

/** Reads `Authorization: Basic base64(user:password)`; anything else is no credentials. */
export function basicCredentials(header: string | undefined): BasicCredentials | undefined {
  if (!header) return undefined
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon < 0) return undefined
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

/** What ASP.NET Web API answers when [Authorize] turns a request away. */
export function unauthorizedAnswer(): Answer {
  return messageAnswer(401, 'Authorization has been denied for this request.', {
    'WWW-Authenticate': 'Basic realm="Access ACS"'
  })
}
