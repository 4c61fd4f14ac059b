import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAcsClient } from '$main/api/acs-client'
import {
  createAttemptJournal,
  journalingClient,
  KEPT_ATTEMPTS
} from '$main/diagnostics/attempt-journal'
import { diagnosticsFileName, type DiagnosticsFacts } from '$main/diagnostics/diagnostics-bundle'
import { createDiagnosticsSaver } from '$main/diagnostics/save-diagnostics'
import { settingsWithoutSecrets } from '$main/diagnostics/settings-without-secrets'
import type { OutboxSummary } from '$shared/bridge/channels'
import { DeskError } from '$shared/errors'
import { startSite } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'diagnostics-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

const NOW = Date.UTC(2025, 2, 14, 15, 30)

const outbox: OutboxSummary = {
  countsByState: {
    queued: 2,
    sending: 0,
    sent: 40,
    waiting: 3,
    'needs-attention': 1,
    'unknown-outcome': 0,
    discarded: 1
  },
  oldestUnsentAt: NOW - 95 * 60_000
}

const settings = {
  credentials: {
    baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
    siteNumber: 12345,
    username: 'ann.leeworth',
    practice: false,
    passwordCiphertext: 'djEwc2VhbGVk'
  },
  applicationId: '7d3c8e2a-51f4-4b6e-9a0d-2c7f1e8b4a90',
  updateFeedUrl: 'https://it.example.org/desk/'
}

describe('the attempt journal', () => {
  it('keeps the last 50 attempts, with kind and status, never the message or body', async () => {
    const site = await startSite(20)
    const journal = createAttemptJournal()
    const client = journalingClient(createAcsClient(), journal)
    try {
      await site.setFaults({ rules: [{ kind: 'status', status: 503, times: 1 }] })
      const credentials = site.credentials()
      for (let i = 0; i < KEPT_ATTEMPTS + 2; i++) {
        await client.postChangeRequest(credentials, {
          id: `item-${i}`,
          idempotencyKey: `key-${i}`,
          body: newConnectionBody(`private-note ${i}`)
        })
      }
    } finally {
      await client.close()
      await site.close()
    }
    const recent = journal.recent()
    expect(recent).toHaveLength(KEPT_ATTEMPTS)
    expect(recent[0]?.item).toBe('item-2')
    expect(recent.at(-1)).toMatchObject({ item: `item-${KEPT_ATTEMPTS + 1}`, outcome: 'accepted' })
    expect(JSON.stringify(recent)).not.toContain('private-note')
  })
})

describe('settingsWithoutSecrets', () => {
  it('drops the password ciphertext and the ApplicationId, and redacts names', () => {
    const cleaned = JSON.stringify(settingsWithoutSecrets(settings))
    expect(cleaned).not.toContain('djEwc2VhbGVk')
    expect(cleaned).not.toContain('7d3c8e2a')
    expect(cleaned).not.toContain('ann.leeworth')
    expect(cleaned).toContain('https://secure.accessacs.com/api_accessacs_mobile/v2')
    expect(cleaned).toContain('12345')
    expect(cleaned).toContain('https://it.example.org/desk/')
  })
})

describe('Save diagnostics', () => {
  async function facts(): Promise<Omit<DiagnosticsFacts, 'outbox' | 'now'>> {
    const log = join(folder, 'main.log')
    const older = join(folder, 'main.1.log')
    await writeFile(log, '[info] delivery: wake (start)\n')
    await writeFile(older, '[warn] POST /12345/connections [item a] → 503\n')
    return {
      app: { name: 'Connections Desk', version: '0.1.0', packaged: true },
      versions: { electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' },
      os: { platform: 'win32', release: '10.0.19045', arch: 'x64' },
      settings,
      attempts: [
        { at: '2025-03-14T15:00:00.000Z', item: 'a', outcome: 'retryable', status: 503, ms: 40 }
      ],
      logFiles: [log, older, join(folder, 'main.2.log')]
    }
  }

  it('writes one zip with the logs, versions, settings, outbox counts and attempts', async () => {
    const gathered = await facts()
    const target = join(folder, 'out.zip')
    const offered: string[] = []
    const save = createDiagnosticsSaver({
      chooseFile: async (suggested) => {
        offered.push(suggested)
        return target
      },
      defaultFolder: '/home/clerk/Desktop',
      facts: () => gathered,
      now: () => NOW,
      log: { info: () => {} }
    })
    expect(await save(outbox)).toEqual({ saved: true, fileName: 'out.zip' })
    expect(offered).toEqual([join('/home/clerk/Desktop', diagnosticsFileName(NOW))])

    const files = unzipSync(new Uint8Array(await readFile(target)))
    expect(Object.keys(files).sort()).toEqual(['logs/main.1.log', 'logs/main.log', 'report.json'])
    expect(strFromU8(files['logs/main.1.log'] ?? new Uint8Array())).toContain('→ 503')
    const report = JSON.parse(strFromU8(files['report.json'] ?? new Uint8Array()))
    expect(report).toMatchObject({
      app: { version: '0.1.0' },
      versions: { electron: '45.5.0' },
      os: { platform: 'win32' },
      outbox: { countsByState: outbox.countsByState, oldestUnsentAgeMinutes: 95 },
      lastDeliveryAttempts: [{ item: 'a', outcome: 'retryable', status: 503 }]
    })
    const text = JSON.stringify(report)
    expect(text).not.toContain('djEwc2VhbGVk')
    expect(text).not.toContain('7d3c8e2a')
  })

  it('writes nothing when the clerk cancels', async () => {
    const gathered = await facts()
    const save = createDiagnosticsSaver({
      chooseFile: async () => null,
      defaultFolder: folder,
      facts: () => gathered,
      log: { info: () => {} }
    })
    expect(await save(outbox)).toEqual({ saved: false })
  })

  it('says where it could not write, in words a clerk can act on', async () => {
    const gathered = await facts()
    const save = createDiagnosticsSaver({
      chooseFile: async () => join(folder, 'no-such-folder', 'x.zip'),
      defaultFolder: folder,
      facts: () => gathered,
      log: { info: () => {} }
    })
    const failure = await save(outbox).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(DeskError)
    expect((failure as DeskError).message).toMatch(/Choose another folder/)
  })

  it('names the file by the local date and time', () => {
    const name = diagnosticsFileName(new Date(2025, 2, 14, 9, 5).getTime())
    expect(name).toBe('connections-desk-diagnostics-2025-03-14-0905.zip')
  })
})
