// Times as transcripts write them: 00:06.500 (WebVTT), 00:00:07,200 (SRT), 1:02 (Otter),
// [00:02:10] (typed notes, OHD CSV). All regexes here are anchored or bounded so that a hostile
// line cannot make them backtrack for long.
import { ImportError } from './types'

const TIMECODE = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,](\d{1,3}))?$/

/** Seconds for `[h:]mm:ss[.fff]`, or null when the text is not a well-formed time. */
export function parseTimecode(raw: string): number | null {
  const m = TIMECODE.exec(raw.trim())
  if (!m) return null
  const hours = m[1] === undefined ? 0 : Number(m[1])
  const minutes = Number(m[2])
  const seconds = Number(m[3])
  if (minutes >= 60 || seconds >= 60) return null
  const fraction = m[4] === undefined ? 0 : Number(`0.${m[4]}`)
  // Rounded to the millisecond so 7,200 is 7.2 and not 7.199999999.
  return Math.round((hours * 3600 + minutes * 60 + seconds + fraction) * 1000) / 1000
}

export interface CueTiming {
  start: number
  end: number
  /** Cue settings after the end time (WebVTT `align:start`), or SRT coordinates. */
  settings: string
}

/**
 * True when a line is meant as a cue timing line, well-formed or not: an arrow with a time-like
 * start before it. "Almaty --> Kyiv" in a caption is text; "00:0x.500 --> 00:19.250" is a broken
 * timing line, and saying so beats silently shifting the cues after it.
 */
export function isTimingLine(line: string): boolean {
  const arrow = line.indexOf('-->')
  if (arrow === -1) return false
  const left = line.slice(0, arrow).trim()
  if (left === '') return /^\s*\d/.test(line.slice(arrow + 3))
  return /^\d/.test(left) && left.length <= 20
}

/**
 * Reads `start --> end [settings]`. A line that means to be a timing line but is not well-formed is
 * an error: guessing would shift every later quote against the recording.
 */
export function parseCueTiming(line: string, lineNumber: number, example: string): CueTiming {
  const arrow = line.indexOf('-->')
  const left = line.slice(0, arrow).trim()
  const right = line.slice(arrow + 3).trim()
  const space = right.search(/\s/)
  const endText = space === -1 ? right : right.slice(0, space)
  const settings = space === -1 ? '' : right.slice(space).trim()
  const start = parseTimecode(left)
  const end = parseTimecode(endText)
  if (start === null || end === null) {
    const bad = start === null ? left : endText
    const shown = bad === '' ? 'nothing' : `"${bad.length > 40 ? `${bad.slice(0, 40)}…` : bad}"`
    throw new ImportError(
      `malformed timestamp: found ${shown} where a time like ${example} was expected`,
      lineNumber
    )
  }
  return { start, end, settings }
}

// A time in square brackets, as typed notes and OHD transcripts put them inline: [00:02:10], [2:10].
const INLINE_TIME = /\[\s?((?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)\s?\]/g

/**
 * Removes inline `[hh:mm:ss]` marks from a unit's text. The first one becomes the unit's start:
 * a note-taker types the mark where they glance at the recorder, which is the best time there is.
 */
export function takeInlineTimes(text: string): { text: string; start: number | null } {
  let start: number | null = null
  const pieces: string[] = []
  let from = 0
  INLINE_TIME.lastIndex = 0
  for (let m = INLINE_TIME.exec(text); m !== null; m = INLINE_TIME.exec(text)) {
    const seconds = parseTimecode(m[1] ?? '')
    if (seconds === null) continue
    if (start === null) start = seconds
    pieces.push(text.slice(from, m.index))
    from = m.index + m[0].length
  }
  if (pieces.length === 0) return { text, start: null }
  pieces.push(text.slice(from))
  // Only the seams around a removed mark are re-spaced; the writer's own spacing stays.
  let joined = ''
  for (const piece of pieces) {
    if (joined === '') joined = piece.trimEnd()
    else if (piece.trim() !== '') joined = `${joined.trimEnd()} ${piece.trimStart()}`
  }
  return { text: joined.trim(), start }
}

/** `[00:03:43]`, `[3:13]`, `00:03:43`, and OHD's `[00:03:43] beginning of actual interview`. */
export function readTimestampCell(cell: string): { seconds: number | null; written: string; annotation: string } {
  const s = cell.trim()
  const m = /^\[?[ \t]?((?:\d{1,3}:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?)[ \t]?\]?(.*)$/s.exec(s)
  if (!m) return { seconds: null, written: '', annotation: s }
  return { seconds: parseTimecode(m[1] ?? ''), written: m[1] ?? '', annotation: (m[2] ?? '').trim() }
}
