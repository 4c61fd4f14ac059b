import type { SiteStates } from '$renderer/state/site-states'

/** The screen's props as the app passes them: a reactive selection, and the rows opened. */
export function screenProps(site: SiteStates): {
  site: SiteStates
  readonly selectedId: number | null
  onselect: (connectionId: number) => void
  onopen: (connectionId: number) => void
  opened: number[]
} {
  let selectedId = $state<number | null>(null)
  const opened: number[] = []
  return {
    site,
    get selectedId() {
      return selectedId
    },
    onselect: (connectionId) => {
      selectedId = connectionId
    },
    onopen: (connectionId) => {
      opened.push(connectionId)
    },
    opened
  }
}
