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

/** The screen a key press asks for, or null: Alt with a digit, and no other modifier. */
export function screenForKey(event: KeyboardEvent): ScreenName | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null
  // `code` keeps working on layouts where Alt+digit types another character.
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? /^[1-9]$/.exec(event.key)?.[0]
  return digit === undefined ? null : (SCREENS[Number(digit) - 1] ?? null)
}
