import type { OutboxRow } from '../../state/outbox-state.svelte'

/**
 * What "Send all now" did, for the shell's status region. Results that need attention stay,
 * and so do the later results of their connections (capture order): the clerk is told how
 * many, so a number that seems short has its reason next to it.
 */
export function sendAllMessage(rows: readonly OutboxRow[], paused: boolean): string {
  const attention = rows.filter((row) => row.item.state === 'needs-attention').length
  const heldBack = rows.filter(
    (row) => row.item.state !== 'needs-attention' && row.blocker?.item.state === 'needs-attention'
  ).length
  const going = rows.length - attention - heldBack
  const leftFor =
    attention === 0
      ? ''
      : `${attention === 1 ? '1 result needs' : `${attention} results need`} your attention first` +
        (heldBack === 0
          ? ''
          : `, and ${heldBack} more ${heldBack === 1 ? 'waits' : 'wait'} behind ${attention === 1 ? 'it' : 'them'}`) +
        '.'
  if (going === 0) {
    return attention === 0
      ? 'Nothing is waiting to be sent.'
      : `Nothing can be sent now: ${leftFor}`
  }
  const results = going === 1 ? '1 result' : `${going} results`
  const sent = paused
    ? `${results} will go out once you sign in again.`
    : `${results} will be tried now.`
  return attention === 0 ? sent : `${sent} ${leftFor}`
}
