/**
 * `q` of `/individuals`, matched as CONTRACT.md section 2 says the service does: like SQL
 * LIKE with an implicit trailing `%`, without case. `%` matches any run of characters and
 * `_` any one; everything else stands for itself. A pattern of `%` alone (or nothing) is
 * everyone, answered without looking at a name.
 */
export function likeMatcher(query: string): 'everyone' | ((name: string) => boolean) {
  const pattern = query.toLowerCase()
  if (/^%*$/.test(pattern)) return 'everyone'
  const source = [...pattern]
    .map((character) =>
      character === '%'
        ? '.*'
        : character === '_'
          ? '.'
          : character.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')
    )
    .join('')
  const regex = new RegExp(`^${source}`, 's')
  return (name) => regex.test(name)
}
