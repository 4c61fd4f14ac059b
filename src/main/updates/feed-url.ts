import * as z from 'zod'

/** The settings key (electron-store) an IT provider sets; empty means no automatic updates. */
export const UPDATE_FEED_SETTING = 'updateFeedUrl'

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

const feedSchema = z
  .string({ error: 'The update address must be text, like https://updates.example.org/desk/' })
  .trim()
  .max(2048, { error: 'The update address is too long' })

export interface FeedSetting {
  /** The generic feed's address, or null: no automatic updates. */
  url: string | null
  /** Why a configured address is not used, in words an IT provider can act on. */
  problem?: string
}

/**
 * The update feed: the app's setting when present (even empty, which turns updates off),
 * else the address baked into this build, else none. Only https is accepted, except a
 * loopback http address for testing a feed on the same computer.
 */
export function updateFeed(setting: unknown, buildDefault?: string): FeedSetting {
  const raw = setting === undefined ? (buildDefault ?? '') : setting
  const parsed = feedSchema.safeParse(raw)
  if (!parsed.success) return { url: null, problem: parsed.error.issues[0]?.message ?? 'Invalid' }
  if (parsed.data === '') return { url: null }
  let url: URL
  try {
    url = new URL(parsed.data)
  } catch {
    return { url: null, problem: `The update address "${parsed.data}" is not a web address` }
  }
  if (url.username || url.password) {
    return { url: null, problem: 'The update address must not contain a user name or password' }
  }
  const loopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)
  if (url.protocol !== 'https:' && !loopback) {
    return { url: null, problem: 'The update address must start with https://' }
  }
  // electron-updater resolves file names against the address: it must end in a slash.
  const href = url.href.endsWith('/') ? url.href : `${url.href}/`
  return { url: href }
}
