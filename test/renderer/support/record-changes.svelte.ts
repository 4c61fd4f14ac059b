/**
 * Records what `read` returns each time the state it reads changes, as the page's effects
 * would see it (after each synchronous run of changes), not as a 10 ms poll might. For
 * ordering claims such as "the first screen already shows X", where a poll could step over
 * the moment that matters. Returns the records and a stop function.
 */
export function recordChanges<T>(read: () => T): { seen: T[]; stop: () => void } {
  const seen: T[] = []
  const stop = $effect.root(() => {
    $effect(() => {
      seen.push(read())
    })
  })
  return { seen, stop }
}
