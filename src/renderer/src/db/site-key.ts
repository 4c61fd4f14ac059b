const DATABASE_PREFIX = 'connections-desk:'

/**
 * IndexedDB names may hold any text, but a URL in a name leaks into browser tooling and
 * breaks on very long base URLs; a hash keeps names short, stable and free of odd characters.
 * The site number stays readable so a developer can tell the databases apart.
 */
export function databaseNameOf(siteKey: string): string {
  const siteNumber = /#(\d+)$/.exec(siteKey)?.[1] ?? 'site'
  return `${DATABASE_PREFIX}${siteNumber}-${fnv1a64(siteKey)}`
}

/** The name of the small database that lists every site this profile has used. */
export const SITE_REGISTRY_DATABASE = `${DATABASE_PREFIX}sites`

const FNV_OFFSET = 0xcbf29ce484222325n
const FNV_PRIME = 0x100000001b3n
const MASK_64 = (1n << 64n) - 1n

/** FNV-1a over UTF-8 bytes: synchronous, dependency-free, and 64 bits make collisions moot. */
function fnv1a64(text: string): string {
  let hash = FNV_OFFSET
  for (const byte of new TextEncoder().encode(text)) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64
  }
  return hash.toString(16).padStart(16, '0')
}
