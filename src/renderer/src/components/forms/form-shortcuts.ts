export type FormShortcut = 'save' | 'save-and-next' | 'cancel' | 'ignore-enter'

/**
 * The form's keys: Ctrl+Enter saves, Ctrl+Shift+Enter saves and moves on, Escape cancels.
 * A plain Enter in a one-line field would submit the form half filled, so it is ignored
 * there (buttons and the comment box keep their own Enter).
 */
export function formShortcutOf(event: KeyboardEvent): FormShortcut | null {
  if (event.key === 'Escape' && !event.ctrlKey && !event.altKey && !event.metaKey) return 'cancel'
  if (event.key !== 'Enter' || event.altKey) return null
  if (event.ctrlKey || event.metaKey) return event.shiftKey ? 'save-and-next' : 'save'
  const target = event.target
  if (target instanceof HTMLInputElement) return 'ignore-enter'
  return null
}
