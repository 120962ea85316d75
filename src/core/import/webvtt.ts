// WebVTT captions: cues read as a browser reads them (webvtt-cues.ts), then turned into segments:
// `<v Name>` voice tags name the speaker, a "NAME:" at the start of a caption does when there are
// no voices, markup and word timings are dropped from the words, NOTE blocks go to the notes.
// Rolling captions (video platforms' automatic captions, which repeat the previous line at the
// top of each cue) keep each spoken line once. https://www.w3.org/TR/webvtt1/
import { guarded } from './guard'
import { isSpeakerLabel, splitLabel } from './labels'
import { intervieweeFromTitle, looksLikePersonName } from './metadata-keys'
import { SegmentList } from './segment-cap'
import { normalizeSpeaker } from './speakers'
import { captionText } from './text-cleanup'
import { ImportError, type ParsedInterview, type ParsedSegment } from './types'
import { readWebVtt, type VttCue } from './webvtt-cues'

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

/** A cue's lines as a reader sees them, blank ones left out. */
function shownLines(cue: VttCue): string[] {
  const out: string[] = []
  for (const line of cue.text.split('\n')) {
    const t = captionText(line)
    if (t !== '') out.push(t)
  }
  return out
}

const SAMPLE_CUES = 60

/** How many of `current`'s first lines repeat `previous`'s last lines. */
function overlap(previous: readonly string[], current: readonly string[]): number {
  for (let m = Math.min(previous.length, current.length); m > 0; m--) {
    let same = true
    for (let k = 0; k < m && same; k++) same = current[k] === previous[previous.length - m + k]
    if (same) return m
  }
  return 0
}

/**
 * Rolling captions show each line twice or three times: once as it is spoken (with word timings
 * `<00:00:01.520><c> word</c>`), then at the top of the next cues while the new line appears
 * below it, and in 10 ms "hold" cues between. A file is rolling when many cues open with the
 * previous cue's last line; then each cue keeps only what it adds, so every word comes in once,
 * in order, timed by the cue that first showed it.
 */
function rollingPayloads(cues: readonly VttCue[]): { cue: VttCue; payload: string }[] | null {
  // Rolling captions roll from their first cues: look at those before reading every line twice.
  if (cues.length > SAMPLE_CUES && rollingPayloads(cues.slice(0, SAMPLE_CUES)) === null) return null
  const shown = cues.map(shownLines)
  const grows = (previous: readonly string[], current: readonly string[]): boolean => {
    const last = previous[previous.length - 1]
    return last !== undefined && current[0] !== undefined && current[0].startsWith(`${last} `)
  }
  let repeats = 0
  for (let i = 1; i < shown.length; i++) {
    if (overlap(shown[i - 1] ?? [], shown[i] ?? []) > 0 || grows(shown[i - 1] ?? [], shown[i] ?? [])) repeats++
  }
  const withText = shown.filter((l) => l.length > 0).length
  if (repeats < 2 || repeats < withText * 0.3) return null
  const out: { cue: VttCue; payload: string }[] = []
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i] as VttCue
    const current = shown[i] ?? []
    const previous = shown[i - 1] ?? []
    const m = overlap(previous, current)
    const fresh = current.slice(m)
    // A line that grew since the previous cue ("so today" → "so today we're going") adds only its tail.
    if (m === 0 && grows(previous, current) && fresh[0] !== undefined) fresh[0] = fresh[0].slice((previous[previous.length - 1] ?? '').length + 1)
    if (fresh.length > 0) out.push({ cue, payload: fresh.join('\n') })
  }
  return out
}

export const parseWebVtt = guarded('this WebVTT file', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const file = readWebVtt(text)
  const warnings = [...file.warnings]
  const metadata: ParsedInterview['metadata'] = {}
  const segments = new SegmentList()
  const known = new Set<string>()
  let previousSpeaker = ''
  let backwards = 0

  for (const line of file.header) {
    const m = /^([A-Za-z-]{1,30}):[ \t]*(.*)$/.exec(line.trim())
    if (m && (m[1] ?? '').toLowerCase() === 'language' && (m[2] ?? '').trim() !== '') metadata.language = (m[2] ?? '').trim()
  }

  const readCue = (payload: string, start: number, end: number, isReaderText: boolean): void => {
    // Rolling captions arrive as reader text already: a "<" in them is a character, not markup.
    const voices: Voice[] = isReaderText ? [{ speaker: null, raw: payload }] : voicesOf(payload)
    for (const voice of voices) {
      let speaker = voice.speaker
      let body = isReaderText ? voice.raw : captionText(voice.raw)
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
      } satisfies ParsedSegment)
    }
  }

  const timed = (cue: VttCue): { start: number; end: number } => {
    // Browsers keep a cue that ends before it starts; a segment cannot, so its end is left unknown.
    if (cue.end < cue.start) backwards++
    return { start: cue.start, end: cue.end < cue.start ? Number.NaN : cue.end }
  }

  const rolling = rollingPayloads(file.cues)
  if (rolling !== null) {
    for (const { cue, payload } of rolling) {
      const { start, end } = timed(cue)
      readCue(payload.split('\n').join(' '), start, end, true)
    }
    warnings.push('These are rolling captions (each line shown again at the top of the next caption): every line was kept once, at the time it was first shown.')
  } else {
    for (const cue of file.cues) {
      const { start, end } = timed(cue)
      readCue(cue.text, start, end, false)
    }
  }
  if (backwards > 0) warnings.push(`${backwards} cue(s) end before they start; their end times were left out.`)

  if (file.notes.length > 0) metadata.notes = file.notes.join('\n')
  // A NOTE that opens "Interview with Marat Seitkali, …" or "Anna Lindqvist, engineer, interviewed
  // by Sam Okafor, …" names the interviewee (and the interviewer).
  const opening = file.notes[0]?.split('\n')[0] ?? ''
  const byline = /^([^,]{3,80}),.{0,200}?\binterviewed by ([^,.;(]{3,80})/i.exec(opening)
  if (/^interview with /i.test(opening)) {
    const who = intervieweeFromTitle(opening)
    if (who !== null) metadata.interviewee = who
  } else if (byline !== null && looksLikePersonName((byline[1] ?? '').trim())) {
    metadata.interviewee = (byline[1] ?? '').trim()
    const interviewer = (byline[2] ?? '').trim()
    if (looksLikePersonName(interviewer)) metadata.interviewer = interviewer
  }
  if (segments.length === 0) {
    const firstBad = file.dropped[0]
    if (firstBad !== undefined) throw new ImportError(`This WebVTT file has no cue a browser would show: ${firstBad.reason}`, firstBad.line)
    throw new ImportError('This WebVTT file has no cues with text in them.')
  }
  return { format: 'webvtt', metadata, segments: segments.items, warnings }
})
