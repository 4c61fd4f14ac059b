/** A moment as the lists show it: "14 Mar 2025, 10:42" on the clerk's clock and in their locale. */
export function formatDateTime(at: number): string {
  return new Date(at).toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit'
  })
}

/** A moment for machines and exports: ISO 8601 in UTC. */
export function isoTime(at: number): string {
  return new Date(at).toISOString()
}
