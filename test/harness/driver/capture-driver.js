// @ts-check
// The harness-only capture driver, run in a page on the app's origin. It captures through
// the app's own site registry and outbox repository (strict durability), so what it saves is
// what the forms would save; the app's page beside it delivers, as in production. Plain
// JavaScript checked through JSDoc, like the harness's other page scripts: the Node
// typecheck project cannot hold renderer code.
// First: zod must be told before any schema is built (see the file).
import './zod-jitless'
import { deskOutboxBackup } from '$renderer/db/outbox-backup'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { SiteRegistry } from '$renderer/db/site-registry'
import { openSiteStates } from '$renderer/state/site-states'
import { deskFromWindow } from '$shared/bridge/window-desk'
import { DeskError } from '$shared/errors'
import { UNSENT_STATES } from '$shared/outbox/outbox-item'
import { CAPTURE_DRIVER_GLOBAL, SAVED_BINDING } from './driver-contract'

/** @typedef {import('./driver-contract').CaptureDriverApi} CaptureDriverApi */
/** @typedef {import('./driver-contract').SavedReport} SavedReport */
/** @typedef {import('$renderer/db/desk-database').DeskDatabase} DeskDatabase */
/** @typedef {import('$renderer/state/site-states').SiteStates} SiteStates */
/** @typedef {import('$shared/outbox/outbox-item').OutboxItem} OutboxItem */

/**
 * @typedef {object} OpenSite
 * @property {DeskDatabase} database
 * @property {OutboxRepository} repository
 * @property {SiteStates} [states] only when this page delivers too
 */

const desk = deskFromWindow()
/** @type {OpenSite | undefined} */
let site

/** @returns {OpenSite} */
function opened() {
  if (!site) throw new DeskError('The capture driver has no site open: call open() first')
  return site
}

/**
 * @param {SavedReport} report
 * @returns {Promise<void>}
 */
function reportSaved(report) {
  const binding = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis))[
    SAVED_BINDING
  ]
  if (typeof binding !== 'function') {
    throw new DeskError(`The capture driver's ${SAVED_BINDING} binding is missing`)
  }
  return binding(report)
}

/**
 * Captures as the forms do: the outbox state when this page delivers, else the repository
 * followed by the report the outbox state would send, which makes the main process wake the
 * delivering page. The report names the new item's due time rather than null, so it does not
 * cancel a retry the delivering page asked for.
 *
 * @param {import('./driver-contract').CaptureEntry} entry
 * @param {string} capturedBy
 * @returns {Promise<OutboxItem>}
 */
async function captureOne(entry, capturedBy) {
  const { database, repository, states } = opened()
  if (states) return states.outbox.capture(entry.body, entry.summary, capturedBy)
  const item = await repository.capture(entry.body, entry.summary, capturedBy)
  await desk.delivery.report({
    unsentCount: await database.outbox.where('state').anyOf(UNSENT_STATES).count(),
    nextDueAt: item.capturedAt,
    captured: true
  })
  return item
}

/** @type {CaptureDriverApi} */
const api = {
  async open({ deliver }) {
    const status = await desk.credentials.status()
    if (!status.configured || status.siteKey === null) {
      throw new DeskError('Nobody is signed in: sign in (or start practice) before capturing')
    }
    site?.states?.close()
    site?.database.close()
    site = undefined
    const siteKey = status.siteKey
    const registry = new SiteRegistry()
    if (deliver) {
      const states = await openSiteStates(desk, siteKey, registry)
      await states.start()
      site = { database: states.database, repository: states.repository, states }
    } else {
      const database = await registry.open(siteKey)
      // As site-states.ts builds it: every capture also gets its backup copy.
      const backup = deskOutboxBackup(desk, siteKey)
      site = { database, repository: new OutboxRepository(database, { backup }) }
    }
    return siteKey
  },

  async captureMany(entries, capturedBy) {
    for (const entry of entries) {
      const item = await captureOne(entry, capturedBy)
      await reportSaved({
        tag: entry.tag,
        id: item.id,
        idempotencyKey: item.idempotencyKey,
        sequence: item.sequence
      })
    }
    return entries.length
  },

  listAll: () => opened().repository.listAll(),

  deliveryError: () => site?.states?.outbox.error?.message ?? null
}

Object.defineProperty(globalThis, CAPTURE_DRIVER_GLOBAL, { value: api, enumerable: true })
