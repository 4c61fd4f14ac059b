import { Dexie, type EntityTable } from 'dexie'
import { UNSENT_STATES } from '$shared/outbox/outbox-item'
import { DeskDatabase } from './desk-database'
import { SITE_REGISTRY_DATABASE, databaseNameOf } from './site-key'

export interface KnownSite {
  siteKey: string
  databaseName: string
  firstOpenedAt: number
  lastOpenedAt: number
}

export interface SiteUnsentCount {
  siteKey: string
  unsentCount: number
}

class RegistryDatabase extends Dexie {
  sites!: EntityTable<KnownSite, 'siteKey'>

  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' })
    this.version(1).stores({ sites: 'siteKey, lastOpenedAt' })
  }
}

/**
 * Lists every site this profile has kept results for. Switching sites opens another
 * database and leaves the old one alone; the registry is how its unsent items are found
 * again (and how the app can warn before anyone forgets them).
 */
export class SiteRegistry {
  readonly #registry: RegistryDatabase

  constructor(
    registryName: string = SITE_REGISTRY_DATABASE,
    private readonly now: () => number = Date.now
  ) {
    this.#registry = new RegistryDatabase(registryName)
  }

  /** Registers the site (before its database exists, so no database is ever unlisted) and opens it. */
  async open(siteKey: string): Promise<DeskDatabase> {
    const at = this.now()
    const databaseName = await this.#registry.transaction('rw', this.#registry.sites, async () => {
      const known = await this.#registry.sites.get(siteKey)
      const name = known?.databaseName ?? databaseNameOf(siteKey)
      await this.#registry.sites.put({
        siteKey,
        databaseName: name,
        firstOpenedAt: known?.firstOpenedAt ?? at,
        lastOpenedAt: at
      })
      return name
    })
    const database = new DeskDatabase(siteKey, databaseName)
    await database.open()
    return database
  }

  /** Most recently used first. */
  async list(): Promise<KnownSite[]> {
    return this.#registry.sites.orderBy('lastOpenedAt').reverse().toArray()
  }

  /** Unsent items per known site, for sites other than the one in use as well. */
  async unsentCounts(): Promise<SiteUnsentCount[]> {
    const counts: SiteUnsentCount[] = []
    for (const site of await this.list()) {
      const database = new DeskDatabase(site.siteKey, site.databaseName)
      try {
        const unsentCount = await database.outbox.where('state').anyOf(UNSENT_STATES).count()
        counts.push({ siteKey: site.siteKey, unsentCount })
      } finally {
        database.close()
      }
    }
    return counts
  }

  close(): void {
    this.#registry.close()
  }

  /** For tests and for a clerk who removes the app's data: drops the registry itself. */
  async delete(): Promise<void> {
    await this.#registry.delete()
  }
}
