/**
 * The `ApplicationId` ACS issues to an application (CONTRACT.md section 2): a GUID. Both
 * sides check it, the page to say what is wrong while the clerk types, the main process
 * because it trusts nothing the page sends.
 */
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const APPLICATION_ID_EXAMPLE = '3F2504E0-4F89-11D3-9A0C-0305E82C3301'

export const APPLICATION_ID_MESSAGE = `The application id must be a GUID: 32 letters and digits (0–9, A–F) in groups of 8-4-4-4-12, like ${APPLICATION_ID_EXAMPLE}`

/** The GUID without surrounding spaces or braces (`{…}` is how Windows tools copy one). */
export function normalizeApplicationId(text: string): string {
  const trimmed = text.trim()
  return /^\{.*\}$/.test(trimmed) ? trimmed.slice(1, -1).trim() : trimmed
}

export function isApplicationId(text: string): boolean {
  return GUID_PATTERN.test(normalizeApplicationId(text))
}

/** Where the ApplicationId in use comes from: the clerk's override, the build, or nowhere. */
export type ApplicationIdSource = 'override' | 'build' | 'none'
