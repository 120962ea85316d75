// SubRip subtitles: a number, `00:00:07,200 --> 00:00:18,900`, then the text. Editing tools put the
// speaker in the text ("SAULE BEKOVA: …"); a cue without one continues the previous speaker.
import { guarded } from './guard'
import { SegmentList } from './segment-cap'
import { isSpeakerLabel, splitLabel } from './labels'
import { normalizeSpeaker } from './speakers'
import { captionText, splitLines } from './text-cleanup'
import { isTimingLine, parseCueTiming } from './timecode'
import { ImportError, type ParsedInterview } from './types'

const LEADING_VOICE = /^<v(?:\.[^\s<>]*)?[ \t]+([^<>]*)>/

/** `{\an8}` and similar positioning codes some tools leave in SRT text. */
function stripAssCodes(text: string): string {
  return text.replace(/\{\\[^{}]*\}/g, '')
}

export const parseSrt = guarded('this SRT file', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const lines = splitLines(text)
  const warnings: string[] = []
  const segments = new SegmentList()
  const known = new Set<string>()
  let previousSpeaker = ''
  let strayText = 0

  const addText = (rawText: string, start: number | null, end: number | null): void => {
    // WebVTT cues saved under an .srt name keep their voice tag: <v Lena Moretti>.
    const voice = LEADING_VOICE.exec(rawText.trimStart())
    let body = captionText(stripAssCodes(rawText))
    let speaker: string | null = null
    const split = voice === null ? splitLabel(body) : null
    if (voice !== null && normalizeSpeaker(voice[1] ?? '') !== '') speaker = normalizeSpeaker(voice[1] ?? '')
    else if (split !== null && isSpeakerLabel(split.label, { known })) {
      speaker = normalizeSpeaker(split.label)
      body = split.rest
    }
    if (speaker !== null) {
      known.add(speaker)
      previousSpeaker = speaker
    }
    if (body === '') return
    if (start === null && speaker === null) {
      // Text with no timing and no label of its own: a cue whose text had a blank line in it.
      const last = segments.last()
      if (last !== undefined) {
        last.text = `${last.text} ${body}`
        strayText++
        return
      }
    }
    segments.push({ speaker: speaker ?? previousSpeaker, text: body, startSeconds: start, endSeconds: end, offRecord: false, tags: [] })
  }

  let i = 0
  while (i < lines.length) {
    while (i < lines.length && (lines[i] ?? '').trim() === '') i++
    if (i >= lines.length) break
    const blockStart = i
    const block: string[] = []
    while (i < lines.length && (lines[i] ?? '').trim() !== '') block.push(lines[i++] ?? '')

    let k = 0
    while (k < block.length) {
      // The cue number is optional in practice; a number alone before a timing line is one.
      let timingAt = -1
      if (isTimingLine(block[k] ?? '')) timingAt = k
      else if (/^\d+$/.test((block[k] ?? '').trim()) && isTimingLine(block[k + 1] ?? '')) timingAt = k + 1
      if (timingAt === -1) {
        // Text with no timing line: a cue whose timing went missing, or a blank line inside a cue.
        const start = /^\d+$/.test((block[k] ?? '').trim()) ? k + 1 : k
        let end = start
        while (end < block.length && !isTimingLine(block[end] ?? '')) end++
        let textEnd = end
        if (end < block.length && textEnd - 1 >= start && /^\d+$/.test((block[textEnd - 1] ?? '').trim())) textEnd--
        if (textEnd > start) addText(block.slice(start, textEnd).join('\n'), null, null)
        k = Math.max(textEnd, k + 1)
        continue
      }
      const timingLine = blockStart + timingAt + 1
      const timing = parseCueTiming(block[timingAt] ?? '', timingLine, '00:01:02,500')
      if (timing.end < timing.start) warnings.push(`Line ${timingLine}: the subtitle ends before it starts.`)
      let end = timingAt + 1
      while (end < block.length && !isTimingLine(block[end] ?? '')) end++
      // A number right before the next timing line is that cue's number, not this cue's text.
      let textEnd = end
      if (end < block.length && textEnd - 1 > timingAt && /^\d+$/.test((block[textEnd - 1] ?? '').trim())) textEnd--
      addText(block.slice(timingAt + 1, textEnd).join('\n'), timing.start, timing.end)
      k = textEnd
    }
  }

  if (strayText > 0) {
    warnings.push(`${strayText} piece(s) of text without a timing line were added to the subtitle before them.`)
  }
  if (segments.length === 0) throw new ImportError('This SRT file has no subtitles with text in them.')
  return { format: 'srt', metadata: {}, segments: segments.items, warnings }
})
