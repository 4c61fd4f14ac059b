import { SCREENS, type ScreenName } from '../../app-state.svelte'

export const SCREEN_LABELS: Record<ScreenName, string> = {
  connections: 'Connections',
  'new-connection': 'New connection',
  outbox: 'Outbox',
  history: 'History',
  people: 'Find a person'
}

/** Alt+1 to Alt+5, in the order of the navigation. */
export function shortcutOf(screen: ScreenName): string {
  return `Alt+${SCREENS.indexOf(screen) + 1}`
}
