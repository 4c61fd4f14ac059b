import { DeskError, messageOf } from '../shared/errors'

/**
 * A module imported on first use instead of at start, so the app's first window does not
 * wait for code it needs only later (bench/RESULTS.md, main-start). Imported once; a failed
 * import is not kept, so the next use tries again, and its error says what to do.
 */
export function lazyModule<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined
      throw new DeskError(
        `Connections Desk could not load ${what} (${messageOf(error)}). Restart the app; if this happens again, reinstall it. Saved results are kept.`
      )
    })
    return loading
  }
}
