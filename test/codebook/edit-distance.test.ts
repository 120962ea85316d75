import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { editDistance } from '../../src/shared/codebook'

describe('editDistance', () => {
  it.each([
    ['career', 'careeer', 1],
    ['revision', 'revsion', 1],
    ['highlight', 'higlight', 1],
    ['between', 'beween', 1],
    ['state media', 'stat emedia', 1], // one swap of neighbours
    ['state media', 'sttae mdia', 2],
    ['abcd', 'abdc', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['алаң', 'алан', 1],
    ['тіл', 'тлі', 1]
  ])('%s ↔ %s is %i', (a, b, d) => {
    expect(editDistance(a, b)).toBe(d)
    expect(editDistance(b, a)).toBe(d)
  })

  it('counts an emoji as one letter', () => {
    expect(editDistance('tag👍', 'tag👎')).toBe(1)
  })

  it('stops early above the limit, answering limit + 1', () => {
    expect(editDistance('kitten', 'sitting', 1)).toBe(2)
    expect(editDistance('a', 'abcdef', 2)).toBe(3)
  })

  it('is a metric on short strings', () => {
    const word = fc.string({ maxLength: 7, unit: fc.constantFrom('a', 'b', 'c', 'ә', 'ң') })
    fc.assert(
      fc.property(word, word, word, (a, b, c) => {
        expect(editDistance(a, a)).toBe(0)
        expect(editDistance(a, b)).toBe(editDistance(b, a))
        expect(editDistance(a, b)).toBeLessThanOrEqual(Math.max(Array.from(a).length, Array.from(b).length))
        // OSA is not a true metric in general, but it is within one swap of the triangle inequality.
        expect(editDistance(a, c)).toBeLessThanOrEqual(editDistance(a, b) + editDistance(b, c) + 1)
      })
    )
  })

  it('agrees with the limited version below the limit', () => {
    const word = fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'c') })
    fc.assert(
      fc.property(word, word, fc.nat(4), (a, b, max) => {
        const full = editDistance(a, b)
        expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1)
      })
    )
  })
})
