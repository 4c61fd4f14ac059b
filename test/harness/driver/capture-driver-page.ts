import type { Page } from 'playwright'
import * as z from 'zod'
import { OUTBOX_STATES } from '$shared/outbox/outbox-item'
import { HarnessError } from '../harness-error'
import type { Desk } from '../launch-desk'
import {
  CAPTURE_DRIVER_GLOBAL,
  CAPTURE_DRIVER_PAGE,
  SAVED_BINDING,
  type CaptureDriverApi,
  type CaptureEntry,
  type SavedReport
} from './driver-contract'

const savedReportSchema = z.object({
  tag: z.string(),
  id: z.string().min(1),
  idempotencyKey: z.string().min(1),
  sequence: z.int().positive()
})

/** The parts of an outbox item the suites read; the page's answer is parsed into this. */
const driverItemSchema = z.object({
  id: z.string().min(1),
  idempotencyKey: z.string().min(1),
  sequence: z.int().positive(),
  connectionId: z.int(),
  state: z.enum(OUTBOX_STATES),
  uncertain: z.boolean(),
  attempts: z.array(
    z.object({
      at: z.number(),
      outcome: z.string(),
      status: z.int().optional(),
      message: z.string()
    })
  ),
  attention: z.object({ status: z.int().optional(), message: z.string() }).optional(),
  receipt: z
    .object({
      connectionCRId: z.int().positive(),
      at: z.number(),
      possibleDuplicate: z.boolean()
    })
    .optional()
})
export type DriverItem = z.infer<typeof driverItemSchema>

export interface CaptureDriverOptions {
  /** Also run the real delivery in the driver's page (see DriverOpenOptions). */
  deliver: boolean
  /** Called for each capture the moment the page reports it committed. */
  onSaved(report: SavedReport): void
}

/** The page's globals as the functions given to page.evaluate see them. */
interface DriverWindow {
  [CAPTURE_DRIVER_GLOBAL]: CaptureDriverApi
}

/**
 * The capture driver page beside the app's own page, in the same browser context (same
 * origin, same IndexedDB, the same bridge). Open a new one after each relaunch or crash.
 */
export class CaptureDriver {
  private constructor(
    readonly page: Page,
    readonly siteKey: string
  ) {}

  static async open(desk: Desk, options: CaptureDriverOptions): Promise<CaptureDriver> {
    const page = await desk.context.newPage()
    await page.exposeBinding(SAVED_BINDING, (_source, report: unknown) => {
      options.onSaved(parsePageAnswer(savedReportSchema, report, 'A saved report'))
    })
    await page.goto(`${desk.appOrigin}/${CAPTURE_DRIVER_PAGE}`, { waitUntil: 'load' })
    await page.waitForFunction(() => 'captureDriver' in globalThis)
    const siteKey = await page.evaluate(
      (deliver) => (globalThis as unknown as DriverWindow).captureDriver.open({ deliver }),
      options.deliver
    )
    return new CaptureDriver(page, siteKey)
  }

  /** Rejects if the browser dies meanwhile; what committed before was reported already. */
  captureMany(entries: CaptureEntry[], capturedBy: string): Promise<number> {
    return this.page.evaluate(
      ([list, by]) => (globalThis as unknown as DriverWindow).captureDriver.captureMany(list, by),
      [entries, capturedBy] as const
    )
  }

  /** Every item of the site's outbox, in capture order. */
  async listAll(): Promise<DriverItem[]> {
    const items = await this.page.evaluate(() =>
      (globalThis as unknown as DriverWindow).captureDriver.listAll()
    )
    return parsePageAnswer(z.array(driverItemSchema), items, 'The outbox listing')
  }

  deliveryError(): Promise<string | null> {
    return this.page.evaluate(() =>
      (globalThis as unknown as DriverWindow).captureDriver.deliveryError()
    )
  }
}

/** Items per state, for the suites' printed counts and their waits. */
export function countByState(items: readonly DriverItem[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[item.state] = (counts[item.state] ?? 0) + 1
  return counts
}

function parsePageAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.map(String).join('.') || '(the answer)'}: ${issue.message}`)
  throw new HarnessError(`${what} from the capture driver is malformed: ${problems.join('; ')}`)
}
