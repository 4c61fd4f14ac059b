import { describe, expect, it } from 'vitest'
import { transportFailureOf } from '$main/api/transport-failure'

function coded(code: string, message = code, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), { code }, extra)
}

const started = { timedOut: false, requestStarted: true }
const notStarted = { timedOut: false, requestStarted: false }

describe('transport failures', () => {
  it('calls anything that happened before the request started "before sending"', () => {
    for (const error of [
      coded('ECONNRESET'),
      coded('UND_ERR_SOCKET'),
      coded('SOME_FUTURE_CODE'),
      new Error('no code at all')
    ]) {
      expect(transportFailureOf(error, notStarted).phase).toBe('before-sending')
    }
  })

  it('keeps a cut, a timeout or an unknown error after the start "after sending"', () => {
    expect(transportFailureOf(coded('ECONNRESET'), started).phase).toBe('after-sending')
    expect(transportFailureOf(coded('SOME_FUTURE_CODE'), started).phase).toBe('after-sending')
    expect(transportFailureOf(new Error('aborted'), { ...started, timedOut: true })).toEqual({
      phase: 'after-sending',
      code: 'TOTAL_TIMEOUT',
      message: 'the site took too long to answer'
    })
  })

  it('falls back on the shape: a certificate error proves nothing was sent, even after a start', () => {
    const wrapped = Object.assign(new Error('fetch failed'), {
      cause: coded('CERT_NOT_YET_VALID', 'certificate is not yet valid')
    })
    expect(transportFailureOf(wrapped, started)).toMatchObject({
      phase: 'before-sending',
      code: 'CERT_NOT_YET_VALID'
    })
  })

  it('words any TLS-layer error of the handshake, known by its code or its library', () => {
    const alert = coded('ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR', 'tlsv1 alert internal error', {
      library: 'SSL routines'
    })
    const byLibrary = coded('ERR_OSSL_SOMETHING_NEW', 'new', { library: 'SSL routines' })
    for (const error of [alert, byLibrary]) {
      expect(transportFailureOf(error, notStarted).message).toContain(
        'the secure connection could not be set up'
      )
    }
  })

  it('reads the status a proxy refused its tunnel with', () => {
    const refused = coded('UND_ERR_ABORTED', 'Proxy response (502) !== 200 when HTTP Tunneling')
    expect(transportFailureOf(refused, { ...notStarted, proxy: 'proxy:8080' }).message).toContain(
      'it answered 502'
    )
  })

  it('blames the proxy for a connection it refused, not for a cut inside its tunnel', () => {
    const viaProxy = { ...notStarted, proxy: '10.0.0.1:3128' }
    expect(transportFailureOf(coded('ECONNREFUSED'), viaProxy).message).toContain(
      'the office’s proxy server (10.0.0.1:3128) could not be reached'
    )
    const dropped = coded('UND_ERR_PRX_CONN', 'Proxy connection failed', {
      cause: coded('UND_ERR_SOCKET', 'other side closed')
    })
    expect(transportFailureOf(dropped, viaProxy).message).toContain('could not be reached')
    expect(transportFailureOf(coded('ECONNRESET'), viaProxy).message).toContain(
      'the connection was cut while it was being set up'
    )
  })
})
