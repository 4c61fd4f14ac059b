import type { FaultRule } from './fault-settings'
import { messageAnswer, type Answer } from './http-answer'

const HTML_ERROR_PAGE = `<!DOCTYPE html>
<html>
<head><title>Runtime Error</title></head>
<body>
<h1>Server Error in '/api_accessacs_mobile' Application.</h1>
<h2><i>Runtime Error</i></h2>
<p>An application error occurred on the server.</p>
</body>
</html>
`

/** A JSON string of about 2 MB: a client must not choke on (or trust) an answer this big. */
let hugeBody: string | undefined
function huge(): string {
  hugeBody ??= JSON.stringify('x'.repeat(2 * 1024 * 1024))
  return hugeBody
}

type MalformedBody = Extract<FaultRule, { kind: 'malformed' }>['body']

export function malformedAnswer(body: MalformedBody): Answer {
  switch (body) {
    case 'html':
      return { status: 500, body: HTML_ERROR_PAGE, contentType: 'text/html; charset=utf-8' }
    case 'truncated-json':
      return { status: 200, body: '{"ConnectionCRId": 12' }
    case 'junk':
      return { status: 200, body: '<<not json>>' }
    case 'no-id':
      return { status: 200, body: '{"Ok":true}' }
    case 'huge':
      return { status: 200, body: huge() }
  }
}

export function statusFaultAnswer(status: number): Answer {
  const message =
    status >= 500
      ? 'An error has occurred. (practice site: a simulated fault)'
      : `The practice site answered ${status} as a simulated fault.`
  return messageAnswer(status, message)
}

export function retryAfterAnswer(status: 429 | 503, retryAfter: number | 'http-date'): Answer {
  const header =
    retryAfter === 'http-date'
      ? // Rounded up to a whole second, as HTTP dates have no fractions.
        new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000).toUTCString()
      : String(retryAfter)
  const message =
    status === 429
      ? 'Too many requests: try again later.'
      : 'The service is temporarily unavailable: try again later.'
  return messageAnswer(status, message, { 'Retry-After': header })
}
