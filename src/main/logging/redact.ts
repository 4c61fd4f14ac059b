/**
 * The one redaction every log line passes through before it is written anywhere. Log files
 * leave the office in support requests, so a line never carries a password, an
 * Authorization header, the ApplicationId, a comment's text or a person's name.
 *
 * Lines are built not to hold these in the first place (the API logger names a method, a
 * path, a status and an item id); this is the net under that rule, for error messages,
 * echoed answers and whatever a future line forgets.
 */

export const REDACTED = '[redacted]'

/** Secrets shorter than this are not replaced as plain text: "1" would blank every digit. */
const MIN_SECRET_LENGTH = 4

/** Keys whose value is a secret or personal, in JSON, query strings, headers and `key=value`. */
const SENSITIVE_KEY = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'api[-_]?key',
  'application[-_]?id',
  'comments?',
  '[a-z]*name',
  'e-?mail',
  'phone',
  'address\\d?',
  'q'
].join('|')

/**
 * `"Key": "value"` as JSON writes it, `Key: 'value'` as util.inspect writes an object, and
 * `"Key": 12345`; an escaped quote inside the value does not end it.
 */
const KEY_VALUE = new RegExp(
  `(?<![\\w-])(["']?)(${SENSITIVE_KEY})\\1(\\s*:\\s*)('(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"|\`[^\`]*\`|[^,}\\]\\s]+)`,
  'gi'
)
/**
 * `Key: value` up to the end of the line, as a header or a plain message writes it. A quoted
 * value was already handled by KEY_VALUE, and the rest of that line is left alone.
 */
const HEADER_PAIR = new RegExp(
  `(^|[\\s{,;(])((?:authorization|proxy-authorization|cookie|set-cookie|password|application[-_]?id)\\s*[:=]\\s*)(?![\\s'"\\x60])([^\\r\\n]*)`,
  'gi'
)
/** `key=value` in a query string or form body. */
const QUERY_PAIR = new RegExp(`([?&;](?:${SENSITIVE_KEY})=)([^&#\\s"']*)`, 'gi')
/** A credential scheme wherever it appears, even without its header's name. */
const CREDENTIAL_SCHEME = /\b(Basic|Bearer|Digest)\s+[A-Za-z0-9+/=._~-]{6,}/g
/** Credentials written into a URL (`https://user:pass@host`). */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]+:[^\s/@]+@/gi

/**
 * Returns the text with every secret and personal value replaced by [redacted]. `secrets`
 * are literal values known to the process (the signed-in password, the ApplicationId):
 * they are removed wherever they appear, whatever the shape around them.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue
    out = out.split(secret).join(REDACTED)
    // The same secret inside a Basic header or a URL is encoded; cover those forms too.
    const encoded = encodeURIComponent(secret)
    if (encoded !== secret) out = out.split(encoded).join(REDACTED)
  }
  return out
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(CREDENTIAL_SCHEME, `$1 ${REDACTED}`)
    .replace(KEY_VALUE, (_match, quote: string, key: string, separator: string, value: string) => {
      const mark = /^['"`]/.test(value) ? value[0] : ''
      return `${quote}${key}${quote}${separator}${mark}${REDACTED}${mark}`
    })
    .replace(HEADER_PAIR, `$1$2${REDACTED}`)
    .replace(QUERY_PAIR, `$1${REDACTED}`)
}
