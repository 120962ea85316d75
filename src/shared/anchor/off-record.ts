// An export must never carry words a source said off the record, so a quote that reaches into
// such a segment is flagged before anyone can use it.
import type { Anchor, Segment } from '../model'

export type OffRecordSegment = Pick<Segment, 'id' | 'offRecord'>

/**
 * The off-the-record segments a quote covers any character of (or runs across, for an empty one).
 * A quote that starts at the very end of a segment or ends at the very start of one takes none
 * of its words, so that segment does not count. Null when the anchors cannot be placed.
 */
export function offRecordSegmentIds(segments: readonly (OffRecordSegment & { text: string })[], start: Anchor, end: Anchor): string[] | null {
  const first = segments.findIndex((s) => s.id === start.segmentId)
  const last = segments.findIndex((s) => s.id === end.segmentId)
  if (first < 0 || last < 0 || last < first) return null
  const startLength = segments[first]?.text.length ?? 0
  const endLength = segments[last]?.text.length ?? 0
  if (!inRange(start.offset, startLength) || !inRange(end.offset, endLength)) return null
  if (first === last && end.offset < start.offset) return null
  const ids: string[] = []
  for (let i = first; i <= last; i++) {
    const segment = segments[i]
    if (!segment?.offRecord) continue
    const from = i === first ? start.offset : 0
    const to = i === last ? end.offset : segment.text.length
    const covered = to > from || (i !== first && i !== last)
    if (covered) ids.push(segment.id)
  }
  return ids
}

function inRange(offset: number, length: number): boolean {
  return Number.isInteger(offset) && offset >= 0 && offset <= length
}

/**
 * True when the quote includes off-the-record words. Anchors that cannot be placed also give true:
 * this guards what leaves the archive, and a quote nobody can locate cannot be shown to be safe.
 */
export function spansOffRecord(segments: readonly (OffRecordSegment & { text: string })[], start: Anchor, end: Anchor): boolean {
  const ids = offRecordSegmentIds(segments, start, end)
  return ids === null || ids.length > 0
}
