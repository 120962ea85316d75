// What every reader's result goes through before it leaves the importer: the same off-the-record
// rule for every format, one name per person, and sizes the archive accepts (model.ts).
import { hasMarker, newOffRecordState, offRecordWarnings, splitAtMarkers } from './off-record'
import { MAX_SEGMENTS, tooManySegments } from './segment-cap'
import { initialsToFullNames, normalizeSpeaker, surnamesToFullNames } from './speakers'
import { ImportError, type ParsedInterview, type ParsedMetadata, type ParsedSegment } from './types'

/** model.ts: a segment's text holds at most 200,000 characters, the notes 100,000. */
const MAX_SEGMENT_CHARS = 200_000
const MAX_NOTES_CHARS = 100_000
const MAX_WARNINGS = 20

const FIELD_LIMITS: Partial<Record<keyof ParsedMetadata, number>> = {
  title: 500,
  date: 40,
  place: 500,
  interviewer: 200,
  interviewee: 200,
  language: 40,
  recordingFile: 4096,
  consent: 500,
  repository: 500
}

/**
 * `[off the record]` written inside a caption, a CSV row or a plain paragraph counts as much as in
 * typed notes: the passage is split off and flagged, and the flag holds until the closing marker.
 */
function applyOffRecordMarkers(segments: readonly ParsedSegment[], warnings: string[]): ParsedSegment[] {
  const state = newOffRecordState()
  const out: ParsedSegment[] = []
  segments.forEach((segment, i) => {
    if (!hasMarker(segment.text)) {
      out.push(state.offRecord ? { ...segment, offRecord: true } : segment)
      return
    }
    const pieces = splitAtMarkers(segment.text, state, `segment ${i + 1}`)
    pieces.forEach((piece, k) => {
      out.push({
        ...segment,
        text: piece.text,
        startSeconds: k === 0 ? segment.startSeconds : null,
        endSeconds: k === pieces.length - 1 ? segment.endSeconds : null,
        offRecord: segment.offRecord || piece.offRecord
      })
    })
  })
  warnings.push(...offRecordWarnings(state))
  return out
}

/** Splits text longer than the archive takes at the last space before the limit. */
function splitLong(segment: ParsedSegment): ParsedSegment[] {
  if (segment.text.length <= MAX_SEGMENT_CHARS) return [segment]
  const parts: ParsedSegment[] = []
  let rest = segment.text
  while (rest.length > MAX_SEGMENT_CHARS) {
    let cut = rest.lastIndexOf(' ', MAX_SEGMENT_CHARS)
    if (cut < MAX_SEGMENT_CHARS / 2) cut = MAX_SEGMENT_CHARS
    parts.push({ ...segment, text: rest.slice(0, cut).trimEnd(), endSeconds: null })
    rest = rest.slice(cut).trimStart()
  }
  parts.push({ ...segment, text: rest, startSeconds: null })
  return parts
}

function validTime(t: number | null): number | null {
  return t !== null && Number.isFinite(t) && t >= 0 ? t : null
}

export function finalize(result: Omit<ParsedInterview, 'encoding'>, encoding: string, extraWarnings: readonly string[]): ParsedInterview {
  const warnings = [...extraWarnings, ...result.warnings]
  let segments = applyOffRecordMarkers(result.segments, warnings)
    .map((s) => ({
      speaker: normalizeSpeaker(s.speaker),
      text: s.text.trim(),
      startSeconds: validTime(s.startSeconds),
      endSeconds: validTime(s.endSeconds),
      offRecord: s.offRecord,
      tags: s.tags.filter((t) => t !== '')
    }))
    .filter((s) => s.text !== '')
  // A segment ends after it starts; an end written before the start is not known.
  for (const s of segments) if (s.startSeconds !== null && s.endSeconds !== null && s.endSeconds < s.startSeconds) s.endSeconds = null

  const long = segments.filter((s) => s.text.length > MAX_SEGMENT_CHARS).length
  if (long > 0) {
    segments = segments.flatMap(splitLong)
    warnings.push(`${long} very long passage(s) were split into parts of at most ${MAX_SEGMENT_CHARS.toLocaleString('en')} characters.`)
  }
  if (segments.length === 0) throw new ImportError('No transcript text was found in this file.')
  if (segments.length > MAX_SEGMENTS) throw tooManySegments()

  const metadata: ParsedMetadata = {}
  for (const [key, value] of Object.entries(result.metadata) as [keyof ParsedMetadata, string | undefined][]) {
    if (value === undefined) continue
    const v = key === 'notes' ? value.trim() : value.replace(/\s+/g, ' ').trim()
    if (v === '') continue
    const limit = key === 'notes' ? MAX_NOTES_CHARS : (FIELD_LIMITS[key] ?? 500)
    if (v.length > limit) {
      metadata[key] = `${v.slice(0, limit - 1)}…`
      warnings.push(`The ${key} was longer than ${limit} characters and was shortened.`)
    } else metadata[key] = v
  }

  // "RS" and "Rebecca Scofield" in one file are one person; so are "MORETTI:" and "Interviewer: Lena Moretti".
  // Interviewer and interviewee fields may list several people ("A; B").
  const names = [metadata.interviewer, metadata.interviewee]
    .flatMap((n) => (n === undefined ? [] : n.split(';')))
    .map(normalizeSpeaker)
    .filter((n) => n !== '')
  // Each name once: a transcript repeats a handful of speakers thousands of times.
  const speakers = [...new Set(segments.map((s) => s.speaker))]
  const merged = new Map([...surnamesToFullNames(speakers, names), ...initialsToFullNames(speakers, names)])
  if (merged.size > 0) {
    for (const s of segments) s.speaker = merged.get(s.speaker) ?? s.speaker
  }

  const shown = warnings.slice(0, MAX_WARNINGS)
  if (warnings.length > MAX_WARNINGS) shown.push(`…and ${warnings.length - MAX_WARNINGS} more warnings.`)
  return { format: result.format, encoding, metadata, segments, warnings: shown }
}
