import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { fold, foldWithOrigins, tokenize, tokensWithOffsets } from '../../src/core/search'

describe('fold', () => {
  it.each([
    ['Kazakh', 'kazakh'],
    ['café', 'cafe'],
    ['cafe\u0301', 'cafe'],
    ['Glück', 'gluck'],
    ['ХАБАР', 'хабар'],
    ['Ёлка', 'елка'],
    ['їжак', 'іжак'],
    ['Straße', 'strasse'],
    ['Søren Łukasz', 'soren lukasz'],
    ['İstanbul', 'istanbul'],
    ['ΟΔΟΣ', 'οδοσ']
  ])('folds %j to %j', (input, output) => {
    expect(fold(input)).toBe(output)
  })

  it('keeps й, precomposed or not, apart from и', () => {
    expect(fold('Мой')).toBe('мой')
    expect(fold('Мои\u0306')).toBe('мой')
    expect(fold('мои')).toBe('мои')
  })

  it('keeps the Kazakh letters ә ғ қ ң ө ұ ү һ і as themselves (lower-cased)', () => {
    expect(fold('ӘҒҚҢӨҰҮҺІ әғқңөұүһі')).toBe('әғқңөұүһі әғқңөұүһі')
    expect(fold('Алаң')).not.toBe(fold('Алан'))
  })

  const text = fc.string({ unit: fc.constantFrom('a', 'B', 'é', 'e', '\u0301', '\u0306', 'и', 'Й', 'ё', 'ß', 'İ', 'ң', 'Қ', '😀', ' ', '-', 'ς') })

  it('is the same with and without origins, and idempotent', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(foldWithOrigins(s).text).toBe(fold(s))
        expect(fold(fold(s))).toBe(fold(s))
      })
    )
  })

  it('records, for each folded unit, a non-decreasing place in the original', () => {
    fc.assert(
      fc.property(text, (s) => {
        const { text: folded, origins } = foldWithOrigins(s)
        expect(origins).toHaveLength(folded.length)
        origins.forEach((o, i) => {
          expect(o).toBeGreaterThanOrEqual(0)
          expect(o).toBeLessThan(s.length)
          if (i > 0) expect(o).toBeGreaterThanOrEqual(origins[i - 1]!)
        })
      })
    )
  })
})

describe('tokenize', () => {
  it('splits on everything but letters and digits, after folding', () => {
    expect(tokenize('Хабар первым — «регулярные» сюжеты, 2,500 troops; don’t көңіл-күй')).toEqual([
      'хабар', 'первым', 'регулярные', 'сюжеты', '2', '500', 'troops', 'don', 't', 'көңіл', 'күй'
    ])
  })

  it('gives each word’s place in the original text, accents included', () => {
    const text = 'Cafe\u0301 «Алаңда», Straße.'
    const tokens = tokensWithOffsets(text)
    expect(tokens.map((t) => t.term)).toEqual(['cafe', 'алаңда', 'strasse'])
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['Cafe\u0301', 'Алаңда', 'Straße'])
  })

  it('agrees with tokenize, and every word’s original folds back to it', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'B', 'é', '\u0301', 'и', '\u0306', 'ß', 'ң', '😀', ' ', '.', '-') })
    fc.assert(
      fc.property(text, (s) => {
        const tokens = tokensWithOffsets(s)
        expect(tokens.map((t) => t.term)).toEqual(tokenize(s))
        for (const t of tokens) expect(tokenize(s.slice(t.start, t.end))).toEqual([t.term])
      })
    )
  })
})
