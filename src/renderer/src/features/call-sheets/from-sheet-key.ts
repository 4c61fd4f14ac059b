/** The shortcut to the "From a sheet" box: Alt+S, from anywhere. */
export function isFromSheetKey(event: KeyboardEvent): boolean {
  // `code`, so it works on layouts where Alt+S types another character.
  return (
    event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.code === 'KeyS'
  )
}
