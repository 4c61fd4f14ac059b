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
