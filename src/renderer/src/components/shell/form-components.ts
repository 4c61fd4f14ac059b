import type { Component } from 'svelte'
import type { Account, Person } from '$shared/lookups'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'
import type { SiteStates } from '../../state/site-states'

/** A form saved a result; `next` asks for the next connection of the list ("Save and next"). */
export interface FormSaved {
  item: OutboxItem
  next: boolean
}

/** The result form (complete, keep open, reassign) on one connection: components/forms. */
export interface ResultFormProps {
  site: SiteStates
  connection: ConnectionRow
  capturedBy: string
  /** The signed-in user's rights decide what the form offers; null when not known. */
  account: Account | null
  /** Edit an unsent item instead of capturing a new one. */
  editing?: OutboxItem
  /** Start from this connection date instead of today ("Save and next" carries it over). */
  date?: string
  onsaved: (event: FormSaved) => void
  oncancel: () => void
}

export interface NewConnectionFormProps {
  site: SiteStates
  capturedBy: string
  account: Account | null
  /** Who will be contacted, when the clerk came from that person's connections. */
  contact?: Person
  editing?: OutboxItem
  onsaved: (event: FormSaved) => void
  oncancel: () => void
}

/**
 * The forms are handed to the shell rather than imported by it, so the shell can be tested
 * with stand-ins and the forms on their own.
 */
export interface FormComponents {
  ResultForm: Component<ResultFormProps>
  NewConnectionForm: Component<NewConnectionFormProps>
}
