import { describe, expect, it } from 'vitest'
import { quoteTextOf } from '../../src/shared/anchor'
import {
  changeParts,
  extendWordSelection,
  estimateRowHeight,
  marksBySegment,
  spanText,
  splitPieces,
  tagOptions,
  tidySelection
} from '../../src/renderer/src/stores/transcript-logic'

const texts = ['Thanks for making time.', 'By the sixth of January it was about 2,500 CSTO soldiers. ', '  And some of those units later went into Ukraine.']

describe('tidySelection', () => {
  it('keeps an exact selection as it is, in either direction', () => {
    const at = texts[1]!.indexOf('about')
    const span = { start: { index: 1, offset: at }, end: { index: 1, offset: at + 'about 2,500 CSTO soldiers'.length } }
    expect(tidySelection(texts, span.start, span.end)).toEqual(span)
    expect(tidySelection(texts, span.end, span.start)).toEqual(span)
    expect(spanText(texts, span)).toBe('about 2,500 CSTO soldiers')
  })

  it('drops white space at the edges, across segment ends', () => {
    const span = tidySelection(texts, { index: 1, offset: texts[1]!.indexOf('soldiers') }, { index: 2, offset: 6 })
    expect(span).toEqual({ start: { index: 1, offset: texts[1]!.indexOf('soldiers') }, end: { index: 2, offset: 5 } })
    // A drag that ends at the very start of the next segment takes nothing of it.
    const whole = tidySelection(texts, { index: 0, offset: 0 }, { index: 1, offset: 0 })
    expect(whole).toEqual({ start: { index: 0, offset: 0 }, end: { index: 0, offset: texts[0]!.length } })
    // One that starts at the very end of a segment begins in the next one.
    const next = tidySelection(texts, { index: 0, offset: texts[0]!.length }, { index: 1, offset: 2 })
    expect(next).toEqual({ start: { index: 1, offset: 0 }, end: { index: 1, offset: 2 } })
  })

  it('takes a half-selected word whole', () => {
    const at = texts[1]!.indexOf('sixth')
    const span = tidySelection(texts, { index: 1, offset: at + 2 }, { index: 1, offset: at + 9 })
    expect(span && spanText(texts, span)).toBe('sixth of')
  })

  it('gives null for white space only, and clamps offsets past the end', () => {
    expect(tidySelection(texts, { index: 1, offset: texts[1]!.length - 1 }, { index: 2, offset: 2 })).toBeNull()
    expect(tidySelection(texts, { index: 2, offset: 40 }, { index: 2, offset: 999 })?.end).toEqual({ index: 2, offset: texts[2]!.length })
  })

  it('reads the same words back through quoteTextOf, across segments', () => {
    const segments = texts.map((text, i) => ({ id: `s${i}`, text }))
    const span = tidySelection(texts, { index: 0, offset: 7 }, { index: 2, offset: 10 })!
    const start = { segmentId: `s${span.start.index}`, offset: span.start.offset }
    const end = { segmentId: `s${span.end.index}`, offset: span.end.offset }
    expect(quoteTextOf(segments, start, end)).toBe(spanText(texts, span))
    expect(spanText(texts, span)).toContain('\n')
  })
})

describe('splitPieces', () => {
  it('covers the text without gaps, one piece per set of covering quotes', () => {
    const pieces = splitPieces(20, [
      { from: 2, to: 8, quoteId: 'a' },
      { from: 5, to: 12, quoteId: 'b' }
    ])
    expect(pieces).toEqual([
      { from: 0, to: 2, quoteIds: [] },
      { from: 2, to: 5, quoteIds: ['a'] },
      { from: 5, to: 8, quoteIds: ['a', 'b'] },
      { from: 8, to: 12, quoteIds: ['b'] },
      { from: 12, to: 20, quoteIds: [] }
    ])
  })

  it('handles no marks, empty text and marks at the edges', () => {
    expect(splitPieces(5, [])).toEqual([{ from: 0, to: 5, quoteIds: [] }])
    expect(splitPieces(0, [])).toEqual([{ from: 0, to: 0, quoteIds: [] }])
    expect(splitPieces(5, [{ from: 0, to: 5, quoteId: 'q' }])).toEqual([{ from: 0, to: 5, quoteIds: ['q'] }])
  })

  it('lets the pieces give back the text exactly, whatever the marks', () => {
    const text = 'Our people are on Ukraine’s side. <b>As usual.</b>'
    for (let seed = 1; seed < 200; seed++) {
      const a = (seed * 7) % text.length
      const b = (seed * 13) % (text.length + 1)
      const pieces = splitPieces(text.length, [{ from: Math.min(a, b), to: Math.max(a, b), quoteId: 'x' }, { from: seed % 9, to: (seed % 9) + 4, quoteId: 'y' }])
      expect(pieces.map((p) => text.slice(p.from, p.to)).join('')).toBe(text)
    }
  })
})

describe('marksBySegment', () => {
  const lengths = [10, 20, 30]
  const indexById = new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2]
  ])
  it('marks a quote across segments: the end of the first, the middle whole, the start of the last', () => {
    const marks = marksBySegment(lengths, indexById, [{ id: 'q', status: 'exact', start: { segmentId: 'a', offset: 4 }, end: { segmentId: 'c', offset: 7 } }])
    expect(marks.get(0)).toEqual([{ from: 4, to: 10, quoteId: 'q' }])
    expect(marks.get(1)).toEqual([{ from: 0, to: 20, quoteId: 'q' }])
    expect(marks.get(2)).toEqual([{ from: 0, to: 7, quoteId: 'q' }])
  })
  it('leaves out missing quotes and anchors that no longer fit', () => {
    const marks = marksBySegment(lengths, indexById, [
      { id: 'gone', status: 'missing', start: { segmentId: 'a', offset: 0 }, end: { segmentId: 'a', offset: 3 } },
      { id: 'long', status: 'exact', start: { segmentId: 'a', offset: 0 }, end: { segmentId: 'a', offset: 99 } },
      { id: 'nowhere', status: 'exact', start: { segmentId: 'x', offset: 0 }, end: { segmentId: 'a', offset: 3 } }
    ])
    expect(marks.size).toBe(0)
  })
})

describe('tagOptions', () => {
  const tags = [
    { id: '1', name: 'warnings', color: '#d9822b' },
    { id: '2', name: 'conflict/CSTO', color: '#2b7bd9' },
    { id: '3', name: 'state media', color: '#2ba84a' }
  ]
  it('offers an existing tag that holds what was typed first, and creating the name second', () => {
    const options = tagOptions(tags, 'Warn', [])
    expect(options[0]).toMatchObject({ kind: 'tag', tag: { name: 'warnings' } })
    expect(options[1]).toEqual({ kind: 'create', name: 'Warn' })
    expect(tagOptions(tags, 'cs', [])[0]).toMatchObject({ kind: 'tag', tag: { name: 'conflict/CSTO' } })
  })
  it('offers creating first when nothing matches, and warns when the name looks like a slip for a tag', () => {
    expect(tagOptions(tags, 'sirens', [])).toEqual([{ kind: 'create', name: 'sirens' }])
    expect(tagOptions(tags, 'Warning', [])).toEqual([
      { kind: 'tag', tag: tags[0] },
      { kind: 'create', name: 'Warning', looksLike: { name: 'warnings', reason: 'typo' } }
    ])
    expect(tagOptions(tags, 'state  medya', [])[0]).toMatchObject({ kind: 'create', looksLike: { name: 'state media' } })
  })
  it('puts an exact match (any case) first, with no create offer', () => {
    expect(tagOptions(tags, 'WARNINGS', [])).toEqual([{ kind: 'tag', tag: tags[0] }])
  })
  it('leaves out chosen tags, and lists all by name when nothing is typed', () => {
    expect(tagOptions(tags, '', ['2']).map((o) => (o.kind === 'tag' ? o.tag.name : ''))).toEqual(['state media', 'warnings'])
  })
})

describe('changeParts', () => {
  it('splits the saved and current words around the changed token', () => {
    expect(changeParts('about 2,500 CSTO soldiers', 'about 2,300 CSTO soldiers')).toEqual({ before: 'about ', old: '2,500', new: '2,300', after: ' CSTO soldiers' })
    expect(changeParts('same', 'same')).toEqual({ before: 'same', old: '', new: '', after: '' })
    const p = changeParts('the police came', 'the riot police came')
    expect(p.before + p.old + p.after).toBe('the police came')
    expect(p.before + p.new + p.after).toBe('the riot police came')
  })
})

describe('row height estimates (the virtual list’s first guess)', () => {
  it('estimates taller rows for longer words', () => {
    const m = { textWidth: 700, charWidth: 7, lineHeight: 20, chrome: 40 }
    expect(estimateRowHeight('short', m)).toBe(60)
    expect(estimateRowHeight('x'.repeat(250), m)).toBe(100)
    expect(estimateRowHeight('a\nb', m)).toBe(80)
  })
})

describe('extendWordSelection (Shift+←/→ in a focused segment)', () => {
  const text = 'a bb  ccc'
  const words = (sel: { anchor: number; focus: number } | null) => (sel ? text.slice(Math.min(sel.anchor, sel.focus), Math.max(sel.anchor, sel.focus)) : null)
  it('starts with the first word going right and the last going left', () => {
    expect(words(extendWordSelection(text, null, 1))).toBe('a')
    expect(words(extendWordSelection(text, null, -1))).toBe('ccc')
  })
  it('moves the far end a word at a time, back onto the anchor and past it', () => {
    let sel = extendWordSelection(text, null, 1)
    sel = extendWordSelection(text, sel, 1)
    expect(words(sel)).toBe('a bb')
    sel = extendWordSelection(text, sel, 1)
    expect(words(sel)).toBe('a bb  ccc')
    expect(words(extendWordSelection(text, sel, 1))).toBe('a bb  ccc')
    sel = extendWordSelection(text, sel, -1)
    expect(words(sel)).toBe('a bb')
    sel = extendWordSelection(text, extendWordSelection(text, sel, -1), -1)
    expect(sel).toEqual({ anchor: 0, focus: 0 })
    let left = extendWordSelection(text, null, -1)
    left = extendWordSelection(text, left, -1)
    expect(words(left)).toBe('bb  ccc')
  })
  it('has nothing to select in a segment without words', () => {
    expect(extendWordSelection('   ', null, 1)).toBeNull()
  })
})
