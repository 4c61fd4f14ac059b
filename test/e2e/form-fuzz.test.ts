import * as fc from 'fast-check'
import type { Locator } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  COMMENT_MAX_LENGTH,
  commentLength,
  isConnectionDate
} from '../../src/shared/change-request'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import { commentOf, waitForRecorded } from '../harness/page-objects/desk-session'
import { describedText } from '../harness/page-objects/form-keys'
import { NewConnectionPage } from '../harness/page-objects/new-connection-page'
import type { PageElement } from '../harness/page-objects/desk-page'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'

/** Fixed so a failure can be replayed; FUZZ_SEED and FUZZ_RUNS (random cases) explore further. */
const SEED = Number(process.env.FUZZ_SEED ?? 1129)
const RUNS = Number(process.env.FUZZ_RUNS ?? 6)
/** The connection whose result form is fuzzed: all its results go out in capture order. */
const ROW = 2
const LONG = 10_000

/** What a hostile or careless clerk might paste. Each script sets window.__pwned if it runs. */
const HOSTILE = [
  '<img src=x onerror=window.__pwned=1>',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  "'); window.__pwned=1; ('",
  'javascript:window.__pwned=1',
  '{@html "<img src=x onerror=window.__pwned=1>"}',
  '\u202Eevil.exe\u202C',
  'مرحبا، كيف حالك؟',
  'שלום עליכם',
  '👨‍👩‍👧‍👦🇺🇸👍🏽',
  'Zoë Ångström-Ñúñez',
  '\u0000\u0001\u0007\u001b[31m\u007f',
  '\u200b\u200d\ufeff\u2028\u2029',
  'line one\nline two\ttabbed',
  '%s%n%x ${window.__pwned=1}'
]

const controlCharacter = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code))
const fragment = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: controlCharacter, minLength: 1, maxLength: 4 })
)
const fuzzText = fc.array(fragment, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''))
const longText = fc
  .constantFrom('a', 'é', '👍🏽', 'ש', '<b>')
  .chain((unit) => fc.integer({ min: 1_990, max: LONG }).map((count) => unit.repeat(count)))
const commentText = fc.oneof({ weight: 4, arbitrary: fuzzText }, { weight: 1, arbitrary: longText })
const junkDate = fc.option(fc.oneof(fuzzText, fc.constantFrom('02/30/2025', '13/01/2025')), {
  nil: undefined,
  freq: 3
})

interface ResultCase {
  comment: string
  date: string | undefined
  personQuery: string | undefined
}

interface NewConnectionCase {
  contactQuery: string
  personQuery: string
  comment: string
  date: string | undefined
}

const resultCase: fc.Arbitrary<ResultCase> = fc.record({
  comment: commentText,
  date: junkDate,
  personQuery: fc.option(fuzzText, { nil: undefined })
})

const newConnectionCase: fc.Arbitrary<NewConnectionCase> = fc.record({
  contactQuery: fuzzText,
  personQuery: fuzzText,
  comment: commentText,
  date: junkDate
})

/** Always tried first: the payloads named in the brief, and texts far over every limit. */
const RESULT_EXAMPLES: ResultCase[] = [
  { comment: HOSTILE[0] ?? '', date: undefined, personQuery: HOSTILE[1] },
  { comment: HOSTILE[1] ?? '', date: HOSTILE[0], personQuery: undefined },
  { comment: 'x'.repeat(LONG), date: '9'.repeat(LONG), personQuery: 'y'.repeat(LONG) },
  // At the limit as a person counts: 2,000 emoji of four UTF-16 units each.
  { comment: '👍🏽'.repeat(COMMENT_MAX_LENGTH), date: undefined, personQuery: undefined }
]

const NEW_CONNECTION_EXAMPLES: NewConnectionCase[] = [
  {
    contactQuery: HOSTILE[0] ?? '',
    personQuery: HOSTILE[1] ?? '',
    comment: HOSTILE[1] ?? '',
    date: undefined
  },
  {
    contactQuery: 'c'.repeat(LONG),
    personQuery: 'p'.repeat(LONG),
    comment: 'x'.repeat(LONG),
    date: '1'.repeat(LONG)
  }
]

let desk: Desk
let contactQuery: string

beforeAll(async () => {
  desk = await launchDesk({ people: 100 })
  const signIn = new SignInPage(desk.page)
  await signIn.waitForShown()
  await signIn.usePractice()
  const connections = new ConnectionsPage(desk.page)
  await connections.waitForRows(ROW + 1)
  await connections.waitForDataSettled()
  const people = (await desk.sim.getJson('individuals?q=%25&pageSize=1')) as {
    Page: Array<{ LastName: string }>
  }
  contactQuery = people.Page[0]?.LastName ?? ''
  expect(contactQuery).not.toBe('')
})

afterAll(async () => {
  await desk?.close()
})

describe('the result form, fuzzed', () => {
  it('saves exactly what was typed or refuses it beside the field, and runs no script', async () => {
    const connections = new ConnectionsPage(desk.page)
    const before = (await desk.sim.changeRequests()).length
    const saved: string[] = []
    let refused = 0
    // Offline, every saved text stays in the outbox, which shows it back.
    await desk.setOnline(false)
    await fc.assert(
      fc.asyncProperty(resultCase, async (input) => {
        const typed = await fuzzResultForm(connections, input)
        if (typed === null) refused++
        else saved.push(typed)
        await expectNoScriptRan()
      }),
      {
        seed: SEED,
        numRuns: RUNS + RESULT_EXAMPLES.length,
        endOnFailure: true,
        examples: RESULT_EXAMPLES.map((example) => [example])
      }
    )
    expect(saved.length).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)

    const header = new AppHeader(desk.page)
    await header.goTo('Outbox')
    const outbox = new OutboxPage(desk.page)
    await outbox.waitForCount(saved.length)
    expect(await entryTexts(outbox)).toEqual(saved.map((text) => expect.stringContaining(text)))
    await expectNoScriptRan()

    await desk.setOnline(true)
    const recorded = (await waitForRecorded(desk, before + saved.length)).slice(before)
    expect(recorded.map(commentOf)).toEqual(saved)
    await header.goTo('Connections')
  })
})

describe('the new connection form, fuzzed', () => {
  it('saves exactly what was typed or refuses it beside the field, and runs no script', async () => {
    const before = (await desk.sim.changeRequests()).length
    const saved: string[] = []
    let refused = 0
    await desk.setOnline(false)
    await fc.assert(
      fc.asyncProperty(newConnectionCase, async (input) => {
        const typed = await fuzzNewConnectionForm(input)
        if (typed === null) refused++
        else saved.push(typed)
        await expectNoScriptRan()
      }),
      {
        seed: SEED,
        numRuns: RUNS + NEW_CONNECTION_EXAMPLES.length,
        endOnFailure: true,
        examples: NEW_CONNECTION_EXAMPLES.map((example) => [example])
      }
    )
    expect(saved.length).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)

    const header = new AppHeader(desk.page)
    await header.goTo('Outbox')
    const outbox = new OutboxPage(desk.page)
    await outbox.waitForCount(saved.length)
    const shown = await entryTexts(outbox)
    for (const text of saved) expect(shown.some((entry) => entry.includes(text))).toBe(true)

    await desk.setOnline(true)
    const recorded = (await waitForRecorded(desk, before + saved.length)).slice(before)
    // New connections are not ordered among themselves: the same texts, in any order.
    expect(recorded.map(commentOf).sort()).toEqual([...saved].sort())
    await expectNoScriptRan()
  })
})

/** Fills the result form of the row with the case; the comment saved, or null if refused. */
async function fuzzResultForm(
  connections: ConnectionsPage,
  input: ResultCase
): Promise<string | null> {
  await connections.openByKeyboard(ROW)
  const form = new ResultFormPage(desk.page)
  if (input.personQuery !== undefined) {
    await form.outcome('Reassign').check()
    await form.form.getByRole('radio', { name: 'A person' }).check()
    const search = form.form.getByRole('combobox', { name: 'Person' })
    await expectSearchAnswers(search, input.personQuery)
  }
  await form.outcome('Keep open').check()
  const typed = await typeComment(form.comment, input.comment)
  const date = await typeDate(form.date, input.date)
  await form.comment.focus()
  await desk.page.keyboard.press('Control+Enter')
  if (dateAccepted(date) && commentLength(typed) <= COMMENT_MAX_LENGTH) {
    await form.form.waitFor({ state: 'detached' })
    return typed
  }
  await expectRefusedBeside(form.errorSummary, form.date, form.comment, date, typed)
  await discardByKeyboard(form.form)
  await connections.heading.waitFor()
  return null
}

async function fuzzNewConnectionForm(input: NewConnectionCase): Promise<string | null> {
  const header = new AppHeader(desk.page)
  await header.goTo('New connection')
  const form = new NewConnectionPage(desk.page)
  await form.waitForShown()
  await expectSearchAnswers(form.contactSearch, input.contactQuery)
  await form.choosePerson(form.contactSearch, contactQuery)
  await form.connectionType.selectOption({ label: 'First-time guest' })
  await form.assigneeKind('A person').check()
  await expectSearchAnswers(form.personSearch, input.personQuery)
  await form.assigneeKind('A team').check()
  await form.team.selectOption({ label: 'Care team' })
  const typed = await typeComment(form.comment, input.comment)
  const date = await typeDate(form.date, input.date)
  await form.comment.focus()
  await desk.page.keyboard.press('Control+Enter')
  const connections = new ConnectionsPage(desk.page)
  if (dateAccepted(date) && commentLength(typed) <= COMMENT_MAX_LENGTH) {
    await connections.heading.waitFor()
    return typed
  }
  await expectRefusedBeside(form.errorSummary, form.date, form.comment, date, typed)
  await discardByKeyboard(form.form)
  await connections.heading.waitFor()
  return null
}

/** Fills the comment box; what it holds is what was typed (a textarea turns CR into LF). */
async function typeComment(comment: Locator, text: string): Promise<string> {
  await comment.fill(text)
  const typed = await comment.inputValue()
  expect(typed).toBe(text.replace(/\r\n?/g, '\n'))
  return typed
}

/** Types a date when the case has one; returns the field's text either way. */
async function typeDate(date: Locator, text: string | undefined): Promise<string> {
  if (text !== undefined) await date.fill(text)
  return (await date.inputValue()).trim()
}

/**
 * Whether the form takes this date: it reads clerks' "3/9/2025" and "03-09-2025" as
 * MM/DD/YYYY before the shared schema checks the day exists.
 */
function dateAccepted(text: string): boolean {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim())
  if (!match) return isConnectionDate(text.trim())
  const [, month = '', day = '', year = ''] = match
  return isConnectionDate(`${month.padStart(2, '0')}/${day.padStart(2, '0')}/${year}`)
}

/** A search box answers any text with a status line, and shows the text only as text. */
async function expectSearchAnswers(search: Locator, query: string): Promise<void> {
  await search.fill(query)
  const typed = await search.inputValue()
  if (typed.trim() !== '') {
    await expect.poll(() => describedText(search, '-status')).not.toBe('')
  }
  await expectNoScriptRan()
  await search.fill('')
}

async function expectRefusedBeside(
  summary: Locator,
  dateField: Locator,
  commentField: Locator,
  date: string,
  comment: string
): Promise<void> {
  await summary.waitFor()
  if (!dateAccepted(date)) {
    expect(await describedText(dateField, '-error')).toContain('must be a real date')
  }
  if (commentLength(comment) > COMMENT_MAX_LENGTH) {
    expect(await describedText(commentField, '-error')).toContain('at most 2,000 characters')
  }
}

/** Escape asks before throwing typed input away; the clerk confirms. */
async function discardByKeyboard(form: Locator): Promise<void> {
  await desk.page.keyboard.press('Escape')
  const dialog = desk.page.getByRole('alertdialog', { name: 'Leave without saving?' })
  await dialog.getByRole('button', { name: 'Discard and close' }).click()
  await form.waitFor({ state: 'detached' })
}

/** Each outbox entry's text exactly as the DOM holds it, read in one go. */
async function entryTexts(outbox: OutboxPage): Promise<string[]> {
  return outbox.region.evaluate((element) =>
    Array.from((element as unknown as PageElement).querySelectorAll('li'))
      .filter((item) => item.querySelector('h3') !== null)
      .map((item) => item.textContent ?? '')
  )
}

async function expectNoScriptRan(): Promise<void> {
  expect(await desk.page.evaluate(() => '__pwned' in globalThis)).toBe(false)
  expect(desk.pageErrors).toEqual([])
  expect(desk.cspViolations).toEqual([])
}
