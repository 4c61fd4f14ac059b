import type { Attachment } from 'svelte/attachments'

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
