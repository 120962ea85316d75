import { describe, expect, it } from 'vitest'
import { SEGMENT_JOINER, quoteTextOf } from '../../src/shared/anchor'
import { seg } from './helpers'

const transcript = [
  seg('s1', 'On the square, with my camera.'),
  seg('s2', 'Thousands of people had come.'),
  seg('s3', ''),
  seg('s4', 'Most of them unarmed.')
]

describe('quoteTextOf', () => {
  it('reads a span inside one segment, end offset exclusive', () => {
    expect(quoteTextOf(transcript, { segmentId: 's1', offset: 7 }, { segmentId: 's1', offset: 13 })).toBe('square')
  })

  it('joins consecutive segments with a single newline', () => {
    expect(SEGMENT_JOINER).toBe('\n')
    expect(quoteTextOf(transcript, { segmentId: 's1', offset: 23 }, { segmentId: 's2', offset: 9 })).toBe('camera.\nThousands')
  })

  it('keeps empty segments in between as empty lines', () => {
    expect(quoteTextOf(transcript, { segmentId: 's2', offset: 24 }, { segmentId: 's4', offset: 4 })).toBe('come.\n\nMost')
  })

  it('reads whole segments from offset 0 to their length', () => {
    expect(quoteTextOf(transcript, { segmentId: 's2', offset: 0 }, { segmentId: 's2', offset: 29 })).toBe('Thousands of people had come.')
  })

  it('gives an empty string for an empty span', () => {
    expect(quoteTextOf(transcript, { segmentId: 's1', offset: 3 }, { segmentId: 's1', offset: 3 })).toBe('')
  })

  it.each([
    ['a segment that is not there', { segmentId: 'gone', offset: 0 }, { segmentId: 's1', offset: 3 }],
    ['an end segment that is not there', { segmentId: 's1', offset: 0 }, { segmentId: 'gone', offset: 3 }],
    ['an offset past the end of its segment', { segmentId: 's1', offset: 0 }, { segmentId: 's1', offset: 31 }],
    ['an end before the start in one segment', { segmentId: 's1', offset: 5 }, { segmentId: 's1', offset: 4 }],
    ['an end segment before the start segment', { segmentId: 's2', offset: 0 }, { segmentId: 's1', offset: 4 }],
    ['a negative offset', { segmentId: 's1', offset: -1 }, { segmentId: 's1', offset: 4 }],
    ['a fractional offset', { segmentId: 's1', offset: 1.5 }, { segmentId: 's1', offset: 4 }]
  ])('is null for %s', (_, start, end) => {
    expect(quoteTextOf(transcript, start, end)).toBeNull()
  })

  it('counts offsets in UTF-16 units, as a text selection does', () => {
    const segments = [seg('k', 'Алаңда болдым 👍 иә')]
    const at = segments[0]!.text.indexOf('👍')
    expect(quoteTextOf(segments, { segmentId: 'k', offset: at }, { segmentId: 'k', offset: at + 2 })).toBe('👍')
  })
})
