import type { PersonMatch } from '$renderer/search/people-search'

/** What the typeahead reads: ReferenceState in the app. */
export interface PeopleDirectory {
  searchPeople(query: string, limit?: number): PersonMatch[]
  /** Changes when the directory is reloaded, so an open search runs again. */
  readonly searchVersion: number
  /** The saved directory is still being read: finding no one means nothing yet. */
  readonly directoryLoading?: boolean
}
