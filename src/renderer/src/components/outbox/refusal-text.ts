import type { OutboxItem } from '$shared/outbox/outbox-item'

/** How the outbox explains a refused result: its state line, the site's words, what to do. */
export interface RefusalText {
  /** Replaces the state line, when the refusal has a plainer one; else null. */
  state: string | null
  /** "Access ACS answered 400.", unless the state line already names the status. */
  answered: string | null
  /** The site's own reason, when there is one worth reading. */
  siteSaid: string | null
  /** What the clerk can do next. */
  nextStep: string | null
}

const NO_REFUSAL: RefusalText = { state: null, answered: null, siteSaid: null, nextStep: null }

/**
 * A 403 is a right the app could not know was missing (rights changed since the last
 * refresh, say): one plain sentence, the site's reason, and the two ways on. The status
 * code is said once at most.
 */
export function refusalText(item: OutboxItem): RefusalText {
  const attention = item.attention
  if (item.state !== 'needs-attention' || !attention) return NO_REFUSAL
  const status = attention.status
  if (status === 403) {
    const said = siteWordsOf(attention.message)
    return {
      state: 'Needs your attention: your Access ACS user lacks a right needed to send this result.',
      answered: null,
      siteSaid: said === '' ? null : said,
      nextStep:
        'Ask your administrator for the right, then choose Retry now — or Discard this result.'
    }
  }
  const named = status !== undefined && new RegExp(`\\b${status}\\b`).test(attention.message)
  return {
    ...NO_REFUSAL,
    answered: status === undefined || named ? null : `Access ACS answered ${status}.`
  }
}

/**
 * The site's own words inside the client's wording, "Access ACS refused this result (403
 * Forbidden: User clerk does not have …)"; the whole message when it is shaped otherwise.
 */
export function siteWordsOf(message: string): string {
  const wrapped =
    /^Access ACS refused this result \((?:\d{3}(?: [A-Za-z ]+)?|HTTP \d{3})(?:: ([\s\S]*))?\)$/.exec(
      message.trim()
    )
  if (!wrapped) return message.trim()
  return (wrapped[1] ?? '').trim()
}
