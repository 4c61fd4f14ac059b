/** A lookup table by key, built once per snapshot (derived state: never changed in place). */
export function indexBy<T, K>(items: readonly T[], keyOf: (item: T) => K): ReadonlyMap<K, T> {
  return new Map(items.map((item) => [keyOf(item), item]))
}
