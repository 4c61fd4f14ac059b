import type { Locator, Page } from 'playwright'
import { HarnessError } from '../harness-error'

/** More Tab presses than any form of the app has stops on the way to one control. */
const MAX_TABS = 60

/** Whether the element is the page's focused element. */
export function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((element) => element === element.ownerDocument.activeElement)
}

/**
 * Moves the keyboard focus to `target` with Tab alone, as a clerk who never touches the
 * mouse does: a control Tab cannot reach is a finding, reported as such.
 */
export async function tabTo(page: Page, target: Locator, backwards = false): Promise<void> {
  for (let presses = 0; presses <= MAX_TABS; presses++) {
    if (await isFocused(target)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  throw new HarnessError(
    `Tab did not reach ${String(target)} within ${MAX_TABS} presses: it is not in the tab order`
  )
}

/**
 * The error text shown beside a control: what its aria-describedby names with an id ending
 * in "-error" (the forms' convention). Empty when the control describes no error.
 */
export function errorBeside(control: Locator): Promise<string> {
  return describedText(control, '-error')
}

/** The text of what a control's aria-describedby names with ids ending in `suffix`. */
export function describedText(control: Locator, suffix: string): Promise<string> {
  return control.evaluate(
    (element, ending) =>
      (element.getAttribute('aria-describedby') ?? '')
        .split(/\s+/)
        .filter((id: string) => id.endsWith(ending))
        .map((id: string) => element.ownerDocument.getElementById(id)?.textContent ?? '')
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim(),
    suffix
  )
}
