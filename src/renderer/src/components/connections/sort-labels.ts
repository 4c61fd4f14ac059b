import type { ConnectionSortKey } from '../../state/connections-list-state.svelte'

export const SORT_COLUMNS: ReadonlyArray<{ key: ConnectionSortKey; label: string }> = [
  { key: 'contact', label: 'Contact' },
  { key: 'type', label: 'Type' },
  { key: 'assignee', label: 'Assigned to' },
  { key: 'dueDate', label: 'Due' }
]
