import { tick } from 'svelte'
import type { ChangeRequest } from '$shared/change-request'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import type { OutboxState } from '$renderer/state/outbox-state.svelte'
import type { ControlKey, FieldControls } from './control-errors'
import { focusControl } from '../../common/focus'
import type { Checked, SaveFlow } from './save-flow.svelte'

/** What an entry form hands the flow: its check, its save state, and whether it was touched. */
export interface EntryForm {
  readonly save: SaveFlow
  readonly dirty: boolean
  check(): Checked<{ body: ChangeRequest; summary: OutboxItemSummary }>
}

export interface EntryFormFlowOptions {
  form: EntryForm
  outbox: Pick<OutboxState, 'capture' | 'edit'>
  capturedBy: string
  /** The unsent item being changed; a new capture when absent. */
  editing: OutboxItem | undefined
  controls: FieldControls
  /** Controls in screen order: after a refused Save, focus goes to the first one in error. */
  order: readonly ControlKey[]
  controlId: (key: ControlKey) => string
  onsaved: (event: { item: OutboxItem; next: boolean }) => void
  oncancel: () => void
}

/**
 * Save, Save and next, and Cancel for both entry forms: a refused Save moves focus to the
 * first field in error; Cancel on a touched form asks first, and "keep editing" puts focus
 * back where it was.
 */
export class EntryFormFlow {
  #confirming = $state(false)
  #focusBeforeConfirm: HTMLElement | null = null
  readonly #options: EntryFormFlowOptions

  constructor(options: EntryFormFlowOptions) {
    this.#options = options
  }

  /** The "discard this entry?" question is showing. */
  get confirming(): boolean {
    return this.#confirming
  }

  async save(next: boolean): Promise<void> {
    if (this.#confirming) return
    const { form, outbox, editing, capturedBy } = this.#options
    const item = await form.save.run(
      () => form.check(),
      ({ body, summary }) =>
        editing
          ? outbox.edit(editing.id, body, summary)
          : outbox.capture(body, summary, capturedBy),
      this.#options.controls
    )
    if (item) {
      this.#options.onsaved({ item, next })
      return
    }
    await tick()
    const firstInvalid = this.#options.order.find((key) => (form.save.errors[key] ?? []).length > 0)
    if (firstInvalid) focusControl(this.#options.controlId(firstInvalid))
  }

  cancel(): void {
    if (this.#confirming) return
    if (!this.#options.form.dirty) {
      this.#options.oncancel()
      return
    }
    this.#focusBeforeConfirm =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    this.#confirming = true
  }

  async keepEditing(): Promise<void> {
    this.#confirming = false
    await tick()
    this.#focusBeforeConfirm?.focus()
  }
}
