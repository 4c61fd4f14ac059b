import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createBridgeHandlers, type BridgeServices } from '$main/bridge-handlers'
import type { SheetsService } from '$main/service-contracts'
import { createSheetsPdfSaver } from '$main/sheets/save-sheets-pdf'
import { DeskError } from '$shared/errors'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'sheets-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const PDF = new TextEncoder().encode('%PDF-1.7 call sheets')
const log = { info: () => undefined }

describe('saving call sheets as a PDF', () => {
  it('prints the asking window and writes the PDF where the clerk chose', async () => {
    const offered: string[] = []
    const printed: number[] = []
    const saver = createSheetsPdfSaver({
      printPdf: async (senderId) => {
        printed.push(senderId)
        return PDF
      },
      chooseFile: async (defaultPath) => {
        offered.push(defaultPath)
        return join(folder, 'chosen.pdf')
      },
      defaultFolder: folder,
      log
    })
    const result = await saver.savePdf({ suggestedName: 'Call sheets 2026-12-07' }, 7)
    expect(result).toEqual({ saved: true, fileName: 'chosen.pdf' })
    expect(printed).toEqual([7])
    expect(offered).toEqual([join(folder, 'Call sheets 2026-12-07.pdf')])
    expect(new Uint8Array(await readFile(join(folder, 'chosen.pdf')))).toEqual(PDF)
  })

  it('writes nothing when the clerk cancels the dialog', async () => {
    const saver = createSheetsPdfSaver({
      printPdf: async () => PDF,
      chooseFile: async () => null,
      defaultFolder: folder,
      log
    })
    expect(await saver.savePdf({ suggestedName: 'sheets.pdf' }, 1)).toEqual({ saved: false })
  })

  it('says plainly when the folder cannot be written or the window cannot be printed', async () => {
    const unwritable = createSheetsPdfSaver({
      printPdf: async () => PDF,
      chooseFile: async () => join(folder, 'no-such-folder', 'sheets.pdf'),
      defaultFolder: folder,
      log
    })
    const refused = unwritable.savePdf({ suggestedName: 'sheets' }, 1)
    await expect(refused).rejects.toBeInstanceOf(DeskError)
    await expect(refused).rejects.toThrow(/could not be saved there \(ENOENT\)\. Choose another/)

    const closed = createSheetsPdfSaver({
      printPdf: async () => {
        throw new DeskError('the window has closed')
      },
      chooseFile: async () => join(folder, 'sheets.pdf'),
      defaultFolder: folder,
      log
    })
    await expect(closed.savePdf({ suggestedName: 'sheets' }, 1)).rejects.toThrow(
      /could not be turned into a PDF.*Try Print instead/
    )
  })
})

describe('the sheets:save-pdf channel', () => {
  function handlersWith(sheets?: SheetsService) {
    const unused = new Proxy(
      {},
      {
        get: (_target, name) => () => {
          throw new Error(`unexpected call to ${String(name)}`)
        }
      }
    )
    return createBridgeHandlers({
      vault: unused,
      api: unused,
      applicationId: unused,
      delivery: unused,
      practiceSite: unused,
      externalLinks: unused,
      ...(sheets ? { sheets } : {})
    } as BridgeServices)
  }

  it('passes the name and the asking window, and parses both ways', async () => {
    const asked: unknown[] = []
    const handle = handlersWith({
      savePdf: async (request, senderId) => {
        asked.push([request, senderId])
        return { saved: true, fileName: 'sheets.pdf' }
      }
    })
    expect(await handle('sheets:save-pdf', { suggestedName: ' Call sheets ' }, { id: 4 })).toEqual({
      ok: true,
      result: { saved: true, fileName: 'sheets.pdf' }
    })
    expect(asked).toEqual([[{ suggestedName: 'Call sheets' }, 4]])
    // A path is not a name: the page cannot aim the file anywhere.
    expect(
      await handle('sheets:save-pdf', { suggestedName: '../../etc/passwd' }, { id: 4 })
    ).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } })
    expect(asked).toHaveLength(1)
  })

  it('answers plainly where no window can be printed (the test harness)', async () => {
    expect(
      await handlersWith()('sheets:save-pdf', { suggestedName: 'sheets' }, { id: 1 })
    ).toMatchObject({
      ok: false,
      error: { name: 'DeskError', message: expect.stringMatching(/not available.*Print/) }
    })
  })
})
