/**
 * Whether a costly part of a screen (the assignee filter's thousands of choices) has been
 * asked for. It starts unasked, so the first screen does not pay for it, and once asked it
 * stays so: the clerk who opened the list once finds it full from then on.
 */
export class OnDemand {
  #wanted = $state(false)

  get wanted(): boolean {
    return this.#wanted
  }

  want(): void {
    this.#wanted = true
  }
}
