import { extractText } from 'unpdf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { CallSheetsPage } from '../harness/page-objects/call-sheets-page'
import { commentOf, signInThroughForm, waitForRecorded } from '../harness/page-objects/desk-session'
import { ResultFormPage } from '../harness/page-objects/result-form-page'

/** The practice site makes one connection per eight people: over 300 open ones. */
const PEOPLE = 2_900

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: PEOPLE })
})

afterAll(async () => {
  await desk?.close()
})

describe('call sheets', () => {
  it('prints 300 and more connections, one sheet per volunteer, each once, in number order, none split', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const open = Number(/^(\d+) open$/.exec(await connections.countText())?.[1])
    const sheets = new CallSheetsPage(desk.page)
    await sheets.open()
    const printed = await sheets.entries()
    expect(open).toBeGreaterThanOrEqual(300)
    expect(printed).toHaveLength(open)
    expect(new Set(printed.map((entry) => entry.connectionId)).size).toBe(open)
    const church = await sheets.churchName()
    expect(church).not.toBe('')

    const pdf = await desk.page.pdf({ preferCSSPageSize: true, printBackground: true })
    const { text: pages } = await extractText(new Uint8Array(pdf), { mergePages: false })
    const numbersByPage = pages.map((page) =>
      [...page.matchAll(/#\s?(\d+)\b/g)].map((match) => Number(match[1]))
    )
    const numbers = numbersByPage.flat()
    // Every connection once, numbered 1, 2, 3, ... in the order printed.
    expect(numbers).toEqual(printed.map((_, index) => index + 1))
    expect(numbers).toEqual(printed.map((entry) => entry.number))
    for (const [index, page] of pages.entries()) {
      // The header on every page, and every connection whole on its page: its last line too.
      expect(page, `page ${index + 1}`).toContain(church)
      expect(page.match(/Reassign to/g)?.length ?? 0, `page ${index + 1}`).toBe(
        numbersByPage[index]?.length
      )
    }
    // One sheet per volunteer: no page holds two volunteers' connections.
    expect(pages.length).toBeGreaterThanOrEqual(await sheets.groupCount())
    await sheets.close()
    expect(desk.pageErrors).toEqual([])
  })

  it('keys 20 results back in by sheet number, "Save and next" following the sheet', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const sheets = new CallSheetsPage(desk.page)
    await sheets.open()
    const printed = (await sheets.entries()).slice(0, 20)
    await sheets.close()
    // A refresh after printing: the sheet's numbers still resolve.
    await desk.page.getByRole('button', { name: 'Refresh data', exact: true }).click()
    await connections.waitForDataSettled()
    const before = (await desk.sim.changeRequests()).length

    const form = new ResultFormPage(desk.page)
    await sheets.keyIn(printed[0]?.number ?? 0)
    for (const [index, entry] of printed.entries()) {
      await desk.page.getByRole('region', { name: `Result for ${entry.contactName}` }).waitFor()
      await form.enterByKeyboard({
        comment: `From sheet number ${entry.number}`,
        outcome: 'Keep open'
      })
      if (index < printed.length - 1) await form.saveByKeyboard(true)
      else await form.saveAndClose()
    }

    const recorded = (await waitForRecorded(desk, before + 20)).slice(before)
    const byComment = new Map(recorded.map((record) => [commentOf(record), record]))
    for (const entry of printed) {
      const record = byComment.get(`From sheet number ${entry.number}`)
      expect(connectionIdOf(record?.Body), `number ${entry.number}`).toBe(entry.connectionId)
    }
    expect(desk.pageErrors).toEqual([])
  })

  it('says plainly when a number is on no sheet', async () => {
    await signInThroughForm(desk, 'jadams')
    const sheets = new CallSheetsPage(desk.page)
    await sheets.keyIn(99_999)
    expect(await sheets.keyInError()).toMatch(/No printed call sheet has number 99999/)
  })
})

function connectionIdOf(body: unknown): unknown {
  return typeof body === 'object' && body !== null && 'ConnectionId' in body
    ? body.ConnectionId
    : undefined
}
