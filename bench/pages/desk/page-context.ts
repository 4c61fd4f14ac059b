import { DeskDatabase } from '$renderer/db/desk-database'
import type { DeskApi } from '$shared/bridge/desk-api'
import { deskFromWindow } from '$shared/bridge/window-desk'
import { BenchError } from '../../bench-error'

/** The page's bridge, exactly as the app builds it from the harness's transport. */
export const desk: DeskApi = deskFromWindow()

let siteKey: string | undefined
let opened = 0

/** Signs in to the practice site through the bridge, as the practice button does. */
export async function signIn(): Promise<string> {
  const { status } = await desk.practice.start()
  if (status.siteKey === null) {
    throw new BenchError('The practice sign-in answered without a site')
  }
  siteKey = status.siteKey
  return siteKey
}

export function signedInSite(): string {
  if (!siteKey) throw new BenchError('The bench page must sign in before it measures anything')
  return siteKey
}

/** A new, empty site database, so no round sees what an earlier one left behind. */
export async function freshDatabase(purpose: string): Promise<DeskDatabase> {
  opened++
  const db = new DeskDatabase(signedInSite(), `bench-${purpose}-${opened}-${Date.now()}`)
  await db.open()
  return db
}

export function uniqueName(purpose: string): string {
  opened++
  return `bench-raw-${purpose}-${opened}-${Date.now()}`
}
