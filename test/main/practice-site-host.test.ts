import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAcsClient } from '../../src/main/api/acs-client'
import { createAcsApi } from '../../src/main/api/acs-api'
import { createPracticeSiteHost } from '../../src/main/practice-site-host'
import { DeskError } from '../../src/shared/errors'
import { startNetworkGate } from '../harness/network-gate'
import { newConnectionBody } from '../shared/support/outbox-fixtures'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'practice-host-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('practice-site host', () => {
  it('starts the practice site once, on loopback, and says whom to sign in as', async () => {
    const host = createPracticeSiteHost({ statePath: join(folder, 'practice.json'), people: 30 })
    try {
      const [first, second] = await Promise.all([host.start(), host.start()])
      expect(second).toEqual(first)
      expect(first).toMatchObject({
        username: 'jadams',
        password: 'password231',
        siteNumber: 12345
      })
      expect(first.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api_accessacs_mobile\/v2$/)
      const api = createAcsApi()
      try {
        expect((await api.checkSignIn(first)).check).toBe('accepted')
      } finally {
        await api.close()
      }
    } finally {
      await host.stop()
    }
  })

  it('approves what it receives after approveAfterSeconds, so a trainee sees results applied', async () => {
    const statePath = join(folder, 'practice.json')
    const host = createPracticeSiteHost({ statePath, people: 30, approveAfterSeconds: 0 })
    const client = createAcsClient()
    try {
      const site = await host.start()
      const outcome = await client.postChangeRequest(site, {
        id: 'practice-approve',
        idempotencyKey: 'practice-approve-key',
        body: newConnectionBody('approved by itself')
      })
      expect(outcome.kind).toBe('accepted')
      await expect
        .poll(async () => JSON.parse(await readFile(statePath, 'utf8')).decisions, {
          timeout: 5_000
        })
        .toEqual([expect.objectContaining({ Status: 'approved' })])
    } finally {
      await client.close()
      await host.stop()
    }
  })

  it('keeps the change requests in its state file across a stop and a new start', async () => {
    const statePath = join(folder, 'practice.json')
    const host = createPracticeSiteHost({ statePath, people: 30 })
    const client = createAcsClient()
    try {
      const site = await host.start()
      const outcome = await client.postChangeRequest(site, {
        id: 'practice-1',
        idempotencyKey: 'practice-key-1',
        body: newConnectionBody('practice entry')
      })
      expect(outcome.kind).toBe('accepted')
      await host.stop()
      expect(await readFile(statePath, 'utf8')).toContain('practice-key-1')

      const again = await host.start()
      const repeat = await client.postChangeRequest(again, {
        id: 'practice-1',
        idempotencyKey: 'practice-key-1',
        body: newConnectionBody('practice entry')
      })
      expect(repeat).toEqual(outcome)
    } finally {
      await client.close()
      await host.stop()
    }
  })

  it('stops the site: its address no longer answers', async () => {
    const host = createPracticeSiteHost({ statePath: join(folder, 'practice.json'), people: 30 })
    const site = await host.start()
    await host.stop()
    await host.stop()
    const api = createAcsApi()
    try {
      expect((await api.checkSignIn(site)).check).toBe('offline')
    } finally {
      await api.close()
    }
  })

  it('reports a state file it cannot use as a DeskError, and may be started after the fix', async () => {
    const statePath = join(folder, 'state', 'practice.json')
    await writeFile(join(folder, 'state'), 'a file where the folder should be')
    const host = createPracticeSiteHost({ statePath, people: 30 })
    await expect(host.start()).rejects.toBeInstanceOf(DeskError)
    await rm(join(folder, 'state'))
    await mkdir(join(folder, 'state'))
    try {
      await expect(host.start()).resolves.toMatchObject({ username: 'jadams' })
    } finally {
      await host.stop()
    }
  })

  it('mounts no control endpoints: nothing on this computer can reset or fault it', async () => {
    const host = createPracticeSiteHost({ statePath: join(folder, 'practice.json'), people: 30 })
    try {
      const site = await host.start()
      const root = new URL(site.baseUrl).origin
      for (const [method, path] of [
        ['GET', '/_sim/changerequests'],
        ['POST', '/_sim/reset'],
        ['DELETE', '/_sim/faults']
      ] as const) {
        const answer = await fetch(`${root}${path}`, { method })
        await answer.body?.cancel()
        expect(answer.status, `${method} ${path}`).toBe(404)
      }
    } finally {
      await host.stop()
    }
  })

  it('says where it runs while it runs, and nothing before or after', async () => {
    const host = createPracticeSiteHost({ statePath: join(folder, 'practice.json'), people: 30 })
    expect(host.address()).toBeNull()
    const starting = host.start()
    expect(host.address()).toBeNull()
    const site = await starting
    expect(host.address()).toBe(site.baseUrl)
    await host.stop()
    expect(host.address()).toBeNull()
    const again = await host.start()
    expect(host.address()).toBe(again.baseUrl)
    await host.stop()
  })

  it('behind a relay, is reached at the relay’s address, which it answers as its own', async () => {
    const gate = await startNetworkGate({ open: true })
    const ports: number[] = []
    const host = createPracticeSiteHost({
      statePath: join(folder, 'practice.json'),
      people: 30,
      relay: {
        origin: gate.url,
        attach: async (port) => {
          ports.push(port)
          gate.setTarget(port)
        }
      }
    })
    const api = createAcsApi()
    try {
      const site = await host.start()
      expect(site.baseUrl).toBe(`${gate.url}/api_accessacs_mobile/v2`)
      expect(ports).toHaveLength(1)
      // Requests through the relay say the relay's host: the site answers them.
      expect((await api.checkSignIn(site)).check).toBe('accepted')
      // Straight to the site, addressed to it, works too; any other name does not.
      const direct = { ...site, baseUrl: `http://127.0.0.1:${ports[0]}/api_accessacs_mobile/v2` }
      expect((await api.checkSignIn(direct)).check).toBe('accepted')
    } finally {
      await api.close()
      await host.stop()
      await gate.close()
    }
  })
})
