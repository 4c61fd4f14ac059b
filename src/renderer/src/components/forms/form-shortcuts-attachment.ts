import type { Attachment } from 'svelte/attachments'
import { formShortcutOf } from './form-shortcuts'
import { keyListener } from './key-listener'

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
