// One file may yield at most MAX_SEGMENTS segments. A three-hour interview has a few thousand; a
// file that would make millions (50 MB of one-word paragraphs, a crafted CSV) is refused while it
// is read, before the objects it asks for exhaust memory.
import { ImportError, type ParsedSegment } from './types'

export const MAX_SEGMENTS = 200_000

export function tooManySegments(): ImportError {
  return new ImportError(
    `This file would make more than ${MAX_SEGMENTS.toLocaleString('en')} transcript segments, far more than any interview (a three-hour one has a few thousand). Check that it is a transcript; split it if it really is one.`
  )
}

/** An array of segments that refuses to grow past the cap. */
export class SegmentList {
  readonly items: ParsedSegment[] = []

  get length(): number {
    return this.items.length
  }

  push(segment: ParsedSegment): void {
    if (this.items.length >= MAX_SEGMENTS) throw tooManySegments()
    this.items.push(segment)
  }

  last(): ParsedSegment | undefined {
    return this.items[this.items.length - 1]
  }
}
