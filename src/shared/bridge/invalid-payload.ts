import type * as z from 'zod'
import { InvalidPayloadError } from '../errors'

/** The key for problems with the payload as a whole (wrong type, missing altogether). */
export const WHOLE_PAYLOAD = '(payload)'

/** `items.0.body.ConnectionDate`: the path as a person reads it in a message or a log. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.length === 0 ? WHOLE_PAYLOAD : path.map(String).join('.')
}

/**
 * Turns zod's verdict into the bridge's typed error. Both the message and fieldErrors name
 * each failing path, so whoever reads either one knows which field to fix. Zod's messages
 * never quote the rejected value, so a mistyped password cannot end up in the text.
 */
export function invalidPayloadError(error: z.ZodError, subject: string): InvalidPayloadError {
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of error.issues) {
    const messages = (fieldErrors[pathKey(issue.path)] ??= [])
    if (!messages.includes(issue.message)) messages.push(issue.message)
  }
  const problems = Object.entries(fieldErrors)
    .map(([path, messages]) => `${path}: ${messages.join('; ')}`)
    .join(' | ')
  return new InvalidPayloadError(`${subject} is not valid. ${problems}`, fieldErrors)
}
