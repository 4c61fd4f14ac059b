import type { Attachment } from 'svelte/attachments'
import { SCREENS, type ScreenName } from '../../app-state.svelte'

// Every key the app answers outside a single control, in one place so the handlers and Help agree.

/** The screen a key press asks for, or null: Alt with a digit, and no other modifier. */
export function screenForKey(event: KeyboardEvent): ScreenName | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null
  // `code` keeps working on layouts where Alt+digit types another character.
  const digit = /^Digit([1-9])$/.exec(event.code)?.[1] ?? /^[1-9]$/.exec(event.key)?.[0]
  return digit === undefined ? null : (SCREENS[Number(digit) - 1] ?? null)
}

/** The shortcut to the "From a sheet" box: Alt+S, from anywhere. */
export function isFromSheetKey(event: KeyboardEvent): boolean {
  // `code`, so it works on layouts where Alt+S types another character.
  return (
    event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyS'
  )
}

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

/**
 * A native keydown listener. Svelte delegates `onkeydown` to the root, after the form's own
 * native listener has seen the key; a control that must keep a key to itself uses this.
 */
export function keyListener(listener: (event: KeyboardEvent) => void): Attachment<HTMLElement> {
  return (element) => {
    element.addEventListener('keydown', listener)
    return () => element.removeEventListener('keydown', listener)
  }
}

export interface ShortcutHandlers {
  save: (next: boolean) => void
  cancel: () => void
}

/**
 * The form's keys, on a native listener of the form element, so that controls using a key
 * first (the people search closing its list on Escape) can stop it on their way up.
 */
export function formShortcuts(handlers: ShortcutHandlers): Attachment<HTMLElement> {
  return keyListener((event) => {
    switch (formShortcutOf(event)) {
      case 'save':
        event.preventDefault()
        handlers.save(false)
        break
      case 'save-and-next':
        event.preventDefault()
        handlers.save(true)
        break
      case 'cancel':
        event.preventDefault()
        handlers.cancel()
        break
      case 'ignore-enter':
        event.preventDefault()
        break
      case null:
        break
    }
  })
}
