import { describe, expect, it } from 'vitest'
import { csvCell, toCsv } from '$renderer/export/csv'
import { outboxJson } from '$renderer/export/outbox-json-export'
import { receiptLogCsv } from '$renderer/export/receipt-log-csv'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { keepOpenBody, newConnectionBody, summaryOf } from '../../shared/support/outbox-fixtures'

function sentItem(
  sequence: number,
  contactName: string,
  receipt: OutboxItem['receipt'],
  body = keepOpenBody(40 + sequence)
): OutboxItem {
  const item = createOutboxItem({
    id: `item-${sequence}`,
    idempotencyKey: `key-${sequence}`,
    siteKey: 'https://a.example/v2#12345',
    capturedBy: 'clerk',
    sequence,
    capturedAt: 1_000 * sequence,
    body,
    summary: summaryOf(contactName)
  })
  return receipt ? { ...item, state: 'sent', receipt } : item
}

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks, doubling quotes (RFC 4180)', () => {
    expect(csvCell('plain')).toBe('plain')
    expect(csvCell('Lee, Ann')).toBe('"Lee, Ann"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"')
    expect(csvCell('')).toBe('')
    expect(csvCell(null)).toBe('')
    expect(csvCell(undefined)).toBe('')
  })

  it('guards text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"')
    expect(csvCell('+1 555')).toBe("'+1 555")
    expect(csvCell('-2')).toBe("'-2")
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvCell('\tcmd')).toBe("'\tcmd")
    expect(csvCell('a=b')).toBe('a=b')
  })

  it('writes numbers and booleans as they are', () => {
    expect(csvCell(-5)).toBe('-5')
    expect(csvCell(4711)).toBe('4711')
    expect(csvCell(true)).toBe('true')
  })

  it('joins rows with CRLF and ends with one', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c,d', 1]
      ])
    ).toBe('a,b\r\n"c,d",1\r\n')
  })
})

describe('receiptLogCsv', () => {
  it('writes one line per sent result, guarded and quoted, skipping unsent ones', () => {
    const items = [
      {
        ...sentItem(1, 'Lee, Ann', {
          connectionCRId: 4711,
          at: Date.UTC(2025, 2, 14, 9, 30),
          possibleDuplicate: false
        }),
        followUp: { state: 'applied' as const, changedAt: Date.UTC(2025, 2, 16, 8, 0) }
      },
      sentItem(2, 'Not sent', undefined),
      sentItem(
        3,
        '=cmd|calc',
        { connectionCRId: 4712, at: Date.UTC(2025, 2, 14, 10, 0), possibleDuplicate: true },
        newConnectionBody()
      )
    ]
    expect(receiptLogCsv(items).split('\r\n')).toEqual([
      'Change request id,Sent at,User,Operation,Contact,Connection type,Connection id,Possible duplicate,Follow-up,Follow-up since',
      '4711,2025-03-14T09:30:00.000Z,clerk,Keep open,"Lee, Ann",First-time guest,41,no,Applied,2025-03-16T08:00:00.000Z',
      "4712,2025-03-14T10:00:00.000Z,clerk,New connection,'=cmd|calc,First-time guest,new,yes,Waiting for approval,2025-03-14T10:00:00.000Z",
      ''
    ])
  })
})

describe('outboxJson', () => {
  it('keeps every field of every item and says what the file is', () => {
    const items = [sentItem(1, 'Ann', undefined), sentItem(2, 'Bob', undefined)]
    const text = outboxJson(items, { siteKey: 'https://a.example/v2#12345', exportedAt: 0 })
    expect(JSON.parse(text)).toEqual({
      format: 'connections-desk-outbox',
      version: 1,
      siteKey: 'https://a.example/v2#12345',
      exportedAt: '1970-01-01T00:00:00.000Z',
      items
    })
    expect(text.endsWith('\n')).toBe(true)
  })
})
