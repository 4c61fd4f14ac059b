import { MAX_PAGES, type Page } from '$shared/lookups'

export interface FetchedPages<T> {
  /** Each page's items, in page order. */
  pages: T[][]
  /** Items the adapter could not read, over all pages. */
  skipped: number
}

export interface FetchPagesOptions {
  /** Pages asked for at once once the page count is known (CONTRACT: at most 4). */
  concurrency: number
  /** Items fetched so far, and how many there are as far as the pages tell. */
  onProgress?: (done: number, total: number) => void
}

/**
 * Every page of a paged list. The first page says how many there are (PageCount): the rest
 * are then fetched a few at a time and kept in page order whatever order they arrive in.
 * Without a count, pages follow one by one until the adapter says one was the last (a
 * short page, or the 10,000th). The first failure fails the whole list, and no new page is
 * asked for after it.
 */
export async function fetchAllPages<T>(
  fetchPage: (pageIndex: number) => Promise<Page<T>>,
  options: FetchPagesOptions
): Promise<FetchedPages<T>> {
  const first = await fetchPage(0)
  const pages: T[][] = [first.items]
  let skipped = first.skipped
  let done = first.items.length
  const report = (total: number): void => options.onProgress?.(done, Math.max(done, total))
  if (first.last) {
    report(done)
    return { pages, skipped }
  }

  if (first.pageCount === null) {
    let page = first
    for (let index = 1; !page.last && index < MAX_PAGES; index++) {
      page = await fetchPage(index)
      pages.push(page.items)
      skipped += page.skipped
      done += page.items.length
      report(done + (page.last ? 0 : page.pageSize))
    }
    return { pages, skipped }
  }

  const count = Math.min(first.pageCount, MAX_PAGES)
  const estimate = count * first.pageSize
  report(estimate)
  let next = 1
  let failed = false
  const worker = async (): Promise<void> => {
    while (!failed && next < count) {
      const index = next++
      try {
        const page = await fetchPage(index)
        pages[index] = page.items
        skipped += page.skipped
        done += page.items.length
        report(estimate)
      } catch (error) {
        failed = true
        throw error
      }
    }
  }
  const workers = Array.from(
    { length: Math.max(1, Math.min(options.concurrency, count - 1)) },
    worker
  )
  await Promise.all(workers)
  return { pages, skipped }
}
