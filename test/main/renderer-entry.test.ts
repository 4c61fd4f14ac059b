import { describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src/main/app-protocol'
import { rendererEntry } from '../../src/main/renderer-entry'

describe('rendererEntry', () => {
  it('loads the app’s own files when no dev server is given', () => {
    expect(rendererEntry(undefined)).toEqual({ url: APP_ENTRY_URL, origin: APP_ORIGIN })
    expect(rendererEntry('')).toEqual({ url: APP_ENTRY_URL, origin: APP_ORIGIN })
  })

  it('uses a loopback dev server in a development build', () => {
    expect(rendererEntry('http://localhost:5173/')).toEqual({
      url: 'http://localhost:5173/',
      origin: 'http://localhost:5173'
    })
  })

  it.each([
    'https://evil.example/',
    'http://192.168.1.20:5173/',
    'file:///tmp/index.html',
    'javascript:alert(1)',
    'not a url'
  ])('never trusts %s with the bridge', (url) => {
    expect(rendererEntry(url)).toEqual({ url: APP_ENTRY_URL, origin: APP_ORIGIN })
  })
})
