import type {
  ConnectionRow,
  ConnectionSort,
  ConnectionSortKey
} from '$renderer/state/connections-list-state.svelte'
import { openConnection } from '../../shared/support/lookup-builders'

/** `count` rows as the list state makes them, in order: "Contact 0000", "Contact 0001", … */
export function manyRows(count: number): ConnectionRow[] {
  return Array.from({ length: count }, (_, index) => ({
    connection: openConnection(10_000 + index, { comment: `Comment ${index}` }),
    contactName: `Contact ${String(index).padStart(4, '0')}`,
    typeName: 'First-time guest',
    colour: index % 2 === 0 ? '#cc3333' : '',
    assigneeName: 'Esther Bailey, David Kim',
    dueDate: '03/14/2025',
    overdue: index % 7 === 0,
    lastComment: `Comment ${index}`,
    unsentCount: index % 500 === 3 || index === count - 1 ? 2 : 0
  }))
}

/** The table's props as the app passes them: rows that can change, a reactive selection. */
export function tableProps(initial: ConnectionRow[]): {
  readonly rows: ConnectionRow[]
  readonly sort: ConnectionSort
  readonly selectedId: number | null
  onsort: (key: ConnectionSortKey) => void
  onselect: (connectionId: number) => void
  onopen: (connectionId: number) => void
  setRows: (rows: ConnectionRow[]) => void
  opened: number[]
} {
  let rows = $state.raw(initial)
  let selectedId = $state<number | null>(null)
  const sort: ConnectionSort = { key: 'dueDate', direction: 'ascending' }
  const opened: number[] = []
  return {
    get rows() {
      return rows
    },
    sort,
    get selectedId() {
      return selectedId
    },
    onsort: () => {},
    onselect: (connectionId) => {
      selectedId = connectionId
    },
    onopen: (connectionId) => {
      opened.push(connectionId)
    },
    setRows: (next) => {
      rows = next
    },
    opened
  }
}
