/** A number in [0, 1), like Math.random, but reproducible from a seed. */
export type Random = () => number

/**
 * mulberry32: tiny, fast and good enough for a practice church and fault dice. Every
 * run with the same seed sees the same people and the same faults, so a failing test
 * can be replayed.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number from min to max, both included. */
export function intBetween(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1))
}

export function pick<T>(random: Random, items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)]
  if (item === undefined) throw new RangeError('pick needs at least one item')
  return item
}

/** True with the given probability (0 never, 1 always). */
export function chance(random: Random, probability: number): boolean {
  return random() < probability
}
