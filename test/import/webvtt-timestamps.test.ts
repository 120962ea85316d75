// The WebVTT timestamp rules of the W3C parser (webvtt-cues.ts), one timing line at a time.
import { describe, expect, it } from 'vitest'
import { readWebVtt } from '../../src/core/import/webvtt-cues'

describe('the timestamp rules, one by one', () => {
  const cueOf = (timing: string): { start: number; end: number } | null => {
    const cue = readWebVtt(`WEBVTT\n\n${timing}\nwords\n`).cues[0]
    return cue === undefined ? null : { start: cue.start, end: cue.end }
  }

  it.each([
    ['00:00:01.000 --> 00:00:02.000', 1, 2],
    ['01:02.500 --> 01:03.000', 62.5, 63],
    ['1:00:00.000 --> 1:00:01.000', 3600, 3601],
    ['100:00:00.000 --> 100:00:00.001', 360000, 360000.001],
    ['00:00:01.000-->00:00:02.000', 1, 2],
    ['00:59:59.999 --> 01:00:00.000', 3599.999, 3600]
  ])('%s is a timing line', (timing, start, end) => {
    expect(cueOf(timing)).toEqual({ start, end })
  })

  it.each([
    '00:00:60.000 --> 00:00:61.000',
    '00:60:00.000 --> 01:00:00.000',
    '00::00:00.000 --> 00:00:01.000',
    '00:00:00.000 00:00:01.000',
    '00:00:00.000 -> 00:00:01.000',
    '00:00:00.000 -- > 00:00:01.000',
    '00:00:00,000 --> 00:00:01,000',
    '00:00:00.00 --> 00:00:01.000',
    '00:00:00.0000 --> 00:00:01.000',
    '0:00.000 --> 0:01.000',
    '00:0:00.000 --> 00:00:01.000',
    '00:00.000 --> 0:01.000',
    '-00:00:01.000 --> 00:00:02.000',
    '00:00:01.000 --> ',
    '\u000b00:00:01.000 --> 00:00:02.000'
  ])('%s is not', (timing) => {
    expect(cueOf(timing)).toBeNull()
  })
})
