/**
 * How far `query` is from being a prefix of `token`: 0 when it is one, 1 when a single
 * edit (a letter inserted, left out, changed, or two neighbours swapped) makes it one,
 * and 2 for anything further. Typeahead queries are usually unfinished words, so the
 * comparison is with the token's beginning, not the whole token.
 *
 * Hand-rolled instead of a Levenshtein table: the search runs it over every distinct name
 * on each keystroke, and this stops at the first mismatch with no allocation.
 */
export function prefixDistance(query: string, token: string): 0 | 1 | 2 {
  const queryLength = query.length
  const tokenLength = token.length
  let at = 0
  while (at < queryLength && at < tokenLength && query.charCodeAt(at) === token.charCodeAt(at)) {
    at++
  }
  if (at === queryLength) return 0
  // The token ran out first: only one extra trailing letter in the query is one edit.
  if (at === tokenLength) return queryLength - tokenLength === 1 ? 1 : 2

  // Changed letter: the rest lines up in place.
  if (tokenLength >= queryLength && sameRun(query, at + 1, token, at + 1, queryLength - at - 1)) {
    return 1
  }
  // Swapped neighbours.
  if (
    at + 1 < queryLength &&
    tokenLength >= queryLength &&
    query.charCodeAt(at) === token.charCodeAt(at + 1) &&
    query.charCodeAt(at + 1) === token.charCodeAt(at) &&
    sameRun(query, at + 2, token, at + 2, queryLength - at - 2)
  ) {
    return 1
  }
  // An extra letter in the query.
  if (tokenLength >= queryLength - 1 && sameRun(query, at + 1, token, at, queryLength - at - 1)) {
    return 1
  }
  // A letter left out of the query.
  if (tokenLength >= queryLength + 1 && sameRun(query, at, token, at + 1, queryLength - at)) {
    return 1
  }
  return 2
}

function sameRun(
  left: string,
  leftStart: number,
  right: string,
  rightStart: number,
  length: number
): boolean {
  for (let offset = 0; offset < length; offset++) {
    if (left.charCodeAt(leftStart + offset) !== right.charCodeAt(rightStart + offset)) return false
  }
  return true
}
