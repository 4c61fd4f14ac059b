import { rootCertificates } from 'node:tls'
import { describe, expect, it } from 'vitest'
import type { ApiLogger } from '$main/api/api-logger'
import { loadTrustStore, type CaSource } from '$main/api/trust-store'
import { FILTER_ROOT, SITE_ROOT } from '../../harness/tls-certificates'

function recordingLogger(): ApiLogger & { lines: string[] } {
  const lines: string[] = []
  return { lines, info: (line) => lines.push(line), warn: (line) => lines.push(`warn: ${line}`) }
}

describe('the trust store', () => {
  it('is the bundled list and the system’s, each authority once', () => {
    const read = (source: CaSource): readonly string[] =>
      source === 'bundled' ? [SITE_ROOT, FILTER_ROOT] : [FILTER_ROOT, SITE_ROOT, FILTER_ROOT]
    const store = loadTrustStore(read)
    expect(store.certificates).toEqual([SITE_ROOT, FILTER_ROOT])
    expect(store).toMatchObject({ bundled: 2, system: 3 })
  })

  it('keeps the bundled list, and logs why, when the system’s cannot be read', () => {
    const logger = recordingLogger()
    const read = (source: CaSource): readonly string[] => {
      if (source === 'system') throw new Error('keychain unavailable')
      return [SITE_ROOT]
    }
    const store = loadTrustStore(read, logger)
    expect(store.certificates).toEqual([SITE_ROOT])
    expect(
      logger.lines.some((line) => line.startsWith('warn:') && line.includes('keychain unavailable'))
    ).toBe(true)
  })

  it('reads Node’s own lists by default: every bundled authority is in it', () => {
    const logger = recordingLogger()
    const store = loadTrustStore(undefined, logger)
    expect(store.bundled).toBe(rootCertificates.length)
    expect(new Set(store.certificates)).toEqual(
      new Set([...store.certificates, ...rootCertificates])
    )
    expect(
      logger.lines.some((line) => line.includes(`${store.certificates.length} authorities`))
    ).toBe(true)
  })
})
