import * as z from 'zod'

/**
 * What the desk bench page offers the Node side (as `globalThis.__deskBench`), and the shape
 * of each answer. The page fills these in; Node parses every answer with these schemas,
 * since whatever crosses page.evaluate is outside data.
 */
export const DESK_BENCH_GLOBAL = '__deskBench'

/** The id of the search box showSearchBox() adds, which the Node side types into. */
export const SEARCH_BOX_ID = 'bench-search'

const samples = z.array(z.number().nonnegative())

export const signInResultSchema = z.object({ siteKey: z.string().min(1) })

export const saveLatencyResultSchema = z.object({ captureMs: samples, rawPutMs: samples })

export const drainBreakdownSchema = z.object({
  /** Waiting for delivery:send (bridge, main process, HTTP, site). */
  sendMs: z.number(),
  /** Reading every unsent item back (OutboxRepository.listUnsent), once per pass. */
  listUnsentMs: z.number(),
  listUnsentCalls: z.int(),
  /**
   * Strict-durability writes of locks and answers (settleAndLock, saveAll); they mostly run
   * while a batch is out, so they overlap sendMs.
   */
  writesMs: z.number(),
  /** Not waiting on a send or the list: writes not hidden behind a send, picking, the report. */
  otherMs: z.number()
})

export const drainResultSchema = z.object({
  ms: z.number().positive(),
  items: z.int().positive(),
  sent: z.int().nonnegative(),
  /** The deadline passed before every item was sent: the figures cover `sent` items. */
  stoppedAtDeadline: z.boolean(),
  batches: z.int().nonnegative(),
  breakdown: drainBreakdownSchema
})
export type DrainResult = z.infer<typeof drainResultSchema>

export const drainWriteFloorSchema = z.object({
  /** Writing every item's answer once, a batch per strict transaction. */
  answersOnlyMs: z.number().positive(),
  /** A lock before each batch and the answers after, as the app writes. */
  lockAndAnswerMs: z.number().positive()
})
export type DrainWriteFloor = z.infer<typeof drainWriteFloorSchema>

export const directoryResultSchema = z.object({
  ms: z.number().positive(),
  stored: z.int().nonnegative(),
  /** Waiting for people:search: from the first page asked to the last answered. */
  fetchMs: z.number()
})

export const buildTimesSchema = z.object({
  people: z.int().positive(),
  distinctNames: z.int().positive(),
  buildMs: samples
})

/** The libraries the people search is held against (bench/pages/desk/search-peers.ts). */
export const peerEngineSchema = z.enum(['uFuzzy', 'MiniSearch'])
export type PeerEngine = z.infer<typeof peerEngineSchema>

export const keystrokeResultSchema = z.object({
  keystrokes: z.int().positive(),
  searchMs: samples,
  naiveMs: samples,
  peerMs: z.object({ uFuzzy: samples, MiniSearch: samples })
})

export const typoRecallResultSchema = z.object({
  cases: z.int().positive(),
  found: z.int().nonnegative(),
  /** A few queries whose person was not found, for the report. */
  missed: z.array(z.object({ query: z.string(), wanted: z.string() })),
  peerFound: z.object({ uFuzzy: z.int().nonnegative(), MiniSearch: z.int().nonnegative() })
})

export const typingSamplesSchema = z.object({
  /** From each input event's timestamp to its search result (queueing included). */
  latencyMs: samples,
  /** Main-thread tasks over 50 ms seen since the last call. */
  longTasksMs: samples
})

/** The Playwright binding the harness's bridge uses (test/harness/page-scripts.ts). */
export const HARNESS_BINDING = '__deskHarnessInvoke'

const floorSamples = z.object({ smallMs: samples, peoplePageMs: samples })
export const bridgeFloorSchema = z.object({ bench: floorSamples, harness: floorSamples })

export const firstScreenDataSchema = z.object({
  people: z.int().nonnegative(),
  connections: z.int().nonnegative(),
  /** The cached data (people, reference lists, outbox) as JSON, in UTF-8 bytes. */
  jsonBytes: z.int().positive()
})

export interface DeskBenchApi {
  signIn(): Promise<z.infer<typeof signInResultSchema>>
  bridgeFloor(args: { rounds: number }): Promise<z.infer<typeof bridgeFloorSchema>>
  saveLatency(args: { saves: number }): Promise<z.infer<typeof saveLatencyResultSchema>>
  drain(args: { items: number; deadlineMs: number }): Promise<DrainResult>
  /**
   * Queues the items, starts their drain and returns when it started (performance.now());
   * finishDrain() waits for its result.
   */
  startDrain(args: { items: number; deadlineMs: number }): Promise<number>
  drainRunning(): boolean
  /** Raw IndexedDB writes of a drain's items, no network (drain-write-floor.ts). */
  drainWriteFloor(args: { items: number; batchSize: number }): Promise<DrainWriteFloor>
  finishDrain(): Promise<DrainResult>
  /** The page's half of the durable raw loop (durable-raw-writes.ts). */
  openDurableRawStore(args: { items: number }): Promise<void>
  writeDurableRawAnswers(args: { from: number; count: number }): Promise<void>
  closeDurableRawStore(): Promise<void>
  directory(args: { people: number }): Promise<z.infer<typeof directoryResultSchema>>
  /** Loads the last downloaded directory into memory (retained, for the memory metric). */
  loadPeople(): Promise<number>
  buildIndex(args: { rounds: number }): z.infer<typeof buildTimesSchema>
  /** Builds one index and keeps it reachable until dropIndex(). */
  keepIndex(): number
  dropIndex(): void
  /** Builds one peer library's index and keeps only it reachable until dropPeerEngines(). */
  keepPeerEngine(args: { engine: PeerEngine }): void
  dropPeerEngines(): void
  keystrokes(args: { targets: number; seed: number }): z.infer<typeof keystrokeResultSchema>
  typoRecall(args: { cases: number; seed: number }): z.infer<typeof typoRecallResultSchema>
  /** Fills the app's own database for the first-screen metric (see first-screen-data.ts). */
  prepareFirstScreen(args: {
    history: number
    unsent: number
    refresh: boolean
  }): Promise<z.infer<typeof firstScreenDataSchema>>
  /** Writes sent results into a fresh database and closes it (history-on-disk.ts). */
  writeHistory(args: { items: number }): Promise<void>
  deleteHistory(): Promise<void>
  /** Full names ("First Last") of people drawn with a seed, for the Node side to type. */
  pickNames(args: { count: number; seed: number }): string[]
  /** Puts a search box on the page whose input events run the people search. */
  showSearchBox(): void
  takeTypingSamples(args: { since: number }): z.infer<typeof typingSamplesSchema>
}
