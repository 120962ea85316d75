import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { containsSequence, highlightRanges, sequenceRanges, snippetOf } from '../../src/core/search/match'
import { tokensWithOffsets } from '../../src/core/search'

describe('containsSequence', () => {
  it('finds whole words in order, across punctuation, case and accents', () => {
    expect(containsSequence('Many of us think — the real toll is HIGHER.', { tokens: ['real', 'toll', 'is', 'higher'], prefixLast: false })).toBe(true)
    expect(containsSequence('the award went', { tokens: ['war'], prefixLast: false })).toBe(false)
    expect(containsSequence('the award went', { tokens: ['award', 'we'], prefixLast: true })).toBe(true)
    expect(containsSequence('the award went', { tokens: ['award', 'we'], prefixLast: false })).toBe(false)
    expect(containsSequence('Café Хабар', { tokens: ['cafe', 'хабар'], prefixLast: false })).toBe(true)
  })

  it('agrees with matching the words one by one', () => {
    const unit = fc.constantFrom('a', 'b', 'é', 'и', 'ң', ' ', ',', '-', '\u0301')
    const word = fc.string({ minLength: 1, maxLength: 2, unit: fc.constantFrom('a', 'b', 'e', 'и', 'ң') })
    fc.assert(
      fc.property(fc.string({ maxLength: 30, unit }), fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), (text, tokens, prefixLast) => {
        const sequence = { tokens, prefixLast }
        expect(containsSequence(text, sequence)).toBe(sequenceRanges(tokensWithOffsets(text), sequence).length > 0)
      }),
      { numRuns: 1000 }
    )
  })
})

describe('highlightRanges', () => {
  it('marks words, words being typed and phrases, merging overlaps', () => {
    const text = 'Khabar first, then Khabarovsk; the first pro-government channel'
    const ranges = highlightRanges(text, [{ token: 'khabar', prefix: true }], [{ tokens: ['the', 'first'], prefixLast: false }])
    expect(ranges.map((r) => text.slice(r.start, r.end))).toEqual(['Khabar', 'Khabarovsk', 'the first'])
  })
})

describe('snippetOf', () => {
  it('gives the whole text around a match when it is short', () => {
    expect(snippetOf('text', 'a <i>b</i> c', [{ start: 5, end: 6 }])).toEqual({ field: 'text', before: 'a <i>', match: 'b', after: '</i> c' })
  })

  it('shows the beginning when nothing is highlighted', () => {
    expect(snippetOf('text', 'short', [])).toEqual({ field: 'text', before: '', match: '', after: 'short' })
  })
})
