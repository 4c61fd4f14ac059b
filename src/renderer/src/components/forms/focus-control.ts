/**
 * Moves focus to a control by id. A chosen person shows a "Change" button instead of the
 * search box, so that button (`<id>-change`) stands in for it.
 */
export function focusControl(id: string): boolean {
  const target = document.getElementById(id) ?? document.getElementById(`${id}-change`)
  if (!(target instanceof HTMLElement)) return false
  target.focus()
  return document.activeElement === target
}
