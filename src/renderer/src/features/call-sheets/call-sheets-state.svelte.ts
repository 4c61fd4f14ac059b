import type { DeskApi } from '$shared/bridge/desk-api'
import { DeskError } from '$shared/errors'
import type { ConnectionResponse, Person, Connection } from '$shared/lookups'
import type { DeskDatabase } from '../../db/desk-database'
import type { ReferenceAsOf } from '../../db/reference-store'
import {
  numberSheets,
  resolveSheetNumber,
  sheetNumberAfter,
  type SheetNumberRecord
} from '../../db/sheet-numbers'
import { toDeskError } from '$shared/errors'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'
import {
  buildCallSheets,
  idsOf,
  pdfName,
  printOrder,
  type CallSheets,
  type SheetGrouping
} from './call-sheet-model'

/** What the sheets read from the reference data (ReferenceState in the app). */
export interface CallSheetsReference {
  readonly account: { siteName: string } | null
  readonly connections: readonly Connection[]
  readonly asOf: ReferenceAsOf
  personById(indvId: number): Person | undefined
  responsesFor(connectionTypeId: number): ConnectionResponse[]
  connectionById(connectionId: number): Connection | undefined
}

export interface CallSheetsOptions {
  database: DeskDatabase
  reference: CallSheetsReference
  desk: Pick<DeskApi, 'sheets'>
  now?: () => number
}

/** A sheet number typed back in, and the connection it stands for. */
export interface SheetLine {
  number: number
  connectionId: number
}

/**
 * Call sheets: the print view of some connections, numbered so that the results written on
 * paper can be keyed back in by number; everything comes from the saved data, so it works
 * offline. The numbers live in the site's database (db/sheet-numbers.ts).
 */
export class CallSheetsState {
  #sheets = $state.raw<CallSheets | null>(null)
  #grouping = $state<SheetGrouping>('volunteer')
  #error = $state.raw<DeskError | null>(null)
  #notice = $state<string | null>(null)
  #busy = $state(false)
  #rows: readonly ConnectionRow[] = []
  readonly #options: CallSheetsOptions
  readonly #now: () => number

  constructor(options: CallSheetsOptions) {
    this.#options = options
    this.#now = options.now ?? Date.now
  }

  /** The sheets on show, or null when the print view is closed. */
  get sheets(): CallSheets | null {
    return this.#sheets
  }

  get grouping(): SheetGrouping {
    return this.#grouping
  }

  get error(): DeskError | null {
    return this.#error
  }

  get notice(): string | null {
    return this.#notice
  }

  get busy(): boolean {
    return this.#busy
  }

  /** Numbers these rows (in print order) and shows their sheets. */
  async open(rows: readonly ConnectionRow[], grouping: SheetGrouping = this.#grouping) {
    this.#rows = rows
    this.#grouping = grouping
    this.#error = null
    this.#notice = null
    const reference = this.#options.reference
    const downloadedAt = reference.asOf.assignments
    try {
      const numbers = await numberSheets(this.#options.database, {
        connectionIds: printOrder(rows, grouping),
        generation: downloadedAt ?? 0,
        open: downloadedAt === null ? null : idsOf(reference.connections),
        now: this.#now()
      })
      this.#sheets = buildCallSheets({
        rows,
        grouping,
        numbers,
        source: reference,
        churchName: reference.account?.siteName ?? '',
        now: this.#now()
      })
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }

  /** The same connections, grouped another way (numbers given before are kept). */
  regroup(grouping: SheetGrouping): Promise<void> {
    return this.open(this.#rows, grouping)
  }

  close(): void {
    this.#sheets = null
    this.#error = null
    this.#notice = null
  }

  /** The system's print dialog, on the sheets as the print styles lay them out. */
  print(): void {
    window.print()
  }

  /** Writes the sheets into a PDF where the clerk chooses (the main process prints them). */
  async savePdf(): Promise<void> {
    if (this.#busy || !this.#sheets) return
    this.#busy = true
    this.#error = null
    this.#notice = null
    try {
      const result = await this.#options.desk.sheets.savePdf({
        suggestedName: pdfName(this.#now())
      })
      this.#notice = result.saved ? `Saved ${result.fileName ?? 'the PDF'}.` : null
    } catch (error) {
      this.#error = toDeskError(error)
    } finally {
      this.#busy = false
    }
  }

  /** The connection a number from a printed sheet stands for, or why there is none. */
  async resolve(number: number): Promise<SheetLine> {
    const record = await resolveSheetNumber(this.#options.database, number)
    if (!record) {
      throw new DeskError(
        `No printed call sheet has number ${number}, or its connection has been closed since. Check the number on the sheet.`
      )
    }
    if (!this.#options.reference.connectionById(record.connectionId)) {
      throw new DeskError(
        `Number ${number} is for a connection no longer open on this computer. Use “Refresh data” if it should be.`
      )
    }
    return lineOf(record)
  }

  /** The next number on the sheets whose connection is still open, or null after the last. */
  async after(number: number): Promise<SheetLine | null> {
    let at = number
    for (;;) {
      const record = await sheetNumberAfter(this.#options.database, at)
      if (!record) return null
      if (this.#options.reference.connectionById(record.connectionId)) return lineOf(record)
      at = record.number
    }
  }
}

function lineOf(record: SheetNumberRecord): SheetLine {
  return { number: record.number, connectionId: record.connectionId }
}
