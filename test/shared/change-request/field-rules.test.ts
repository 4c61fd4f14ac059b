import { describe, expect, it } from 'vitest'
import { COMMENT_MAX_LENGTH, commentLength, validateChangeRequest } from '$shared/change-request'
import { COMPLETE, SEED_EXAMPLE, expectAccepted, expectRejected } from '../support/bodies'

describe('ResponseIdList', () => {
  it.each([
    ['no responses', [-1]],
    ['one response', [101]],
    ['several distinct responses', [101, 102, 104]]
  ])('accepts %s', (_, list) => {
    expectAccepted({ ...COMPLETE, ResponseIdList: list })
  })

  it.each([
    ['an empty list', [], 'Choose at least one response, or send [-1] for no responses'],
    ['-1 mixed with an id', [-1, 3], '"No responses" (-1) cannot be combined with responses'],
    ['an id mixed with -1', [3, -1], '"No responses" (-1) cannot be combined with responses'],
    ['a repeated id', [3, 3], 'Each response may be chosen only once'],
    ['a repeated -1', [-1, -1], '"No responses" (-1) cannot be combined with responses'],
    ['zero', [0], 'Each response must be a positive response id'],
    ['a negative id other than -1', [-2], 'Each response must be a positive response id'],
    ['a string id', ['3'], 'Responses must be a whole number'],
    ['a fractional id', [3.5], 'Responses must be a whole number'],
    ['null inside', [null], 'Responses must be a whole number'],
    ['a bare number', -1, 'Responses must be a list of response ids, or [-1] for no responses'],
    ['null', null, 'Responses must be a list of response ids, or [-1] for no responses'],
    ['a string', '[-1]', 'Responses must be a list of response ids, or [-1] for no responses']
  ])('rejects %s', (_, list, message) => {
    expectRejected({ ...COMPLETE, ResponseIdList: list }, 'ResponseIdList', message)
  })

  it('is required, with a hint about [-1]', () => {
    const { ResponseIdList: _, ...body } = COMPLETE
    expectRejected(
      body,
      'ResponseIdList',
      'Responses are required: the chosen ids, or [-1] for none'
    )
  })
})

describe('Comment length (counted in characters)', () => {
  const message = `Comment must be at most ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters`

  it('the limit is 2,000 and lives in one constant', () => {
    expect(COMMENT_MAX_LENGTH).toBe(2000)
  })

  it.each([
    ['letters', 'a'],
    ['an emoji (two UTF-16 units, one character)', '😀'],
    ['an emoji with a skin tone', '👍🏽'],
    ['a flag', '🇺🇸'],
    ['a family emoji joined by ZWJ', '👨‍👩‍👧'],
    ['an accented letter', 'é'],
    ['an accented letter typed as e + combining accent', 'e\u0301'],
    ['a CJK character', '祈'],
    ['a Windows line break', '\r\n']
  ])('exactly the limit of %s is accepted, one more is not', (_, unit) => {
    const atLimit = unit.repeat(COMMENT_MAX_LENGTH)
    expect(commentLength(atLimit)).toBe(COMMENT_MAX_LENGTH)
    expectAccepted({ ...SEED_EXAMPLE, Comment: atLimit })
    expectRejected({ ...SEED_EXAMPLE, Comment: atLimit + unit }, 'Comment', message)
  })

  it('counts an emoji once, not as its two UTF-16 units', () => {
    const comment = '🙏'.repeat(COMMENT_MAX_LENGTH)
    expect(comment.length).toBe(2 * COMMENT_MAX_LENGTH)
    expect(validateChangeRequest({ ...SEED_EXAMPLE, Comment: comment }).ok).toBe(true)
  })

  it('keeps line breaks and spacing as typed', () => {
    const comment = '  Line one\nLine two\t '
    const result = validateChangeRequest({ ...SEED_EXAMPLE, Comment: comment })
    expect(result.ok && result.value.Comment).toBe(comment)
  })
})
