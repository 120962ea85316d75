// Keeps a saved quote pointing at its words after the transcript is corrected. The rule that
// matters: a quote is reported 'exact' or 'moved' only when its anchors read exactly its saved
// words; anything else is 'changed' (with a best guess for the editor to review) or 'missing'.
//
// Two ways in. With `previous` (the segments as they were when the quote's anchors were last
// right, which the store has at the moment it saves a correction) each anchor is carried through
// the diff of its own segment, so an edit before, inside or after the quote is told apart exactly.
// Without it (on load, after a re-import) only the saved words and old anchors are known, so the
// words are looked for again near the old place; edits that leave the anchors reading the same
// words are then taken as 'exact', and a letter glued onto the quote's edge cannot be seen.
import type { Anchor } from '../model'
import { anchorAt, flatten, positionOf, segmentIndexAt, segmentRange, type AnchorSegment, type FlatText } from './flat-text'
import { headAt, longestHead, longestTail, nearest, occurrences, tailAt, type Window } from './locate'
import { diffText, mapOffset, type EditAlignment } from './text-diff'
import { isInsideWord, widenToWords } from './word-edges'

export interface QuoteAnchors {
  readonly start: Anchor
  readonly end: Anchor
  readonly text: string
}

export type ReanchorStatus = 'exact' | 'moved' | 'changed' | 'missing'

export type ReanchorReason =
  /** exact: the anchors read the saved words. */
  | 'unchanged'
  /** moved: the saved words, followed through the edit or found again near their old place. */
  | 'shifted'
  /** changed: the words at the quote's place are not the saved words. */
  | 'edited'
  /** changed: the saved letters are there, but a correction joined them to a neighbouring word. */
  | 'joined-word'
  /** changed: the saved words occur more than once and nothing tells which one the quote was. */
  | 'ambiguous'
  /** missing: the quote's segments are gone and its words are nowhere in the transcript. */
  | 'gone'

export interface ReanchorResult {
  status: ReanchorStatus
  reason: ReanchorReason
  /** Present unless missing: for 'changed' a best guess, for the others the quote's anchors now. */
  start?: Anchor
  end?: Anchor
  /** For 'changed': what the transcript says at the guessed anchors, for side-by-side review. */
  currentText?: string
}

export interface ReanchorOptions {
  /** The transcript the quote's anchors were made against, before the edit being applied. */
  previous?: readonly AnchorSegment[]
}

/** `segments` is the interview's whole transcript now, in source order. */
export function reanchor(quote: QuoteAnchors, segments: readonly AnchorSegment[], options: ReanchorOptions = {}): ReanchorResult {
  return reanchorFlat(quote, flatten(segments), options.previous ? flatten(options.previous) : null)
}

/** The same for every quote of one interview, joining the transcript once rather than per quote. */
export function reanchorAll(
  quotes: readonly QuoteAnchors[],
  segments: readonly AnchorSegment[],
  options: ReanchorOptions = {}
): ReanchorResult[] {
  const current = flatten(segments)
  const previous = options.previous ? flatten(options.previous) : null
  return quotes.map((quote) => reanchorFlat(quote, current, previous))
}

const GONE: ReanchorResult = { status: 'missing', reason: 'gone' }

function reanchorFlat(quote: QuoteAnchors, cur: FlatText, prev: FlatText | null): ReanchorResult {
  return checked(quote, cur, locateQuote(quote, cur, prev))
}

/**
 * The last word on every answer: anchors are read back the way quoteTextOf reads them. Only a
 * transcript with a duplicated segment id can make them disagree (an anchor names the first copy),
 * and then the answer is downgraded rather than trusted.
 */
function checked(quote: QuoteAnchors, cur: FlatText, result: ReanchorResult): ReanchorResult {
  if (!result.start || !result.end) return result
  const start = positionOf(cur, result.start)
  const end = positionOf(cur, result.end)
  const reads = start !== null && end !== null && start <= end ? cur.text.slice(start, end) : null
  if (reads === null) return GONE
  if (result.status === 'changed') return reads === result.currentText ? result : { ...result, currentText: reads }
  return reads === quote.text ? result : { ...result, status: 'changed', reason: 'ambiguous', currentText: reads }
}

function locateQuote(quote: QuoteAnchors, cur: FlatText, prev: FlatText | null): ReanchorResult {
  if (quote.text.length === 0 || cur.ids.length === 0) return GONE
  let mapped: Span | null = null
  if (prev && readsQuote(prev, quote)) {
    const followed = followEdit(quote, cur, prev)
    if (followed.result) return followed.result
    mapped = followed.mapped
  } else {
    const start = positionOf(cur, quote.start)
    const end = positionOf(cur, quote.end)
    if (start !== null && end !== null && start <= end && cur.text.slice(start, end) === quote.text) {
      return { status: 'exact', reason: 'unchanged', start: quote.start, end: quote.end }
    }
  }
  return relocate(quote, cur, prev, mapped)
}

interface Span {
  start: number
  end: number
}

function readsQuote(flat: FlatText, quote: QuoteAnchors): boolean {
  const start = positionOf(flat, quote.start)
  const end = positionOf(flat, quote.end)
  return start !== null && end !== null && start <= end && flat.text.slice(start, end) === quote.text
}

function found(quote: QuoteAnchors, cur: FlatText, span: Span): ReanchorResult {
  const start = anchorAt(cur, span.start)
  const end = anchorAt(cur, span.end)
  const same = sameAnchor(start, quote.start) && sameAnchor(end, quote.end)
  return same ? { status: 'exact', reason: 'unchanged', start, end } : { status: 'moved', reason: 'shifted', start, end }
}

function changed(cur: FlatText, span: Span, reason: ReanchorReason): ReanchorResult {
  return {
    status: 'changed',
    reason,
    start: anchorAt(cur, span.start),
    end: anchorAt(cur, span.end),
    currentText: cur.text.slice(span.start, span.end)
  }
}

function sameAnchor(a: Anchor, b: Anchor): boolean {
  return a.segmentId === b.segmentId && a.offset === b.offset
}

function segmentText(flat: FlatText, segmentId: string): string | null {
  const index = flat.indexById.get(segmentId)
  if (index === undefined) return null
  const [from, to] = segmentRange(flat, index)
  return flat.text.slice(from, to)
}

/**
 * Carries both anchors through their segments' diffs. Each diff is tried pushed late and early:
 * in a run of repeated letters an edit just outside the quote may also be read as one inside it,
 * and if any reading leaves the saved words intact, that is what happened.
 */
function followEdit(quote: QuoteAnchors, cur: FlatText, prev: FlatText): { result: ReanchorResult | null; mapped: Span | null } {
  const oldStart = segmentText(prev, quote.start.segmentId)
  const oldEnd = segmentText(prev, quote.end.segmentId)
  const newStart = segmentText(cur, quote.start.segmentId)
  const newEnd = segmentText(cur, quote.end.segmentId)
  if (oldStart === null || oldEnd === null || newStart === null || newEnd === null) return { result: null, mapped: null }
  const oldSpan: Span = { start: positionOf(prev, quote.start) ?? 0, end: positionOf(prev, quote.end) ?? 0 }
  const alignments: Array<[EditAlignment, EditAlignment]> = [
    ['right', 'right'],
    ['left', 'left'],
    ['left', 'right'],
    ['right', 'left']
  ]
  let first: Span | null = null
  let joined: Span | null = null
  for (const [startAlign, endAlign] of alignments) {
    const startOffset = mapOffset(diffText(oldStart, newStart, startAlign), quote.start.offset, 'start')
    const endOffset = mapOffset(diffText(oldEnd, newEnd, endAlign), quote.end.offset, 'end')
    const start = positionOf(cur, { segmentId: quote.start.segmentId, offset: startOffset })
    const end = positionOf(cur, { segmentId: quote.end.segmentId, offset: endOffset })
    if (start === null || end === null || start > end) continue
    const span = { start, end }
    first ??= span
    if (cur.text.slice(start, end) !== quote.text) continue
    if (gluedAt(prev.text, oldSpan.start, cur.text, start) || gluedAt(prev.text, oldSpan.end, cur.text, end)) {
      joined ??= span
      continue
    }
    return { result: found(quote, cur, span), mapped: span }
  }
  if (joined) {
    const [start, end] = widenToWords(cur.text, joined.start, joined.end)
    return { result: changed(cur, { start, end }, 'joined-word'), mapped: joined }
  }
  return { result: null, mapped: first }
}

/** A quote edge that used to fall between words now falls inside one. */
function gluedAt(oldText: string, oldPosition: number, newText: string, newPosition: number): boolean {
  return !isInsideWord(oldText, oldPosition) && isInsideWord(newText, newPosition)
}

interface Whereabouts {
  /** Where the words are expected to start and end now, when anything still says. */
  start?: number
  end?: number
  /** The part of the transcript the quote can reasonably have gone to. */
  window: Window
  /** One of the quote's own segments still stands; without one only a large piece of its words can place it. */
  anchored: boolean
}

/**
 * The words were not where the anchors (or the edit) put them: look for them around the quote's
 * old segments, the closest copy first. Searching the whole transcript while the quote's own
 * segments still stand would attach it to someone else saying the same words.
 */
function relocate(quote: QuoteAnchors, cur: FlatText, prev: FlatText | null, mapped: Span | null): ReanchorResult {
  const where = whereabouts(quote, cur, prev, mapped)
  const text = quote.text
  const hits = occurrences(cur.text, text, where.window)
  if (hits.length > 0) {
    const expected = where.start ?? (where.end === undefined ? undefined : where.end - text.length)
    if (expected === undefined && hits.length > 1) {
      const at = hits[0] ?? 0
      return changed(cur, { start: at, end: at + text.length }, 'ambiguous')
    }
    const at = (expected === undefined ? hits[0] : nearest(hits, expected)) ?? 0
    return found(quote, cur, { start: at, end: at + text.length })
  }
  const guess = guessSpan(text, cur, where)
  if (guess) return changed(cur, guess, 'edited')
  if (mapped && mapped.end > mapped.start) return changed(cur, widened(cur, mapped), 'edited')
  if (where.anchored && where.start !== undefined && where.end !== undefined) {
    // Nothing of the words is left where they were: show the segments the quote was anchored in.
    const first = segmentRange(cur, segmentIndexAt(cur, where.start))[0]
    const last = segmentRange(cur, segmentIndexAt(cur, Math.max(where.start, where.end)))[1]
    if (last > first) return changed(cur, { start: first, end: last }, 'edited')
  }
  return GONE
}

function widened(cur: FlatText, span: Span): Span {
  const [start, end] = widenToWords(cur.text, span.start, span.end)
  return { start, end }
}

function whereabouts(quote: QuoteAnchors, cur: FlatText, prev: FlatText | null, mapped: Span | null): Whereabouts {
  const startIndex = cur.indexById.get(quote.start.segmentId)
  const endIndex = cur.indexById.get(quote.end.segmentId)
  const clampInto = (index: number, offset: number): number => {
    const [from, to] = segmentRange(cur, index)
    return Math.min(from + offset, to)
  }
  let start = mapped?.start ?? (startIndex === undefined ? undefined : clampInto(startIndex, quote.start.offset))
  let end = mapped?.end ?? (endIndex === undefined ? undefined : clampInto(endIndex, quote.end.offset))
  if (start === undefined && end !== undefined) start = Math.max(0, end - quote.text.length)
  if (end === undefined && start !== undefined) end = Math.min(cur.text.length, start + quote.text.length)
  const own = [startIndex, endIndex].filter((index): index is number => index !== undefined)
  const standing = [...own]
  if (standing.length === 0 && prev) {
    // The quote's segments are gone; the neighbours that survive say where they stood.
    const { before, after } = survivingNeighbours(prev, cur, quote)
    if (before !== undefined) standing.push(before)
    if (after !== undefined) standing.push(after)
    if (start === undefined && (before !== undefined || after !== undefined)) {
      start = before !== undefined ? segmentRange(cur, before)[1] : Math.max(0, segmentRange(cur, after ?? 0)[0] - quote.text.length)
      end = start + quote.text.length
    }
  }
  if (standing.length === 0) return { window: { from: 0, to: cur.text.length }, anchored: false }
  const first = Math.max(0, Math.min(...standing) - 1)
  const last = Math.min(cur.ids.length - 1, Math.max(...standing) + 1)
  return { start, end, window: { from: segmentRange(cur, first)[0], to: segmentRange(cur, last)[1] }, anchored: own.length > 0 }
}

function survivingNeighbours(prev: FlatText, cur: FlatText, quote: QuoteAnchors): { before?: number; after?: number } {
  const from = prev.indexById.get(quote.start.segmentId)
  const to = prev.indexById.get(quote.end.segmentId) ?? from
  if (from === undefined || to === undefined) return {}
  const survivor = (i: number): number | undefined => cur.indexById.get(prev.ids[i] ?? '')
  let before: number | undefined
  let after: number | undefined
  for (let i = from - 1; i >= 0 && before === undefined; i--) before = survivor(i)
  for (let i = to + 1; i < prev.ids.length && after === undefined; i++) after = survivor(i)
  return { before, after }
}

/**
 * The words changed: the longest surviving beginning and end of the quote bracket the guess,
 * taken first from exactly where the quote began and ended, then from anywhere nearby. With the
 * quote's own segments gone, a piece counts only if it is at least half the quote, so that a common
 * phrase elsewhere is not passed off as the quote's remains.
 */
function guessSpan(text: string, cur: FlatText, where: Whereabouts): Span | null {
  const head =
    (where.start === undefined ? null : headAt(cur.text, text, where.start)) ??
    longestHead(cur.text, text, where.window, where.start ?? where.window.from)
  const tail =
    (where.end === undefined ? null : tailAt(cur.text, text, where.end)) ??
    longestTail(cur.text, text, where.window, where.end ?? where.window.to)
  const limit = 2 * text.length + 200
  const enough = (length: number): boolean => where.anchored || length >= Math.max(8, Math.ceil(text.length / 2))
  const headOk = head && enough(head.length) ? head : null
  const tailOk = tail && enough(tail.length) ? tail : null
  let span: Span | null = null
  if (headOk && tailOk) {
    const end = tailOk.at + tailOk.length
    if (end > headOk.at && end - headOk.at <= limit) span = { start: headOk.at, end }
  }
  if (!span && headOk) {
    const headEnd = headOk.at + headOk.length
    const end = where.end !== undefined && where.end > headEnd && where.end - headOk.at <= limit ? where.end : headEnd
    span = { start: headOk.at, end }
  }
  if (!span && tailOk) {
    const tailEnd = tailOk.at + tailOk.length
    const start = where.start !== undefined && where.start < tailOk.at && tailEnd - where.start <= limit ? where.start : tailOk.at
    span = { start, end: tailEnd }
  }
  if (!span) return null
  const wide = widened(cur, span)
  return wide.end > wide.start ? wide : null
}
