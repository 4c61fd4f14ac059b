import type { DeskDatabase } from './desk-database'

/** One number printed on a call sheet, and the connection it stands for. */
export interface SheetNumberRecord {
  number: number
  connectionId: number
  /**
   * The assignments download it was given under (that download's time): printing again
   * before the next refresh gives the same numbers, after it new ones in the new order.
   */
  generation: number
  printedAt: number
}

export interface NumberSheetsOptions {
  /** The connections to print, in the order they are printed. */
  connectionIds: readonly number[]
  generation: number
  /**
   * The open connections as last downloaded; numbers of any other (closed) connection are
   * let go. Null when the list was never downloaded: nothing is let go then.
   */
  open: ReadonlySet<number> | null
  now: number
}

/**
 * Numbers for a call sheet: a connection numbered under this generation keeps its number,
 * the others get the next ones, in print order. Numbers of earlier generations stay (a sheet
 * printed before a refresh still resolves) until their connections are closed; once none is
 * left, numbering starts again at 1, so numbers stay short.
 */
export async function numberSheets(
  db: DeskDatabase,
  options: NumberSheetsOptions
): Promise<Map<number, number>> {
  return db.transaction('rw', db.sheetNumbers, async () => {
    const open = options.open
    if (open) {
      await db.sheetNumbers.filter((record) => !open.has(record.connectionId)).delete()
    }
    const kept = await db.sheetNumbers.toArray()
    const numbers = new Map<number, number>()
    let last = 0
    for (const record of kept) {
      last = Math.max(last, record.number)
      if (record.generation === options.generation) {
        numbers.set(record.connectionId, record.number)
      }
    }
    const added: SheetNumberRecord[] = []
    for (const connectionId of options.connectionIds) {
      if (numbers.has(connectionId)) continue
      last += 1
      numbers.set(connectionId, last)
      added.push({
        number: last,
        connectionId,
        generation: options.generation,
        printedAt: options.now
      })
    }
    await db.sheetNumbers.bulkAdd(added)
    return numbers
  })
}

/** The connection a printed number stands for, or undefined when none (or it was closed). */
export async function resolveSheetNumber(
  db: DeskDatabase,
  number: number
): Promise<SheetNumberRecord | undefined> {
  return db.sheetNumbers.get(number)
}

/** The number printed after this one (the sheet's order), or undefined after the last. */
export async function sheetNumberAfter(
  db: DeskDatabase,
  number: number
): Promise<SheetNumberRecord | undefined> {
  return db.sheetNumbers.where('number').above(number).first()
}
