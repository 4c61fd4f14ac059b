const FIELDS =
  'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled)'

/**
 * Puts the keyboard in the first field of a form region, unless the form already took it:
 * after "Save and next" the clerk types straight into the next connection's form.
 */
export function focusFirstField(region: HTMLElement): void {
  if (region.contains(document.activeElement)) return
  const field =
    region.querySelector<HTMLElement>(FIELDS) ??
    region.querySelector<HTMLElement>('button:not(:disabled), [tabindex="0"]')
  field?.focus()
}

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
