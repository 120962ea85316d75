// Random transcripts, quotes and corrections. Quotes start and end on word edges, as an editor's
// selection does; words mix Latin, Russian and Kazakh letters, a decomposed accent, and look-alikes
// ("war"/"award", "алаң"/"алан") so that relocating by letters alone would go wrong.
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { quoteTextOf, reanchor, type AnchorSegment, type QuoteAnchors } from '../../src/shared/anchor'
import { expectTruthful } from './helpers'

const WORDS = ['war', 'award', 'we', 'waited', 'Khabar', 'Хабар', 'первым', 'сюжеты', 'ёлка', 'елка', 'алаң', 'алан', 'бейбіт', 'көңіл', 'ұлы', 'һәм', 'cafe\u0301', 'no', 'so']
const SEPARATORS = [' ', ', ', '. ', ' — ', '-', '\u00a0']

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 })
const text = fc.tuple(words, fc.array(fc.constantFrom(...SEPARATORS), { minLength: 8, maxLength: 8 })).map(([ws, seps]) =>
  ws.map((w, i) => (i === 0 ? w : `${seps[i % seps.length] ?? ' '}${w}`)).join('')
)
const fragment = fc.tuple(fc.constantFrom('', ' ', ', '), fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }), fc.constantFrom('', ' ', '. ')).map(
  ([a, ws, b]) => a + ws.join(' ') + b
)

function wordSpans(t: string): Array<[number, number]> {
  return [...t.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length])
}

interface Case {
  segments: AnchorSegment[]
  quote: QuoteAnchors
  first: number
  last: number
}

const scenario = fc
  .array(text, { minLength: 1, maxLength: 5 })
  .chain((texts) => {
    const segments = texts.map((t, i) => ({ id: `s${i}`, text: t }))
    return fc
      .tuple(fc.nat(texts.length - 1), fc.nat(2), fc.nat(), fc.nat())
      .map(([first, extra, a, b]): Case => {
        const last = Math.min(texts.length - 1, first + extra)
        const startWords = wordSpans(segments[first]!.text)
        const endWords = wordSpans(segments[last]!.text)
        const startWord = startWords[a % startWords.length]!
        let endWord = endWords[b % endWords.length]!
        if (first === last && endWord[1] <= startWord[0]) endWord = startWord
        const start = { segmentId: `s${first}`, offset: startWord[0] }
        const end = { segmentId: `s${last}`, offset: endWord[1] }
        const quoteText = quoteTextOf(segments, start, end)
        if (!quoteText) throw new Error('generator made an empty quote')
        return { segments, quote: { start, end, text: quoteText }, first, last }
      })
  })

type Edit =
  | { kind: 'text'; segment: number; from: number; to: number; insert: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; segment: number }

let made = 0
function apply(segments: readonly AnchorSegment[], edit: Edit): AnchorSegment[] {
  if (edit.kind === 'insert') return [...segments.slice(0, edit.at), { id: `n${made++}`, text: edit.text }, ...segments.slice(edit.at)]
  if (edit.kind === 'delete') return segments.filter((_, i) => i !== edit.segment)
  return segments.map((s, i) => (i === edit.segment ? { ...s, text: s.text.slice(0, edit.from) + edit.insert + s.text.slice(edit.to) } : s))
}

/** An edit that leaves the quote's characters and the character on each side of it alone. */
function outsideEdit(c: Case): fc.Arbitrary<Edit | null> {
  const { segments, quote, first, last } = c
  const options: Array<fc.Arbitrary<Edit | null>> = []
  segments.forEach((s, i) => {
    let lo = 0
    let hi = s.text.length
    if (i > first && i < last) return
    const ranges: Array<[number, number]> = []
    if (i === first && i === last) {
      ranges.push([0, quote.start.offset - 1], [quote.end.offset + 1, hi])
    } else if (i === first) {
      ranges.push([0, quote.start.offset - 1])
    } else if (i === last) {
      ranges.push([quote.end.offset + 1, hi])
    } else {
      ranges.push([lo, hi])
    }
    for (const [a, b] of ranges) {
      if (b < a) continue
      lo = a
      hi = b
      options.push(
        fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: lo, max: hi }), fragment).map(([x, y, insert]) => ({
          kind: 'text' as const,
          segment: i,
          from: Math.min(x, y),
          to: Math.max(x, y),
          insert
        }))
      )
    }
    if (i < first || i > last) options.push(fc.constant({ kind: 'delete' as const, segment: i }))
  })
  const insertAt = [...Array(segments.length + 1).keys()].filter((at) => at <= first || at > last)
  options.push(fc.tuple(fc.constantFrom(...insertAt), text).map(([at, t]) => ({ kind: 'insert' as const, at, text: t })))
  return fc.oneof(...options)
}

function anyEdit(c: Case): fc.Arbitrary<Edit> {
  const n = c.segments.length
  return fc.oneof(
    fc
      .tuple(fc.nat(n - 1), fc.nat(), fc.nat(), fragment)
      .map(([segment, x, y, insert]) => {
        const length = c.segments[segment]!.text.length + 1
        return { kind: 'text' as const, segment, from: Math.min(x % length, y % length), to: Math.max(x % length, y % length), insert }
      }),
    fc.tuple(fc.nat(n), text).map(([at, t]) => ({ kind: 'insert' as const, at, text: t })),
    fc.nat(n - 1).map((segment) => ({ kind: 'delete' as const, segment }))
  )
}

describe('reanchor properties', () => {
  it('never flags a quote as changed or missing for an edit outside it', () => {
    fc.assert(
      fc.property(scenario.chain((c) => fc.tuple(fc.constant(c), fc.array(outsideEdit(c), { minLength: 1, maxLength: 1 }))), ([c, [edit]]) => {
        if (!edit) return
        const after = apply(c.segments, edit)
        for (const result of [reanchor(c.quote, after, { previous: c.segments }), reanchor(c.quote, after)]) {
          expect(['exact', 'moved']).toContain(result.status)
          expectTruthful(result, c.quote, after)
        }
      }),
      { numRuns: 1500 }
    )
  })

  it('only ever says exact or moved when the anchors read the saved words, for any edits', () => {
    fc.assert(
      fc.property(
        scenario.chain((c) => fc.tuple(fc.constant(c), fc.array(anyEdit(c), { minLength: 1, maxLength: 3 }))),
        ([c, edits]) => {
          let before = c.segments
          let after = c.segments
          for (const edit of edits) {
            before = after
            after = apply(after, edit)
          }
          // With `previous` only for a single edit: that is when the store knows the old transcript.
          const results = [reanchor(c.quote, after)]
          if (edits.length === 1) results.push(reanchor(c.quote, after, { previous: before }))
          for (const result of results) expectTruthful(result, c.quote, after)
        }
      ),
      { numRuns: 1500 }
    )
  })

  it('never calls a quote exact when the words at its anchors changed', () => {
    fc.assert(
      fc.property(
        scenario.chain((c) => fc.tuple(fc.constant(c), anyEdit(c))),
        ([c, edit]) => {
          const after = apply(c.segments, edit)
          const now = quoteTextOf(after, c.quote.start, c.quote.end)
          if (now === c.quote.text) return
          for (const result of [reanchor(c.quote, after, { previous: c.segments }), reanchor(c.quote, after)]) {
            if (result.status === 'exact') expect.unreachable(`exact although the anchors now read ${JSON.stringify(now)}`)
          }
        }
      ),
      { numRuns: 1000 }
    )
  })
})
