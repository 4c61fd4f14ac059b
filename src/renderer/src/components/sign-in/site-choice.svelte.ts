import type { Account } from '$shared/lookups'

/**
 * The sites an e-mail may sign in to, when there is more than one to choose from: the
 * clerk picks one, and signs in there as the user name that site knows the e-mail by.
 */
export class SiteChoice {
  #sites = $state.raw<Account[]>([])
  #chosen = $state<number | null>(null)

  get sites(): Account[] {
    return this.#sites
  }

  /** The picker is shown: the e-mail and password were accepted for several sites. */
  get open(): boolean {
    return this.#sites.length > 1
  }

  get chosen(): number | null {
    return this.#chosen
  }

  /** Offers the sites, the first one chosen (the picker is a radio group). */
  offer(sites: readonly Account[]): void {
    this.#sites = [...sites]
    this.#chosen = sites[0]?.siteNumber ?? null
  }

  choose(siteNumber: number): void {
    if (this.#sites.some((site) => site.siteNumber === siteNumber)) this.#chosen = siteNumber
  }

  /** Back to the e-mail and password. */
  close(): void {
    this.#sites = []
    this.#chosen = null
  }
}

/** "St. Mark's Church (site 12345)", or the number alone when the site gave no name. */
export function siteNameOf(account: Pick<Account, 'siteName' | 'siteNumber'>): string {
  const name = account.siteName.trim()
  return name === '' ? `Site ${account.siteNumber}` : `${name} (site ${account.siteNumber})`
}
