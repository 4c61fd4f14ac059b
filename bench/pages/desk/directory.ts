import type { DeskDatabase } from '$renderer/db/desk-database'
import { ReferenceSync } from '$renderer/data/reference-sync'
import { readPeople } from '$renderer/db/reference-store'
import type { DeskApi } from '$shared/bridge/desk-api'
import { BenchError } from '../../bench-error'
import { desk, freshDatabase } from './page-context'

let latest: DeskDatabase | undefined

/**
 * The people directory downloaded and stored as the app does it (ReferenceSync: `q=%` in
 * pages of 500 over the bridge, four at a time, then one transaction), into a fresh
 * database each round. The last round's database is kept for the search benchmarks.
 */
export async function downloadDirectory(args: {
  people: number
}): Promise<{ ms: number; stored: number; fetchMs: number }> {
  await latest?.delete()
  latest = undefined
  const db = await freshDatabase('directory')
  // Pages are fetched four at a time: the fetch is the window from the first request to
  // the last answer, not the sum of the requests.
  let firstAsked: number | undefined
  let lastAnswered = 0
  const timedDesk: DeskApi = {
    ...desk,
    people: {
      ...desk.people,
      search: async (request) => {
        firstAsked ??= performance.now()
        try {
          return await desk.people.search(request)
        } finally {
          lastAnswered = performance.now()
        }
      }
    }
  }
  const sync = new ReferenceSync(db, timedDesk)
  const started = performance.now()
  const result = await sync.refresh({ kinds: ['people'] })
  const ms = performance.now() - started
  const failure = result.failures[0]
  if (failure) throw new BenchError(`The directory download failed: ${failure.message}`)
  const fetchMs = lastAnswered - (firstAsked ?? lastAnswered)
  const stored = (await readPeople(db)).length
  if (stored !== args.people) {
    throw new BenchError(`The directory download stored ${stored} people, not ${args.people}`)
  }
  latest = db
  return { ms, stored, fetchMs }
}

/** The database of the last download; the search benchmarks read its people. */
export function latestDirectory(): DeskDatabase {
  if (!latest) throw new BenchError('Download the directory before measuring the search')
  return latest
}
