import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { LaunchOptions } from 'playwright'

const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/**
 * Where Chromium comes from: CHROMIUM_PATH when set, else Playwright's own browser when it
 * is installed (executablePath left unset), else Debian's package. Playwright's download
 * is not reachable on our machines, so Debian's is the usual answer here.
 */
export function chromiumExecutablePath(): string | undefined {
  const fromEnvironment = process.env.CHROMIUM_PATH
  if (fromEnvironment) return fromEnvironment
  if (playwrightBrowserInstalled()) return undefined
  return DEBIAN_CHROMIUM
}

function playwrightBrowserInstalled(): boolean {
  try {
    // Playwright knows where its own download would live.
    const { chromium } = createRequire(import.meta.url)('playwright') as typeof import('playwright')
    return existsSync(chromium.executablePath())
  } catch {
    return false
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]

export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = chromiumExecutablePath()
  return { args: CHROMIUM_ARGS, ...(executablePath ? { executablePath } : {}) }
}
