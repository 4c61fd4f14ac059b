import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The certificates of test/fixtures/tls (made by make-certificates.sh there, valid 2000 to
 * 2099 unless their name says otherwise). The site's authority is a root and an
 * intermediate that no computer trusts: a test hands `SITE_ROOT` to the client as if it
 * were in the system's store.
 */
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'tls')

function pem(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8')
}

/** What a TLS server presents: its chain, leaf first, and the leaf's key. */
export interface ServerIdentity {
  cert: string
  key: string
}

/** The site's own root authority, to trust as if the system's store held it. */
export const SITE_ROOT = pem('site-root.pem')

/** The office web filter's authority, which the client does not trust. */
export const FILTER_ROOT = pem('filter-root.pem')

export type IdentityName =
  | 'good'
  | 'broken-chain'
  | 'not-yet-valid'
  | 'expired'
  | 'other-name'
  | 'filter'
  | 'filter-with-root'
  | 'self-signed'

const intermediate = pem('site-intermediate.pem')

const chains: Record<IdentityName, () => ServerIdentity> = {
  good: () => ({ cert: pem('site.pem') + intermediate, key: pem('site.key') }),
  // The leaf without the intermediate that links it to the root: a misconfigured server.
  'broken-chain': () => ({ cert: pem('site.pem'), key: pem('site.key') }),
  'not-yet-valid': () => ({
    cert: pem('not-yet-valid.pem') + intermediate,
    key: pem('not-yet-valid.key')
  }),
  expired: () => ({ cert: pem('expired.pem') + intermediate, key: pem('expired.key') }),
  'other-name': () => ({ cert: pem('other-name.pem') + intermediate, key: pem('other-name.key') }),
  // What an inspecting web filter presents: a leaf of its own authority, with or without it.
  filter: () => ({ cert: pem('filter.pem'), key: pem('filter.key') }),
  'filter-with-root': () => ({ cert: pem('filter.pem') + FILTER_ROOT, key: pem('filter.key') }),
  'self-signed': () => ({ cert: pem('self-signed.pem'), key: pem('self-signed.key') })
}

export function serverIdentity(name: IdentityName): ServerIdentity {
  return chains[name]()
}
