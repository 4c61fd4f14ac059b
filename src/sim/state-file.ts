import { readFile, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import * as z from 'zod'
import type { ChangeRequestLog } from './change-request-log'
import { PRACTICE_SITE_NUMBER } from './practice-users'
import { PracticeSiteStateError } from './sim-errors'

const STATE_FORMAT = 'connections-desk-practice-site'
const STATE_VERSION = 1

const stateFileSchema = z.object({
  format: z.literal(STATE_FORMAT),
  version: z.literal(STATE_VERSION),
  seed: z.int(),
  people: z.int().positive(),
  nextConnectionCRId: z.int().positive(),
  changeRequests: z.array(
    z.object({
      ConnectionCRId: z.int().positive(),
      IdempotencyKey: z.string().nullable(),
      // State files written before these were recorded read as none and the first site.
      ApplicationId: z.string().default(''),
      SiteNumber: z.int().positive().default(PRACTICE_SITE_NUMBER),
      User: z.string(),
      ReceivedAt: z.string(),
      Body: z.unknown()
    })
  ),
  idempotency: z.array(
    z.object({ User: z.string(), Key: z.string(), ConnectionCRId: z.int().positive() })
  ),
  // State files written before approvals existed hold none: everything in them is pending.
  decisions: z
    .array(
      z.object({
        ConnectionCRId: z.int().positive(),
        Status: z.enum(['approved', 'rejected']),
        DecidedAt: z.string(),
        ConnectionId: z.int().positive().nullable()
      })
    )
    .default([])
})
export type SavedState = z.infer<typeof stateFileSchema>

/** The state file's text, built from already-serialized parts (see ChangeRequestLog). */
export function stateText(seed: number, people: number, log: ChangeRequestLog): string {
  return (
    `{"format":"${STATE_FORMAT}","version":${STATE_VERSION},"seed":${seed},"people":${people},` +
    `"nextConnectionCRId":${log.nextConnectionCRId},"changeRequests":${log.listJson()},` +
    `"idempotency":${log.honouredKeysJson()},"decisions":${log.decisionsJson()}}\n`
  )
}

/** The saved state, or undefined when there is no file yet (a first start). */
/**
 * A new state file goes into a folder that exists: the writer would make missing folders,
 * and a mistyped path must be said, not quietly created.
 */
async function folderMustExist(path: string): Promise<void> {
  const folder = dirname(path)
  const found = await stat(folder).catch(() => null)
  if (!found?.isDirectory()) {
    throw new PracticeSiteStateError(
      `The practice site cannot write its state file ${path}: the folder ${folder} does not exist`
    )
  }
}

export async function loadState(path: string): Promise<SavedState | undefined> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      await folderMustExist(path)
      return undefined
    }
    throw new PracticeSiteStateError(
      `The practice site cannot read its state file ${path}: ${(error as Error).message}`
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw corrupt(path, `it is not JSON (${(error as Error).message})`)
  }
  const parsed = stateFileSchema.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`
    )
    throw corrupt(path, problems.slice(0, 5).join('; '))
  }
  return parsed.data
}

function corrupt(path: string, why: string): PracticeSiteStateError {
  return new PracticeSiteStateError(
    `The practice site's state file ${path} is corrupt or not a state file (${why}). ` +
      'Move it away or delete it to start from the seeded state.'
  )
}
