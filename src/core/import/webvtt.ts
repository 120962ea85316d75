// WebVTT captions: `<v Name>` voice tags, optional cue ids, cue settings after the end time,
// NOTE/STYLE/REGION blocks, inline markup. https://www.w3.org/TR/webvtt1/
import { guarded } from './guard'
import { isSpeakerLabel, splitLabel } from './labels'
import { intervieweeFromTitle } from './metadata-keys'
import { normalizeSpeaker } from './speakers'
import { captionText } from './text-cleanup'
import { isTimingLine, parseCueTiming } from './timecode'
import { ImportError, type ParsedInterview, type ParsedSegment } from './types'

interface Voice {
  speaker: string | null
  raw: string
}

// <v Name>, <v.loud Name>; the closing </v> is optional.
const VOICE = /<v(?:\.[^\s<>]*)?(?:[ \t]+([^<>]*))?>/g

/** Splits a cue payload at its voice tags; text before the first tag has no voice of its own. */
function voicesOf(payload: string): Voice[] {
  const voices: Voice[] = []
  let from = 0
  let speaker: string | null = null
  VOICE.lastIndex = 0
  for (let m = VOICE.exec(payload); m !== null; m = VOICE.exec(payload)) {
    voices.push({ speaker, raw: payload.slice(from, m.index) })
    speaker = normalizeSpeaker(m[1] ?? '')
    from = m.index + m[0].length
  }
  voices.push({ speaker, raw: payload.slice(from) })
  return voices.filter((v) => v.speaker !== null || v.raw.trim() !== '')
}

export const parseWebVtt = guarded('this WebVTT file', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const lines = text.split(/\r\n|\r|\n/)
  const warnings: string[] = []
  const notes: string[] = []
  const metadata: ParsedInterview['metadata'] = {}
  const segments: ParsedSegment[] = []
  const known = new Set<string>()
  let previousSpeaker = ''
  let i = 0

  const readCue = (payload: string, start: number, end: number): void => {
    for (const voice of voicesOf(payload)) {
      let speaker = voice.speaker
      let body = captionText(voice.raw)
      if (speaker === null) {
        // Captions without voice tags sometimes write the name in the text: "LENA MORETTI: …".
        const split = splitLabel(body)
        if (split !== null && isSpeakerLabel(split.label, { known })) {
          speaker = normalizeSpeaker(split.label)
          body = split.rest
        }
      }
      if (speaker !== null && speaker !== '') {
        known.add(speaker)
        previousSpeaker = speaker
      }
      if (body === '') continue
      segments.push({
        speaker: speaker === null || speaker === '' ? previousSpeaker : speaker,
        text: body,
        startSeconds: start,
        endSeconds: end,
        offRecord: false,
        tags: []
      })
    }
  }

  if (/^WEBVTT(?:[ \t]|$)/.test(lines[0] ?? '')) {
    i = 1
    // Header lines up to the first blank line: "Kind: captions", "Language: en".
    for (; i < lines.length && (lines[i] ?? '').trim() !== ''; i++) {
      const line = lines[i] ?? ''
      if (isTimingLine(line)) break
      const m = /^([A-Za-z-]{1,30}):[ \t]*(.*)$/.exec(line.trim())
      if (m && (m[1] ?? '').toLowerCase() === 'language' && (m[2] ?? '') !== '') metadata.language = (m[2] ?? '').trim()
    }
  } else {
    warnings.push('The file has no "WEBVTT" first line; it was read as WebVTT anyway.')
  }

  while (i < lines.length) {
    while (i < lines.length && (lines[i] ?? '').trim() === '') i++
    if (i >= lines.length) break
    const blockStart = i
    const block: string[] = []
    while (i < lines.length && (lines[i] ?? '').trim() !== '') block.push(lines[i++] ?? '')
    const first = (block[0] ?? '').trim()

    if (/^NOTE(?:[ \t]|$)/.test(first)) {
      const note = [first.slice(4), ...block.slice(1)].map((l) => l.trim()).filter((l) => l !== '').join('\n')
      if (note !== '') notes.push(note)
      continue
    }
    if (/^(?:STYLE|REGION)(?:[ \t]|$)/.test(first)) continue

    // A timing line inside a block starts the next cue, as browsers read it.
    let k = 0
    while (k < block.length) {
      let timingAt = -1
      if (isTimingLine(block[k] ?? '')) timingAt = k
      else if (isTimingLine(block[k + 1] ?? '')) timingAt = k + 1
      if (timingAt === -1) {
        warnings.push(`Line ${blockStart + k + 1}: text outside any cue was left out ("${(block[k] ?? '').trim().slice(0, 40)}").`)
        break
      }
      const timingLine = blockStart + timingAt + 1
      const timing = parseCueTiming(block[timingAt] ?? '', timingLine, '00:01:02.500 or 01:02.500')
      if (timing.end < timing.start) warnings.push(`Line ${timingLine}: the cue ends before it starts.`)
      let end = timingAt + 1
      while (end < block.length && !isTimingLine(block[end] ?? '')) end++
      readCue(block.slice(timingAt + 1, end).join('\n'), timing.start, timing.end)
      k = end
    }
  }

  if (notes.length > 0) metadata.notes = notes.join('\n')
  // A NOTE that opens "Interview with Marat Seitkali, …" names the interviewee.
  const opening = notes[0]?.split('\n')[0] ?? ''
  if (/^interview with /i.test(opening)) {
    const who = intervieweeFromTitle(opening)
    if (who !== null) metadata.interviewee = who
  }
  if (segments.length === 0) throw new ImportError('This WebVTT file has no cues with text in them.')
  return { format: 'webvtt', metadata, segments, warnings }
})
