import type { Person } from '$shared/lookups'
import { mulberry32 } from '$sim/prng'

/**
 * A clerk looking people up: each name typed one letter at a time ("m", "ma", ...,
 * "mary smith"), then deleted back to its first letter. The people are drawn from the
 * directory with a seed, so every run types the same queries.
 */
export function typingScript(people: readonly Person[], targets: number, seed: number): string[] {
  const queries: string[] = []
  for (const name of pickNames(people, targets, seed)) {
    for (let length = 1; length <= name.length; length++) queries.push(name.slice(0, length))
    for (let length = name.length - 1; length >= 1; length--) queries.push(name.slice(0, length))
  }
  return queries
}

/** "First Last" of `count` people drawn with the seed. */
export function pickNames(people: readonly Person[], count: number, seed: number): string[] {
  const random = mulberry32(seed)
  const names: string[] = []
  while (names.length < count && people.length > 0) {
    const person = people[Math.floor(random() * people.length)]!
    names.push(`${person.firstName} ${person.lastName}`)
  }
  return names
}
