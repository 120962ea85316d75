// The transcript view's pure logic: no DOM, no Vue, no API, so it runs (and is tested) in Node.
// Positions are { index, offset }: a segment's place in the transcript and a UTF-16 offset into its
// text, the unit of JavaScript strings and of the browser's selection.
import { SEGMENT_JOINER, diffText } from '../../../shared/anchor'
import { widenToWords } from '../../../shared/anchor/word-edges'
import { nameLooksLike, type DuplicateReason } from '../../../shared/codebook'
import type { Quote, Tag } from '../../../shared/model'

export interface TextPoint {
  index: number
  offset: number
}

export interface TextSpan {
  start: TextPoint
  end: TextPoint
}

const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/u.test(ch)

function clampPoint(texts: readonly string[], p: TextPoint): TextPoint {
  const index = Math.min(Math.max(0, p.index), texts.length - 1)
  const length = texts[index]?.length ?? 0
  return { index, offset: Math.min(Math.max(0, p.offset), length) }
}

/** -1, 0 or 1 as `a` sits before, on or after `b`. */
export function comparePoints(a: TextPoint, b: TextPoint): number {
  if (a.index !== b.index) return a.index < b.index ? -1 : 1
  return a.offset === b.offset ? 0 : a.offset < b.offset ? -1 : 1
}

/**
 * What the editor meant by a mouse selection: the ends put in order, spaces and line ends at
 * either edge dropped (a drag usually takes the space after the last word, or reaches into the
 * next segment's first position), and a half-selected word at either edge taken whole, since a
 * quote never cuts a word. Null when nothing but white space is selected.
 */
export function tidySelection(texts: readonly string[], a: TextPoint, b: TextPoint): TextSpan | null {
  if (texts.length === 0) return null
  let start = clampPoint(texts, a)
  let end = clampPoint(texts, b)
  if (comparePoints(start, end) > 0) [start, end] = [end, start]
  // Leading white space, crossing segment ends (the joiner between segments counts as white space).
  for (;;) {
    const text = texts[start.index] ?? ''
    while (start.offset < text.length && isSpace(text[start.offset])) start = { ...start, offset: start.offset + 1 }
    if (start.offset < text.length || start.index >= end.index) break
    start = { index: start.index + 1, offset: 0 }
  }
  for (;;) {
    const text = texts[end.index] ?? ''
    while (end.offset > 0 && isSpace(text[end.offset - 1])) end = { ...end, offset: end.offset - 1 }
    if (end.offset > 0 || end.index <= start.index) break
    end = { index: end.index - 1, offset: (texts[end.index - 1] ?? '').length }
  }
  if (comparePoints(start, end) >= 0) return null
  const startText = texts[start.index] ?? ''
  const endText = texts[end.index] ?? ''
  const [s] = widenToWords(startText, start.offset, start.offset)
  const [, e] = widenToWords(endText, end.offset, end.offset)
  return { start: { index: start.index, offset: s }, end: { index: end.index, offset: e } }
}

/** The words of a span, joined the way the archive joins segments (quoteTextOf reads the same). */
export function spanText(texts: readonly string[], span: TextSpan): string {
  const { start, end } = span
  if (start.index === end.index) return (texts[start.index] ?? '').slice(start.offset, end.offset)
  const parts = [(texts[start.index] ?? '').slice(start.offset)]
  for (let i = start.index + 1; i < end.index; i++) parts.push(texts[i] ?? '')
  parts.push((texts[end.index] ?? '').slice(0, end.offset))
  return parts.join(SEGMENT_JOINER)
}

export function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length
}

// ——— the keyboard's word selection ———

/**
 * Shift+→ / Shift+← inside one segment's words. With nothing selected yet, → takes the first
 * word and ← the last. After that the anchor stays and the far end moves one word in the
 * direction pressed: past the anchor it selects words on the other side, onto it the selection
 * is empty. Offsets are UTF-16, like the browser's selection. Null when the text has no words.
 */
export function extendWordSelection(
  text: string,
  current: { anchor: number; focus: number } | null,
  direction: 1 | -1
): { anchor: number; focus: number } | null {
  const words = [...text.matchAll(/\S+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  const first = words[0]
  const last = words.at(-1)
  if (!first || !last) return null
  if (!current) return direction === 1 ? { anchor: first.start, focus: first.end } : { anchor: last.end, focus: last.start }
  const { anchor } = current
  // The far end's stops: word starts before the anchor, the anchor, word ends after it.
  const stops = [...words.map((w) => w.start).filter((o) => o < anchor), anchor, ...words.map((w) => w.end).filter((o) => o > anchor)]
  let at = stops.indexOf(current.focus)
  if (at < 0) at = stops.findIndex((o) => o >= current.focus)
  const next = stops[Math.min(stops.length - 1, Math.max(0, (at < 0 ? stops.length - 1 : at) + direction))]
  return { anchor, focus: next ?? current.focus }
}

// ——— highlights ———

export interface Mark {
  from: number
  to: number
  quoteId: string
}

export interface Piece {
  from: number
  to: number
  /** The quotes covering this piece, in the order their marks were given. Empty: plain text. */
  quoteIds: string[]
}

/**
 * A segment's text cut at every highlight edge, so each piece can be one plain-text span. The
 * pieces cover [0, length) without gaps, so the text of all pieces in order is the segment's text.
 */
export function splitPieces(length: number, marks: readonly Mark[]): Piece[] {
  const cuts = new Set<number>([0, length])
  for (const m of marks) {
    cuts.add(Math.min(Math.max(0, m.from), length))
    cuts.add(Math.min(Math.max(0, m.to), length))
  }
  const sorted = [...cuts].sort((x, y) => x - y)
  const pieces: Piece[] = []
  for (let i = 0; i + 1 < sorted.length; i++) {
    const from = sorted[i] ?? 0
    const to = sorted[i + 1] ?? 0
    if (to <= from) continue
    const quoteIds = marks.filter((m) => m.from <= from && m.to >= to && m.to > m.from).map((m) => m.quoteId)
    const last = pieces.at(-1)
    // Neighbours covered by the same quotes stay one piece.
    if (last && last.quoteIds.join() === quoteIds.join()) last.to = to
    else pieces.push({ from, to, quoteIds })
  }
  if (pieces.length === 0) pieces.push({ from: 0, to: length, quoteIds: [] })
  return pieces
}

export type QuoteForMarks = Pick<Quote, 'id' | 'start' | 'end' | 'status'>

/**
 * Where each quote shows in the transcript: segment index → its marks. A quote across segments
 * marks the end of its first segment, the whole of those between and the start of its last.
 * Missing quotes have no place; a quote whose anchors no longer fit is left out.
 */
export function marksBySegment(
  lengths: readonly number[],
  indexById: ReadonlyMap<string, number>,
  quotes: readonly QuoteForMarks[]
): Map<number, Mark[]> {
  const out = new Map<number, Mark[]>()
  const add = (index: number, mark: Mark) => {
    const list = out.get(index)
    if (list) list.push(mark)
    else out.set(index, [mark])
  }
  for (const q of quotes) {
    if (q.status === 'missing') continue
    const first = indexById.get(q.start.segmentId)
    const last = indexById.get(q.end.segmentId)
    if (first === undefined || last === undefined || last < first) continue
    if ((lengths[first] ?? 0) < q.start.offset || (lengths[last] ?? 0) < q.end.offset) continue
    for (let i = first; i <= last; i++) {
      const from = i === first ? q.start.offset : 0
      const to = i === last ? q.end.offset : (lengths[i] ?? 0)
      if (to > from) add(i, { from, to, quoteId: q.id })
    }
  }
  return out
}

// ——— tags ———

export type TagOption =
  | { kind: 'tag'; tag: Pick<Tag, 'id' | 'name' | 'color'> }
  /** `looksLike`: an existing tag the new name is probably a slip for ("Warning" beside "warnings"). */
  | { kind: 'create'; name: string; looksLike?: { name: string; reason: DuplicateReason } }

const tagKey = (name: string): string => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase()

/** A new tag's name as the archive will keep it. */
export const cleanTagName = (name: string): string => name.replace(/\s+/g, ' ').trim()

/**
 * What the tag field offers for what has been typed. Existing tags come first, best first: the
 * exact name, then names that start with it (or a part of a nested name does), then names that
 * contain it. Creating the typed name as a new tag is the second offer (the first when nothing
 * matches), and never offered when a tag has that name; it warns when the name looks like a
 * slip for an existing tag. With nothing typed, every tag not already chosen, by name.
 */
export function tagOptions(tags: readonly Pick<Tag, 'id' | 'name' | 'color'>[], query: string, chosen: readonly string[], limit = 8): TagOption[] {
  const q = tagKey(query)
  const free = tags.filter((t) => !chosen.includes(t.id))
  if (!q) return [...free].sort((a, b) => a.name.localeCompare(b.name)).slice(0, limit).map((tag) => ({ kind: 'tag', tag }))
  const rank = (name: string): number => {
    const k = tagKey(name)
    if (k === q) return 0
    if (k.startsWith(q) || k.split('/').some((part) => part.startsWith(q))) return 1
    return k.includes(q) ? 2 : 3
  }
  const matches = free
    .map((tag) => ({ tag, rank: rank(tag.name) }))
    .filter((m) => m.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.tag.name.localeCompare(b.tag.name))
    .slice(0, limit)
    .map(({ tag }): TagOption => ({ kind: 'tag', tag }))
  if (tags.some((t) => tagKey(t.name) === q)) return matches
  const [similar] = nameLooksLike(query, tags)
  const create: TagOption = { kind: 'create', name: cleanTagName(query), ...(similar ? { looksLike: { name: similar.tag.name, reason: similar.reason } } : {}) }
  return [...matches.slice(0, 1), create, ...matches.slice(1)]
}

/** The tag a name means, ignoring case and spacing as the archive does. */
export function tagNamed<T extends Pick<Tag, 'name'>>(tags: readonly T[], name: string): T | undefined {
  const k = tagKey(name)
  return tags.find((t) => tagKey(t.name) === k)
}


// ——— changed words ———

export interface ChangeParts {
  before: string
  old: string
  new: string
  after: string
}

/**
 * The saved and the current words split around what changed, widened to whole tokens (so "2,500"
 * shows as one), for review side by side.
 */
export function changeParts(saved: string, current: string): ChangeParts {
  const edit = diffText(saved, current)
  if (!edit) return { before: saved, old: '', new: '', after: '' }
  // Widening moves only into the shared prefix and suffix, so both sides widen by the same amount.
  let left = 0
  while (edit.start - left > 0 && !isSpace(saved[edit.start - left - 1])) left++
  let right = 0
  while (edit.oldEnd + right < saved.length && !isSpace(saved[edit.oldEnd + right])) right++
  return {
    before: saved.slice(0, edit.start - left),
    old: saved.slice(edit.start - left, edit.oldEnd + right),
    new: current.slice(edit.start - left, edit.newEnd + right),
    after: saved.slice(edit.oldEnd + right)
  }
}

// ——— the virtual list's first guess at a row's height ———

export interface RowMetrics {
  /** Width the segment's words wrap in, in pixels. */
  textWidth: number
  /** Average width of one character. */
  charWidth: number
  lineHeight: number
  /** Everything in a row but its lines of words: padding, the speaker line, margins. */
  chrome: number
}

/** A row's height before it has been measured, from how many lines its words should wrap to. */
export function estimateRowHeight(text: string, m: RowMetrics): number {
  const perLine = Math.max(10, Math.floor(m.textWidth / m.charWidth))
  let lines = 0
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(part.length / perLine))
  return m.chrome + lines * m.lineHeight
}
