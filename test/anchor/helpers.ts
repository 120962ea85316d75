import type { Anchor } from '../../src/shared/model'
import { quoteTextOf, type AnchorSegment, type QuoteAnchors, type ReanchorResult } from '../../src/shared/anchor'

export function seg(id: string, text: string): AnchorSegment {
  return { id, text }
}

/** A quote of `phrase` inside one segment, as an editor's selection would make it. */
export function quoteIn(segments: readonly AnchorSegment[], segmentId: string, phrase: string, occurrence = 0): QuoteAnchors {
  const segment = segments.find((s) => s.id === segmentId)
  if (!segment) throw new Error(`no segment ${segmentId}`)
  let at = -1
  for (let i = 0; i <= occurrence; i++) {
    at = segment.text.indexOf(phrase, at + 1)
    if (at < 0) throw new Error(`"${phrase}" occurs fewer than ${occurrence + 1} times in ${segmentId}`)
  }
  return { start: { segmentId, offset: at }, end: { segmentId, offset: at + phrase.length }, text: phrase }
}

/** A quote from `head` in one segment through `tail` in a later one. */
export function quoteAcross(
  segments: readonly AnchorSegment[],
  startId: string,
  head: string,
  endId: string,
  tail: string
): QuoteAnchors {
  const first = segments.find((s) => s.id === startId)
  const last = segments.find((s) => s.id === endId)
  if (!first || !last) throw new Error('no such segment')
  const start: Anchor = { segmentId: startId, offset: first.text.indexOf(head) }
  const end: Anchor = { segmentId: endId, offset: last.text.indexOf(tail) + tail.length }
  const text = quoteTextOf(segments, start, end)
  if (text === null || start.offset < 0) throw new Error('bad quote in test')
  return { start, end, text }
}

export function replaceText(segments: readonly AnchorSegment[], segmentId: string, from: string, to: string): AnchorSegment[] {
  return segments.map((s) => {
    if (s.id !== segmentId) return s
    if (!s.text.includes(from)) throw new Error(`"${from}" not in ${segmentId}`)
    return { ...s, text: s.text.replace(from, to) }
  })
}

/** The rule every result must keep: exact/moved anchors read the saved words, changed shows what is there. */
export function expectTruthful(result: ReanchorResult, quote: QuoteAnchors, segments: readonly AnchorSegment[]): void {
  if (result.status === 'missing') {
    if (result.start || result.end) throw new Error('a missing quote has no anchors')
    return
  }
  if (!result.start || !result.end) throw new Error(`${result.status} without anchors`)
  const text = quoteTextOf(segments, result.start, result.end)
  if (result.status === 'changed') {
    if (text !== result.currentText) throw new Error(`currentText ${JSON.stringify(result.currentText)} is not what the anchors read: ${JSON.stringify(text)}`)
    return
  }
  if (text !== quote.text) throw new Error(`${result.status} but the anchors read ${JSON.stringify(text)}, not ${JSON.stringify(quote.text)}`)
}
