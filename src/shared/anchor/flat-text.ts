// A quote may run across segments, so its words are read from the transcript as one string: the
// segments' texts in order with a single '\n' between consecutive segments. Every offset in this
// module counts UTF-16 code units, the same unit as JavaScript string indices and the editor's
// selection, so an anchor taken from a text selection needs no conversion.
import type { Anchor, Segment } from '../model'

/** What the anchor code needs of a segment; a full `Segment` fits. */
export type AnchorSegment = Pick<Segment, 'id' | 'text'>

/** Written once so that saving a quote, showing it and checking it can never disagree. */
export const SEGMENT_JOINER = '\n'

export interface FlatText {
  readonly text: string
  /** Where each segment's text begins in `text`. */
  readonly starts: readonly number[]
  readonly ids: readonly string[]
  readonly indexById: ReadonlyMap<string, number>
}

export function flatten(segments: readonly AnchorSegment[]): FlatText {
  const starts: number[] = []
  const ids: string[] = []
  const indexById = new Map<string, number>()
  let at = 0
  segments.forEach((segment, index) => {
    starts.push(at)
    ids.push(segment.id)
    // A duplicated id would make an anchor ambiguous; the first one wins, as in quoteTextOf.
    if (!indexById.has(segment.id)) indexById.set(segment.id, index)
    at += segment.text.length + SEGMENT_JOINER.length
  })
  return { text: segments.map((s) => s.text).join(SEGMENT_JOINER), starts, ids, indexById }
}

export function segmentLength(flat: FlatText, index: number): number {
  const start = flat.starts[index] ?? 0
  const next = flat.starts[index + 1]
  return (next === undefined ? flat.text.length : next - SEGMENT_JOINER.length) - start
}

export function segmentRange(flat: FlatText, index: number): [number, number] {
  const start = flat.starts[index] ?? 0
  return [start, start + segmentLength(flat, index)]
}

function isOffset(value: number): boolean {
  return Number.isInteger(value) && value >= 0
}

/** The anchor's position in the flat text, or null when its segment is gone or too short for it. */
export function positionOf(flat: FlatText, anchor: Anchor): number | null {
  const index = flat.indexById.get(anchor.segmentId)
  if (index === undefined || !isOffset(anchor.offset)) return null
  if (anchor.offset > segmentLength(flat, index)) return null
  return (flat.starts[index] ?? 0) + anchor.offset
}

/** The segment holding a flat position; the '\n' after a segment counts as that segment's end. */
export function segmentIndexAt(flat: FlatText, position: number): number {
  let low = 0
  let high = flat.starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((flat.starts[mid] ?? 0) <= position) low = mid
    else high = mid - 1
  }
  return low
}

/**
 * Each flat position maps to exactly one anchor (the joiner sits between `{a, a.length}` and
 * `{b, 0}`), so anchors made here read back the same text through quoteTextOf.
 */
export function anchorAt(flat: FlatText, position: number): Anchor {
  const index = segmentIndexAt(flat, position)
  const segmentId = flat.ids[index]
  if (segmentId === undefined) throw new RangeError('an empty transcript has no positions')
  return { segmentId, offset: position - (flat.starts[index] ?? 0) }
}

/**
 * The exact words between two anchors of one interview's transcript (`segments` in source order),
 * or null when an anchor names a segment that is not there, an offset past its segment's end, or an
 * end before the start.
 */
export function quoteTextOf(segments: readonly AnchorSegment[], start: Anchor, end: Anchor): string | null {
  if (!isOffset(start.offset) || !isOffset(end.offset)) return null
  // Walk only the quote's own segments: this runs for every quote shown, on transcripts of thousands of segments.
  const first = segments.findIndex((s) => s.id === start.segmentId)
  if (first < 0) return null
  const last = segments.findIndex((s) => s.id === end.segmentId)
  if (last < 0) return null
  const firstSegment = segments[first]
  const lastSegment = segments[last]
  if (!firstSegment || !lastSegment) return null
  if (start.offset > firstSegment.text.length || end.offset > lastSegment.text.length) return null
  if (first === last) return start.offset <= end.offset ? firstSegment.text.slice(start.offset, end.offset) : null
  if (last < first) return null
  const parts = [firstSegment.text.slice(start.offset)]
  for (let i = first + 1; i < last; i++) parts.push(segments[i]?.text ?? '')
  parts.push(lastSegment.text.slice(0, end.offset))
  return parts.join(SEGMENT_JOINER)
}
