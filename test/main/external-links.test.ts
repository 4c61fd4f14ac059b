import { describe, expect, it } from 'vitest'
import { ACS_LINK_HOSTS, createExternalLinks } from '../../src/main/external-links'
import { DeskError, LinkNotAllowedError } from '../../src/shared/errors'

function setup(fail = false) {
  const opened: string[] = []
  const links = createExternalLinks(async (url) => {
    if (fail) throw new Error('no browser installed')
    opened.push(url)
  }, ACS_LINK_HOSTS)
  return { links, opened }
}

describe('external links', () => {
  it('opens https pages on the allowlist in the system browser', async () => {
    const { links, opened } = setup()
    await links.open('https://secure.accessacs.com/acscfwsweb/help')
    await links.open('https://WWW.ACSTechnologies.com:443/support?q=connections#top')
    expect(opened).toEqual([
      'https://secure.accessacs.com/acscfwsweb/help',
      'https://www.acstechnologies.com/support?q=connections#top'
    ])
  })

  it.each([
    'http://secure.accessacs.com/',
    'https://evil.example/',
    'https://secure.accessacs.com.evil.example/',
    'https://evil.example/?https://secure.accessacs.com/',
    'https://secure.accessacs.com@evil.example/',
    'https://user:pw@secure.accessacs.com/',
    'https://secure.accessacs.com:8443/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'smb://server/share',
    'mailto:help@acstechnologies.com',
    'not a url'
  ])('refuses %s with LinkNotAllowedError', async (url) => {
    const { links, opened } = setup()
    await expect(links.open(url)).rejects.toBeInstanceOf(LinkNotAllowedError)
    expect(opened).toEqual([])
  })

  it('reports a browser that could not open the link', async () => {
    const { links } = setup(true)
    const failure = links.open('https://www.acstechnologies.com/')
    await expect(failure).rejects.toBeInstanceOf(DeskError)
    await expect(failure).rejects.toThrow(/no browser installed/)
  })

  it('opens nothing with an empty allowlist', async () => {
    const opened: string[] = []
    const links = createExternalLinks(async (url) => void opened.push(url), [])
    await expect(links.open('https://secure.accessacs.com/')).rejects.toBeInstanceOf(
      LinkNotAllowedError
    )
  })
})
