import { describe, expect, it } from 'vitest'
import { offRecordSegmentIds, spansOffRecord } from '../../src/shared/anchor'

// Yerlan's notes: segment y5 was said off the record.
const yerlan = [
  { id: 'y4', offRecord: false, text: 'Can I tell you something that is not for print?' },
  { id: 'y5', offRecord: true, text: "One of the officers who gave the order in Almaty is now my neighbour's cousin. Do not print this." },
  { id: 'y6', offRecord: false, text: 'Back on the record.' },
  { id: 'y7', offRecord: false, text: 'The government published the names of 238 dead, but only in August.' },
  { id: 'y8', offRecord: true, text: '' },
  { id: 'y9', offRecord: false, text: 'Prosecutors are working on more than 300 torture cases.' }
]

describe('spansOffRecord', () => {
  it('is false for a quote inside an on-the-record segment', () => {
    expect(spansOffRecord(yerlan, { segmentId: 'y7', offset: 4 }, { segmentId: 'y7', offset: 30 })).toBe(false)
  })

  it('is true for a quote inside an off-the-record segment', () => {
    expect(spansOffRecord(yerlan, { segmentId: 'y5', offset: 0 }, { segmentId: 'y5', offset: 10 })).toBe(true)
  })

  it('is true for a quote that runs from the record into an off-the-record segment', () => {
    expect(spansOffRecord(yerlan, { segmentId: 'y4', offset: 0 }, { segmentId: 'y5', offset: 3 })).toBe(true)
  })

  it('is true for a quote that runs across an off-the-record segment, even an empty one', () => {
    expect(offRecordSegmentIds(yerlan, { segmentId: 'y4', offset: 0 }, { segmentId: 'y6', offset: 4 })).toEqual(['y5'])
    expect(offRecordSegmentIds(yerlan, { segmentId: 'y7', offset: 0 }, { segmentId: 'y9', offset: 4 })).toEqual(['y8'])
  })

  it('is false for a quote that only touches an off-the-record segment’s edge', () => {
    // Ending at offset 0 of y5 or starting at the very end of y5 takes none of its words.
    expect(spansOffRecord(yerlan, { segmentId: 'y4', offset: 0 }, { segmentId: 'y5', offset: 0 })).toBe(false)
    expect(spansOffRecord(yerlan, { segmentId: 'y5', offset: yerlan[1]!.text.length }, { segmentId: 'y6', offset: 4 })).toBe(false)
  })

  it.each([
    ['a segment that is gone', { segmentId: 'gone', offset: 0 }, { segmentId: 'y7', offset: 3 }],
    ['an offset past its segment', { segmentId: 'y7', offset: 0 }, { segmentId: 'y7', offset: 999 }],
    ['an end before its start', { segmentId: 'y7', offset: 0 }, { segmentId: 'y4', offset: 3 }]
  ])('is true (unsafe to export) for anchors that cannot be placed: %s', (_, start, end) => {
    expect(offRecordSegmentIds(yerlan, start, end)).toBeNull()
    expect(spansOffRecord(yerlan, start, end)).toBe(true)
  })
})
