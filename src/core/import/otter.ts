// Otter.ai text exports: "Speaker Name  0:02" (h:mm:ss past the hour) on its own line, then the
// paragraph. Lines before the first speaker line are a title and notes; Otter's own footer is not
// part of the interview.
import { guarded } from './guard'
import { SegmentList } from './segment-cap'
import { intervieweeFromTitle } from './metadata-keys'
import { normalizeSpeaker } from './speakers'
import { joinLines, splitLines } from './text-cleanup'
import { parseTimecode } from './timecode'
import { ImportError, type ParsedInterview } from './types'

export interface OtterHeader {
  speaker: string
  start: number
}

const TRAILING_TIME = /(?:^|[ \t])((?:\d{1,2}:)?\d{1,2}:\d{2})$/

/** "Aigul Nurpeisova  0:18", "Speaker 2  1:02:03", "Unknown Speaker  0:00". */
export function otterHeader(line: string): OtterHeader | null {
  const trimmed = line.trim()
  if (trimmed.length > 120) return null
  const m = TRAILING_TIME.exec(trimmed)
  if (!m) return null
  const start = parseTimecode(m[1] ?? '')
  const name = trimmed.slice(0, m.index).trim()
  if (start === null || name === '') return null
  const words = name.split(/\s+/)
  if (words.length > 6) return null
  // Names, "Speaker 2": every word capitalised or a number, no sentence punctuation.
  if (!words.every((w) => /^(?:\p{Lu}[\p{L}\p{M}.'’-]*|\d{1,3})$/u.test(w))) return null
  return { speaker: normalizeSpeaker(name), start }
}

const FOOTER = /^transcribed by[ \t]+(?:https?:\/\/)?(?:www\.)?otter\.ai\/?$/i

export const parseOtter = guarded('this Otter export', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const lines = splitLines(text)
  const metadata: ParsedInterview['metadata'] = {}
  const preamble: string[] = []
  const segments = new SegmentList()
  let speaker: string | null = null
  let start: number | null = null
  let paragraph: string[] = []

  const flush = (): void => {
    const body = joinLines(paragraph.join('\n'))
    paragraph = []
    if (body === '' || speaker === null) return
    segments.push({ speaker, text: body, startSeconds: start, endSeconds: null, offRecord: false, tags: [] })
    // A later paragraph under the same speaker line has no time of its own.
    start = null
  }

  for (const line of lines) {
    const trimmed = line.trim()
    if (FOOTER.test(trimmed)) continue
    const header = otterHeader(trimmed)
    if (header !== null) {
      flush()
      speaker = header.speaker
      start = header.start
      continue
    }
    if (speaker === null) {
      if (trimmed === '') continue
      if (metadata.title === undefined) metadata.title = trimmed
      else preamble.push(trimmed)
      continue
    }
    if (trimmed === '') flush()
    else paragraph.push(trimmed)
  }
  flush()

  if (preamble.length > 0) metadata.notes = preamble.join('\n')
  if (metadata.title !== undefined) {
    const who = intervieweeFromTitle(metadata.title)
    if (who !== null) metadata.interviewee = who
  }
  if (segments.length === 0) throw new ImportError('This Otter export has no speaker paragraphs with text in them.')
  return { format: 'otter', metadata, segments: segments.items, warnings: [] }
})
