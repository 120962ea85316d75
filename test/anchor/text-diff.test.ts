import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { diffText, mapOffset, rebaseSpan } from '../../src/shared/anchor'

describe('diffText', () => {
  it('is null for equal texts', () => {
    expect(diffText('same', 'same')).toBeNull()
  })

  it('finds one replaced block between the common prefix and suffix', () => {
    // The shared final "s" of troops/soldiers belongs to the common suffix.
    expect(diffText('the troops arrived', 'the soldiers arrived')).toEqual({ start: 4, oldEnd: 9, newEnd: 11 })
  })

  it('places an ambiguous edit late or early as asked', () => {
    // "aab" → "ab": either "a" may have gone.
    expect(diffText('aab', 'ab', 'right')).toEqual({ start: 1, oldEnd: 2, newEnd: 1 })
    expect(diffText('aab', 'ab', 'left')).toEqual({ start: 0, oldEnd: 1, newEnd: 0 })
  })

  it('never splits a surrogate pair', () => {
    // 😀 and 😃 share their high surrogate.
    expect(diffText('a😀b', 'a😃b')).toEqual({ start: 1, oldEnd: 3, newEnd: 3 })
  })

  it('rebuilds the new text from the old one for any pair of texts', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.constantFrom('right' as const, 'left' as const), (a, b, align) => {
        const edit = diffText(a, b, align)
        const rebuilt = edit ? a.slice(0, edit.start) + b.slice(edit.start, edit.newEnd) + a.slice(edit.oldEnd) : a
        expect(rebuilt).toBe(b)
      })
    )
  })
})

describe('mapOffset', () => {
  const edit = { start: 4, oldEnd: 10, newEnd: 12 } // "troops" → "soldiers"

  it('keeps offsets before the edit and shifts those after it', () => {
    expect(mapOffset(edit, 2, 'start')).toBe(2)
    expect(mapOffset(edit, 15, 'end')).toBe(17)
  })

  it('moves offsets inside replaced text to its outer edges', () => {
    expect(mapOffset(edit, 6, 'start')).toBe(4)
    expect(mapOffset(edit, 6, 'end')).toBe(12)
  })

  it('leaves an insertion at a span edge outside the span', () => {
    const insertion = { start: 5, oldEnd: 5, newEnd: 8 }
    expect(mapOffset(insertion, 5, 'start')).toBe(8)
    expect(mapOffset(insertion, 5, 'end')).toBe(5)
  })
})

describe('rebaseSpan', () => {
  it('shifts a span past an edit before it, untouched', () => {
    const old = 'He said Khabar was first.'
    const next = 'He told me Khabar was first.'
    const at = old.indexOf('Khabar')
    expect(rebaseSpan(old, next, at, at + 6)).toEqual({ start: next.indexOf('Khabar'), end: next.indexOf('Khabar') + 6, touched: false })
  })

  it('reports an edit inside the span and covers the new words', () => {
    const old = 'the troops arrived'
    const next = 'the soldiers arrived'
    const span = rebaseSpan(old, next, 0, old.length)
    expect(span).toEqual({ start: 0, end: next.length, touched: true })
  })

  it('finds the reading of an ambiguous deletion that leaves the span alone', () => {
    // Deleting the first "so " reads, pushed late, as deleting the quoted one.
    const old = 'so so good'
    expect(rebaseSpan(old, 'so good', 3, 10)).toEqual({ start: 0, end: 7, touched: false })
  })
})
