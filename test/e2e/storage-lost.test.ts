import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESTORED_FROM_BACKUP_MESSAGE } from '../../src/shared/outbox/outbox-transitions'
import { appStatusText, startPracticeDesk, waitForAppDelivering } from '../harness/driver/app-page'
import { CaptureDriver, countByState, type DriverItem } from '../harness/driver/capture-driver-page'
import { planCaptures } from '../harness/driver/capture-plan'
import type { SavedReport } from '../harness/driver/driver-contract'
import { readSiteCatalog, type SiteCatalog } from '../harness/driver/site-catalog'
import { waitUntil } from '../harness/driver/wait-until'
import { HarnessError } from '../harness/harness-error'
import { putMarker, readMarkers } from '../harness/indexed-db-markers'
import { launchDesk, type Desk } from '../harness/launch-desk'

/**
 * The computer stops, and at the next start Chromium finds the app's IndexedDB damaged and
 * deletes all of it ("IndexedDB recovering from a corrupted (and deleted) database"; seen
 * after a kill in the crash suite). Here the damage is made on purpose, in the LevelDB log
 * Chromium reads at start-up, and a marker database shows that Chromium did delete.
 * Every result the clerk was told was saved and that had not gone out must come back from
 * the main process's backup copy, and go out once; results sent before stay sent once.
 */

const PRACTICE_USER = 'jadams'
const MARKER_DATABASE = 'storage-lost-marker'

let desk: Desk
let catalog: SiteCatalog

beforeAll(async () => {
  desk = await launchDesk({ people: 60 })
  await startPracticeDesk(desk)
  catalog = await readSiteCatalog(desk.sim)
})

afterAll(async () => {
  await desk?.close()
})

describe('the app storage lost to damage', () => {
  it('brings back every saved result not yet sent, and sends each once', async () => {
    const entries = planCaptures(catalog, {
      items: 12,
      connections: 6,
      newShare: 0.2,
      random: () => 0.5,
      label: 'lost'
    })
    const saved = new Map<string, SavedReport>()
    const driver = await CaptureDriver.open(desk, {
      deliver: false,
      onSaved: (report) => saved.set(report.tag, report)
    })
    // Sent before the loss: these must not go out again.
    await driver.captureMany(entries.slice(0, 4), PRACTICE_USER)
    await waitUntil(
      'the first results are sent',
      async () => {
        const items = await driver.listAll()
        return items.length === 4 && items.every((item) => item.state === 'sent') ? true : undefined
      },
      {
        timeoutMs: 60_000,
        describe: async () => JSON.stringify(countByState(await driver.listAll()))
      }
    )
    // Offline from here: these wait in the outbox when the computer stops.
    await desk.setOnline(false)
    await driver.captureMany(entries.slice(4), PRACTICE_USER)
    const unsent = [...saved.values()].slice(4)
    await putMarker(desk.page, MARKER_DATABASE, 'before-the-damage')

    await desk.kill()
    await damageIndexedDb(desk.profileDir)
    await desk.relaunch()
    await waitForAppDelivering(desk)

    // Chromium deleted the damaged storage: the marker went with it.
    expect(await readMarkers(desk.page, MARKER_DATABASE)).toEqual([])
    await expect
      .poll(() => appStatusText(desk))
      .toContain(`${unsent.length} unsent results were restored from the backup copy`)
    const after = await CaptureDriver.open(desk, { deliver: false, onSaved: () => {} })
    const restored = await after.listAll()
    expect(restored.map((item) => item.id)).toEqual(unsent.map((report) => report.id))
    for (const item of restored) {
      // Offline still: the app has tried them since, and they wait for the line.
      expect(item.uncertain).toBe(true)
      expect(item.attempts[0]?.message).toBe(RESTORED_FROM_BACKUP_MESSAGE)
    }

    await desk.setOnline(true)
    const sent = await waitUntil(
      'every restored result is sent',
      async () => {
        const items = await after.listAll()
        return items.every((item) => item.state === 'sent') ? items : undefined
      },
      {
        timeoutMs: 60_000,
        describe: async () => JSON.stringify(countByState(await after.listAll()))
      }
    )
    expect(sent.map((item: DriverItem) => item.idempotencyKey)).toEqual(
      unsent.map((report) => report.idempotencyKey)
    )
    const records = await desk.sim.changeRequests()
    const timesRecorded = (key: string): number =>
      records.filter((record) => record.IdempotencyKey === key).length
    for (const report of saved.values()) expect(timesRecorded(report.idempotencyKey)).toBe(1)
    expect(desk.pageErrors).toEqual([])
  }, 180_000)
})

/**
 * Flips bytes inside the newest LevelDB log of the app's origin: its checksum no longer
 * matches, which Chromium's IndexedDB treats as a damaged database.
 */
async function damageIndexedDb(profileDir: string): Promise<void> {
  const root = join(profileDir, 'Default', 'IndexedDB')
  const origins = (await readdir(root)).filter((name) => name.endsWith('.indexeddb.leveldb'))
  if (origins.length !== 1) {
    throw new HarnessError(
      `Expected one IndexedDB origin folder in ${root}, found ${origins.length}`
    )
  }
  const folder = join(root, origins[0] ?? '')
  const logs = (await readdir(folder)).filter((name) => name.endsWith('.log')).sort()
  const newest = logs.at(-1)
  if (!newest) throw new HarnessError(`No LevelDB log in ${folder}`)
  const path = join(folder, newest)
  if ((await stat(path)).size < 4_096) {
    throw new HarnessError(`The LevelDB log ${path} is too small to damage on purpose`)
  }
  const bytes = await readFile(path)
  const at = Math.floor(bytes.length * 0.75)
  for (let index = at; index < at + 64; index++) bytes[index] = (bytes[index] ?? 0) ^ 0xff
  await writeFile(path, bytes)
}
