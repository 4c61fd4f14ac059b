import * as z from 'zod'

/**
 * How the site's answers to a change request are read (CONTRACT.md section 1, "Answer").
 * The id's encoding is not documented, so every encoding the contract allows is accepted
 * and everything else is "unexpected", never success.
 */
export type IdReading = { ok: true; id: number } | { ok: false; reason: string }

const positiveId = z.int().positive().max(Number.MAX_SAFE_INTEGER)
const idObjectSchema = z.union([
  z.object({ ConnectionCRId: positiveId }),
  z.object({ Id: positiveId })
])

export function readChangeRequestId(bodyText: string): IdReading {
  if (bodyText.trim() === '') return { ok: false, reason: 'the answer was empty' }
  let value: unknown
  try {
    value = JSON.parse(bodyText)
  } catch {
    return { ok: false, reason: 'the answer was not JSON' }
  }
  if (typeof value === 'number') {
    return positiveId.safeParse(value).success
      ? { ok: true, id: value }
      : { ok: false, reason: 'the id in the answer was not a positive whole number' }
  }
  if (typeof value === 'string') {
    if (/^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value))) {
      return { ok: true, id: Number(value) }
    }
    return { ok: false, reason: 'the answer was text but not an id' }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const parsed = idObjectSchema.safeParse(value)
    if (parsed.success) {
      return {
        ok: true,
        id: 'ConnectionCRId' in parsed.data ? parsed.data.ConnectionCRId : parsed.data.Id
      }
    }
    return { ok: false, reason: 'the answer carried no ConnectionCRId or Id' }
  }
  return { ok: false, reason: 'the answer carried no id' }
}

export const EXCERPT_MAX_LENGTH = 200
/**
 * How much of an answer's field errors reaches the page (and each outbox attempt): more
 * fields than a change request has, a few messages each. A site (or whatever answers in
 * its place) may name thousands; the clerk needs the first few, not megabytes.
 */
export const FIELD_ERRORS_MAX_FIELDS = 20
export const FIELD_ERRORS_MAX_MESSAGES = 3
export const FIELD_NAME_MAX_LENGTH = 60

export interface ErrorReading {
  /** `<status> <reason>: <excerpt>`, at most a couple of hundred characters, no markup. */
  message: string
  /** ModelState by field (bounded, see boundedFieldErrors); keys lose ASP.NET's prefixes. */
  fieldErrors: Record<string, string[]>
}

const aspNetErrorSchema = z.object({
  Message: z.string().optional(),
  message: z.string().optional(),
  ModelState: z.record(z.string(), z.array(z.string())).optional()
})

/** An error answer in any of the forms the contract warns of: ASP.NET JSON, text or HTML. */
export function readErrorAnswer(status: number, bodyText: string, contentType = ''): ErrorReading {
  const head = statusLine(status)
  const json = aspNetError(bodyText)
  if (json) {
    const text = json.Message ?? json.message ?? ''
    return {
      message: withExcerpt(head, safeExcerpt(text)),
      fieldErrors: fieldErrorsOf(json.ModelState ?? {})
    }
  }
  const looksHtml =
    /html/i.test(contentType) || /^\s*</.test(bodyText) || HTML_TAG_PATTERN.test(bodyText)
  const text = looksHtml ? textOfHtml(bodyText) : bodyText
  return { message: withExcerpt(head, safeExcerpt(text)), fieldErrors: {} }
}

const HTML_TAG_PATTERN = /<\/?(html|head|body|title|div|p|br|h[1-6]|span|b|i|pre)\b[^>]*>/i

function aspNetError(bodyText: string): z.infer<typeof aspNetErrorSchema> | undefined {
  let value: unknown
  try {
    value = JSON.parse(bodyText)
  } catch {
    return undefined
  }
  const parsed = aspNetErrorSchema.safeParse(value)
  if (!parsed.success) return undefined
  const { Message, message, ModelState } = parsed.data
  return Message !== undefined || message !== undefined || ModelState !== undefined
    ? parsed.data
    : undefined
}

function fieldErrorsOf(modelState: Record<string, string[]>): Record<string, string[]> {
  return boundedFieldErrors(
    Object.entries(modelState).flatMap(([key, messages]) => {
      const field = (key.split('.').pop() ?? '').replace(/\[\d+\]$/, '') || 'request'
      // A field without messages is still named, as the site named it.
      return messages.length === 0
        ? [[field, ''] as const]
        : messages.map((message) => [field, message] as const)
    })
  )
}

/**
 * Field errors from an answer, cut to what a clerk can read: at most
 * FIELD_ERRORS_MAX_FIELDS fields (the first named) of FIELD_ERRORS_MAX_MESSAGES distinct
 * messages, every name and message one line of plain text (safeExcerpt). Built in a Map,
 * so a name like `__proto__` or `constructor` is only a name.
 */
export function boundedFieldErrors(
  entries: Iterable<readonly [string, string]>
): Record<string, string[]> {
  const errors = new Map<string, string[]>()
  for (const [name, message] of entries) {
    const field = safeExcerpt(name, FIELD_NAME_MAX_LENGTH) || 'request'
    let list = errors.get(field)
    if (!list) {
      if (errors.size >= FIELD_ERRORS_MAX_FIELDS) continue
      list = []
      errors.set(field, list)
    }
    const safe = safeExcerpt(message)
    if (safe && list.length < FIELD_ERRORS_MAX_MESSAGES && !list.includes(safe)) list.push(safe)
  }
  return Object.fromEntries(errors)
}

const STATUS_REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

export function statusLine(status: number): string {
  const reason = STATUS_REASONS[status]
  return reason ? `${status} ${reason}` : `HTTP ${status}`
}

function withExcerpt(head: string, excerpt: string): string {
  return excerpt ? `${head}: ${excerpt}` : head
}

/** The readable text of an HTML error page: the title, else the body without markup. */
function textOfHtml(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
  const withoutHidden = html.replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
  const body = withoutHidden.replace(/<[^>]*>?/g, ' ')
  const titleText = title ? decodeEntities(title.replace(/<[^>]*>?/g, ' ')).trim() : ''
  const bodyText = decodeEntities(body).trim()
  return titleText && !bodyText.startsWith(titleText) ? `${titleText}. ${bodyText}` : bodyText
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' '
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 31 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : ' '
    }
    return ENTITIES[name.toLowerCase()] ?? whole
  })
}

/**
 * One line of plain text, at most `maxLength` characters, without control characters
 * (they could fake lines in a log or confuse the screen). Markup is taken out before, by
 * textOfHtml: text that merely mentions `<` stays as written.
 */
export function safeExcerpt(text: string, maxLength = EXCERPT_MAX_LENGTH): string {
  const flat = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
  const characters = [...flat]
  if (characters.length <= maxLength) return flat
  return `${characters
    .slice(0, maxLength - 1)
    .join('')
    .trimEnd()}…`
}
