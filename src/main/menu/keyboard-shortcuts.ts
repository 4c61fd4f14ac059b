/**
 * The keyboard shortcuts, as Help → Keyboard shortcuts lists them. The same keys are shown
 * under the navigation (src/renderer/src/components/shell/shortcuts-help.svelte).
 */
export const KEYBOARD_SHORTCUTS: ReadonlyArray<readonly [keys: string, action: string]> = [
  ['Alt+1', 'Connections'],
  ['Alt+2', 'New connection'],
  ['Alt+3', 'Outbox'],
  ['Alt+4', 'History'],
  ['Alt+5', 'Find a person and their connections'],
  ['Alt+S', 'From a sheet: open a result by its call-sheet number'],
  ['↑ ↓ or j k', 'Move in the list of connections'],
  ['Enter', 'Open the result form for the connection'],
  ['x, Shift+↑ ↓', 'Tick a connection, or a range, for the same result'],
  ['Ctrl+Enter', 'Save the form'],
  ['Ctrl+Shift+Enter', 'Save and open the next connection'],
  ['Esc', 'Cancel the form']
]

export function keyboardShortcutsText(): string {
  return KEYBOARD_SHORTCUTS.map(([keys, action]) => `${keys} — ${action}`).join('\n')
}
