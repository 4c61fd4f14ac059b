import type { BrowserContext } from 'playwright'
import * as z from 'zod'

/** What the pages said, kept for the whole life of a launchDesk (across relaunches). */
export interface PageRecords {
  consoleMessages: ConsoleRecord[]
  pageErrors: PageErrorRecord[]
  cspViolations: CspViolation[]
}

export interface ConsoleRecord {
  type: string
  text: string
  /** `url:line`, where the page logged it. */
  location: string
}

export interface PageErrorRecord {
  message: string
  stack: string | undefined
}

const cspViolationSchema = z.object({
  directive: z.string(),
  blockedUri: z.string(),
  sourceFile: z.string(),
  lineNumber: z.number(),
  sample: z.string(),
  disposition: z.string()
})
export type CspViolation = z.infer<typeof cspViolationSchema>

export function createPageRecords(): PageRecords {
  return { consoleMessages: [], pageErrors: [], cspViolations: [] }
}

/** Listens to every page of the context, now and later. */
export function recordPages(context: BrowserContext, records: PageRecords): void {
  context.on('console', (message) => {
    const { url, lineNumber } = message.location()
    records.consoleMessages.push({
      type: message.type(),
      text: message.text(),
      location: `${url}:${lineNumber}`
    })
  })
  context.on('weberror', (webError) => {
    const error = webError.error()
    records.pageErrors.push({ message: error.message, stack: error.stack })
  })
}

/** A violation as the page's csp-recorder.js reported it; a malformed report is recorded too. */
export function recordCspViolation(records: PageRecords, report: unknown): void {
  const parsed = cspViolationSchema.safeParse(report)
  if (parsed.success) {
    records.cspViolations.push(parsed.data)
    return
  }
  // Never dropped: an unreadable report still means the policy was broken.
  records.cspViolations.push({
    directive: 'unknown',
    blockedUri: '',
    sourceFile: '',
    lineNumber: 0,
    sample: `unreadable report (${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')})`,
    disposition: 'unknown'
  })
}
