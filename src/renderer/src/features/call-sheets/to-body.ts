/**
 * Moves the element into <body>, beside the app rather than inside it: the print styles
 * then hide everything but the sheets, and no scrolling box of the app clips them.
 */
export function toBody(node: HTMLElement): () => void {
  document.body.append(node)
  return () => node.remove()
}
