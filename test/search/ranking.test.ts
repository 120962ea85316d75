// The index ranks on its stored postings (src/core/search/evaluate.ts). It must find and order
// exactly what the in-memory MiniSearch engine Verbatim had before finds and orders: that engine
// is kept as the reference (reference-index.ts), fed the same records and edits.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { SearchIndex, type SearchHit } from '../../src/core/search'
import { MAX_PREFIX_EXPANSIONS } from '../../src/core/search/evaluate'
import { fill } from './archive'
import { ReferenceIndex } from './reference-index'

function compare(fast: SearchHit[], reference: SearchHit[]): void {
  expect(fast.map((h) => h.docId).sort()).toEqual(reference.map((h) => h.docId).sort())
  const scores = new Map(reference.map((h) => [h.docId, h.score]))
  for (const hit of fast) expect(hit.score).toBeCloseTo(scores.get(hit.docId) ?? Number.NaN, 6)
  for (let i = 1; i < fast.length; i++) expect(fast[i - 1]!.score).toBeGreaterThanOrEqual(fast[i]!.score)
}

/** Both engines, changed together. */
function pair(): { index: SearchIndex; reference: ReferenceIndex; check: (q: string) => void } {
  const index = fill(new SearchIndex())
  const reference = fill(new ReferenceIndex())
  const check = (q: string): void => {
    const fast = index.search(q, { limit: 1000 })
    const expected = reference.search(q, { limit: 1000 })
    compare(fast, expected)
    // Everything but the score's last bits is the same hit.
    expect(fast.map(({ score: _, ...hit }) => hit).sort((a, b) => (a.docId < b.docId ? -1 : 1))).toEqual(
      expected.map(({ score: _, ...hit }) => hit).sort((a, b) => (a.docId < b.docId ? -1 : 1))
    )
  }
  return { index, reference, check }
}

describe('ranking', () => {
  it('agrees with the in-memory engine on the fixture archive', () => {
    const { check } = pair()
    const queries = ['the', 'Khabar', 'kaz', 'th', 'the tr', '"the first"', 'speaker:"Saule Bekova" the', 'tag:conflict troops', 'Хабар', 'алаң', 'interview:yerlan the', 'kind:quote the', 'speaker:"Saule Bekova"', 'tag:conflict', 'interview:photographer']
    for (const q of queries) check(q)
  })

  it('agrees with the in-memory engine on random archives and queries, with edits in between', () => {
    const vocabulary = ['war', 'warm', 'ward', 'was', 'the', 'then', 'хабар', 'хабары', 'алаң', 'алан', 'Kazakh', 'kazakhs', 'café']
    const text = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '))
    const query = fc
      .tuple(fc.array(fc.constantFrom(...vocabulary, 'wa', 'ka', 'ха', 'th'), { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean())
      .map(([words, typing, phrase]) => (phrase ? `"${words.join(' ')}"` : words.join(' ')) + (typing ? '' : ' '))
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(29), { maxLength: 5 }), query, (texts, removed, q) => {
        const index = new SearchIndex()
        const reference = new ReferenceIndex()
        for (const engine of [index, reference]) {
          engine.addInterview({ id: 'i', title: 'War notes' }, texts.map((t, n) => ({ id: `s${n}`, speaker: n % 2 ? 'Ann' : 'Bob', text: t })))
          for (const n of removed) engine.removeSegment('i', `s${n}`)
        }
        compare(index.search(q, { limit: 1000 }), reference.search(q, { limit: 1000 }))
        index.close()
      }),
      { numRuns: 300 }
    )
  })

  it('still agrees after documents are added and removed between searches', () => {
    const { index, reference, check } = pair()
    check('the')
    for (const engine of [index, reference]) {
      engine.addInterview({ id: 'late', title: 'Late additions' }, [
        { id: 'a', speaker: 'Lena Moretti', text: 'The the the: a long segment about the troops and the square and the night, then the morning.' },
        { id: 'b', speaker: 'X', text: 'the' }
      ])
    }
    check('the')
    check('the tr')
    for (const engine of [index, reference]) {
      engine.removeInterview('saule-bekova')
      engine.upsertQuote({ id: 'late-q', interviewId: 'late', start: { segmentId: 'b', offset: 0 }, end: { segmentId: 'b', offset: 3 }, text: 'the' })
    }
    check('the')
    check('"the troops"')
    check('speaker:"Lena Moretti" the')
  })

  it('still agrees when many small changes have been merged into bigger runs', () => {
    const { index, reference, check } = pair()
    for (let i = 0; i < 80; i++) {
      for (const engine of [index, reference]) {
        engine.updateSegment('marat-seitkali', { id: `extra${i % 13}`, speaker: i % 2 ? 'Marat Seitkali' : 'Lena Moretti', text: `the troops ${i} square café ${i % 7}` })
        if (i % 5 === 0) engine.removeSegment('marat-seitkali', `extra${(i + 3) % 13}`)
      }
    }
    expect(index.stats.merges).toBeGreaterThan(0)
    for (const q of ['the', 'troops', 'squa', '"troops 7"', 'speaker:Seitkali cafe', 'café 3', 'interview:marat-seitkali the']) check(q)
  })

  it('finds the same best few for a word being typed when most documents can be left out unread', () => {
    // Common and rare words sharing a prefix: the common ones (low IDF, long lists) are only
    // added to documents already found once the best few are out of their reach.
    const common = ['was', 'want', 'wall', 'walk']
    const rare = ['wabi', 'wacko', 'waddle', 'wafer', 'wager', 'waif', 'wainscot', 'waistcoat', 'wakeful', 'waltz']
    const word = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...common, 'the', 'of', 'and') }, { weight: 1, arbitrary: fc.constantFrom(...rare) })
    const text = fc.array(word, { minLength: 1, maxLength: 15 }).map((w) => w.join(' '))
    let pruned = 0
    fc.assert(
      fc.property(fc.array(text, { minLength: 20, maxLength: 120 }), fc.constantFrom('wa', 'wal', 'w'), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(119), { maxLength: 8 }), (texts, q, limit, removed) => {
        const index = new SearchIndex()
        const reference = new ReferenceIndex()
        for (const engine of [index, reference]) {
          engine.addInterview({ id: 'i', title: 'Notes' }, texts.map((t, n) => ({ id: `s${n}`, speaker: 'Ann', text: t })))
          for (const n of removed) engine.removeSegment('i', `s${n}`)
        }
        const got = index.search(q, { limit })
        const all = reference.search(q, { limit: 1000 })
        const expected = all.slice(0, limit)
        expect(got.map((h) => h.score)).toEqual(expected.map((h) => expect.closeTo(h.score, 6)))
        const kth = expected.at(-1)?.score ?? 0
        for (const hit of got) expect(all.find((h) => h.docId === hit.docId)!.score).toBeGreaterThanOrEqual(kth - 1e-6)
        pruned += index.stats.pruned
        index.close()
      }),
      { numRuns: 150 }
    )
    // The shortcut was taken, not just allowed.
    expect(pruned).toBeGreaterThan(10)
  })

  it('agrees on phrases with thousands of candidates, checked in document order', () => {
    const index = new SearchIndex()
    const reference = new ReferenceIndex()
    const words = ['the', 'of', 'war', 'was', 'warm', 'ward', 'night', 'square']
    let seed = 7
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const segments = Array.from({ length: 6000 }, (_, n) => ({
      id: `s${n}`, speaker: n % 3 ? 'Ann' : 'Bob', text: Array.from({ length: 12 }, () => words[Math.floor(random() * words.length)]).join(' ')
    }))
    for (const engine of [index, reference]) engine.addInterview({ id: 'i', title: 'Night notes' }, segments)
    for (const q of ['"war the"', '"of the night"', '"the wa', 'square "night of"']) {
      for (const limit of [5, 50]) compare(index.search(q, { limit }), reference.search(q, { limit }))
    }
    expect(index.search('"war the"', { limit: 10000 }).map((h) => h.docId).sort()).toEqual(reference.search('"war the"', { limit: 10000 }).map((h) => h.docId).sort())
  })

  it('returns the same first hits whatever the limit', () => {
    const index = fill(new SearchIndex())
    const all = index.search('the', { limit: 1000 })
    for (const limit of [1, 3, 7]) expect(index.search('the', { limit })).toEqual(all.slice(0, limit))
  })
})

describe('prefix expansion', () => {
  it('expands a word being typed to at most 50 longer words, the shortest first', () => {
    expect(MAX_PREFIX_EXPANSIONS).toBe(50)
    const index = new SearchIndex()
    // ka + 2 letters (the shortest expansions), then ka + 3 letters.
    const words = Array.from({ length: 60 }, (_, i) => `ka${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`)
    words.push('kazakhstan')
    index.addInterview({ id: 'i', title: 'T' }, words.map((w, n) => ({ id: `s${n}`, speaker: 'X', text: w })))
    const hits = index.search('ka', { limit: 1000 })
    expect(hits).toHaveLength(50)
    expect(hits.some((h) => h.text === 'kazakhstan')).toBe(false)
    // The next letter narrows the expansions, and the long word is found again.
    expect(index.search('kaza').map((h) => h.text).sort()).toEqual(['kaza', 'kazakhstan'])
  })
})
