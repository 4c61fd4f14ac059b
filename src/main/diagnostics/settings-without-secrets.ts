import { redact } from '../logging/redact'

/** Keys dropped whole, wherever they sit: their values are secrets in any form. */
const SECRET_KEY = /password|ciphertext|secret|token|application[-_]?id|authorization/i

/**
 * The app's settings for a diagnostics file: secret keys dropped, then the same redaction
 * as the log (names, e-mails and the like), so what support reads is what the log allows.
 */
export function settingsWithoutSecrets(settings: unknown): unknown {
  const text = JSON.stringify(
    settings ?? {},
    (key, value: unknown) => (SECRET_KEY.test(key) ? undefined : value),
    2
  )
  return JSON.parse(redact(text)) as unknown
}
