// Turning labelled lines or paragraphs into segments: a header of details first, then turns.
// Typed notes and Word documents differ only in what a unit is (a paragraph of lines, a Word
// paragraph), so both feed this one reader.
import { findSingleDate } from './dates'
import { isSpeakerLabel, roleOf, splitLabel, type Role } from './labels'
import {
  applyInlineMetadata,
  applyMetadata,
  intervieweeFromTitle,
  isAnnotationLabel,
  looksLikePersonName,
  metadataFieldOf,
  valueFits,
  type MetadataField
} from './metadata-keys'
import { isMarkerOnly, newOffRecordState, offRecordWarnings, splitAtMarkers } from './off-record'
import { MAX_SEGMENTS, tooManySegments } from './segment-cap'
import { normalizeSpeaker } from './speakers'
import { joinLines } from './text-cleanup'
import { takeInlineTimes } from './timecode'
import type { ParsedMetadata, ParsedSegment } from './types'

export interface Block {
  kind: 'text' | 'blank' | 'heading'
  text: string
  /** Where the block starts, for warnings: a line of a text file, a paragraph of a Word file. */
  line: number
  /** A wrapped line of the paragraph above (typed notes); a Word paragraph never is. */
  continuesPrevious?: boolean
  /** Word: the paragraph's leading bold text; a bold label counts even when it is not a name. */
  emphasisedPrefix?: string
  /** May name the interview if nothing before it did: a first line that is no label, a bold first paragraph. */
  titleCandidate?: boolean
}

export interface AssembleOptions {
  /** Word: every paragraph before the first turn is description, the one used as title too. */
  titleAlsoInNotes: boolean
  /** What `Block.line` counts, for warnings: "line" or "paragraph". */
  unitName: string
}

export interface Assembled {
  metadata: ParsedMetadata
  segments: ParsedSegment[]
  warnings: string[]
}

interface Unit {
  speaker: string
  role: Role | null
  lines: string[]
  time: number | null
  line: number
}

interface Turn {
  speaker: string
  role: Role | null
  text: string
  start: number | null
  offRecord: boolean
}

function sameLabel(emphasised: string, label: string): boolean {
  const a = normalizeSpeaker(emphasised)
  return a !== '' && a === normalizeSpeaker(label)
}

function cleanTitle(text: string): string {
  return text
    .replace(/^#{1,6}[ \t]+/, '')
    // A heading wholly in bold loses the markers; inner `__` (as in a name or code) is kept.
    .replace(/^(\*\*|__)(.+)\1$/, '$2')
    .trim()
}

const LATE_FIELDS = new Map<MetadataField, keyof ParsedMetadata>([
  ['date', 'date'],
  ['place', 'place'],
  ['language', 'language'],
  ['interviewer', 'interviewer'],
  ['interviewee', 'interviewee']
])

/**
 * A "Key: value" line among the turns that is a detail still missing from the header: a date
 * with a digit, a short place or language, a person's name for interviewer or interviewee. A key
 * already used as a speaker's label in this file, or a role (Q:, С:), stays a turn.
 */
function isLateDetail(metadata: ParsedMetadata, split: { label: string; rest: string; time: number | null }, known: ReadonlySet<string>): boolean {
  const field = metadataFieldOf(split.label)
  const key = field === null ? undefined : LATE_FIELDS.get(field)
  if (field === null || key === undefined || metadata[key] !== undefined || split.time !== null) return false
  if (roleOf(split.label) !== null || known.has(normalizeSpeaker(split.label)) || !valueFits(field, split.rest)) return false
  const value = split.rest.trim()
  if (field === 'interviewer' || field === 'interviewee') return looksLikePersonName(value.replace(/[.;]$/, ''))
  return value.length <= 60 && value.split(/\s+/).length <= 6 && !/[?!…]$/.test(value)
}

export function assembleTurns(blocks: readonly Block[], options: AssembleOptions): Assembled {
  const metadata: ParsedMetadata = {}
  const description: string[] = []
  const laterNotes: string[] = []
  const warnings: string[] = []
  const state = newOffRecordState()
  const where = options.unitName
  const known = new Set<string>()
  const turns: Turn[] = []
  let inBody = false
  let current: Unit | null = null
  let previous: { speaker: string; role: Role | null } = { speaker: '', role: null }

  const close = (): void => {
    if (current === null) return
    const unit = current
    current = null
    const { text, start } = takeInlineTimes(joinLines(unit.lines.join('\n')))
    const pieces = splitAtMarkers(text, state, `${where} ${unit.line}`)
    if (turns.length + pieces.length > MAX_SEGMENTS) throw tooManySegments()
    pieces.forEach((piece, i) => {
      turns.push({
        speaker: unit.speaker,
        role: unit.role,
        text: piece.text,
        start: i === 0 ? (unit.time ?? start) : null,
        offRecord: piece.offRecord
      })
    })
  }

  for (const block of blocks) {
    const text = block.text.trim()
    if (block.kind === 'blank' || text === '') {
      close()
      continue
    }
    if (isMarkerOnly(text)) {
      close()
      splitAtMarkers(text, state, `${where} ${block.line}`)
      continue
    }
    if (block.kind === 'heading') {
      close()
      if (!inBody && metadata.title === undefined) {
        metadata.title = cleanTitle(text)
        if (options.titleAlsoInNotes) description.push(text)
      } else laterNotes.push(cleanTitle(text))
      continue
    }

    const split = splitLabel(text)
    const emphasised = split !== null && block.emphasisedPrefix !== undefined && sameLabel(block.emphasisedPrefix, split.label)
    const isTurn = split !== null && isSpeakerLabel(split.label, { known, emphasised })

    if (!inBody) {
      const field = split === null ? null : metadataFieldOf(split.label)
      if (split !== null && field !== null && split.time === null && valueFits(field, split.rest)) {
        const leftover = applyMetadata(metadata, field, split.label, split.rest)
        if (leftover !== null) description.push(leftover)
        continue
      }
      if (!isTurn) {
        if (metadata.title === undefined && block.titleCandidate === true && text.length <= 200) {
          metadata.title = cleanTitle(text)
          if (options.titleAlsoInNotes) description.push(text)
        } else {
          description.push(text)
          applyInlineMetadata(metadata, text)
        }
        continue
      }
      inBody = true
    }

    if (split !== null && isAnnotationLabel(split.label)) {
      close()
      laterNotes.push(text)
      continue
    }
    if (split !== null && isLateDetail(metadata, split, known)) {
      // "Күні: 14 наурыз" after the first turn is still a detail of the interview, not a speaker.
      close()
      const leftover = applyMetadata(metadata, metadataFieldOf(split.label) as MetadataField, split.label, split.rest)
      if (leftover !== null) laterNotes.push(leftover)
      continue
    }
    if (split !== null && isTurn) {
      close()
      const role = roleOf(split.label)
      const speaker = role === null ? normalizeSpeaker(split.label) : split.label
      if (role === null) known.add(speaker)
      current = { speaker, role, lines: [split.rest], time: split.time, line: block.line }
      previous = { speaker, role }
      continue
    }
    const open = current as Unit | null
    if (open !== null && (block.continuesPrevious === true || open.lines.every((l) => l.trim() === ''))) {
      open.lines.push(text)
      continue
    }
    close()
    // A paragraph without a label continues the previous speaker.
    current = { speaker: previous.speaker, role: previous.role, lines: [text], time: null, line: block.line }
  }
  close()

  if (metadata.interviewee === undefined && metadata.title !== undefined) {
    const fromTitle = intervieweeFromTitle(metadata.title)
    if (fromTitle !== null) metadata.interviewee = fromTitle
  }
  if (metadata.date === undefined && description.length > 0) {
    const date = findSingleDate(description.join('\n'))
    if (date !== null) metadata.date = date
  }
  const interviewer = metadata.interviewer === undefined ? null : normalizeSpeaker(metadata.interviewer)
  const interviewee = metadata.interviewee === undefined ? null : normalizeSpeaker(metadata.interviewee)
  const unnamed = new Set<string>()
  const segments: ParsedSegment[] = turns.map((t) => {
    let speaker = t.speaker
    if (t.role === 'interviewer') speaker = interviewer ?? t.speaker
    if (t.role === 'interviewee') speaker = interviewee ?? t.speaker
    if (t.role !== null && speaker === t.speaker) unnamed.add(t.speaker)
    return { speaker, text: t.text, startSeconds: t.start, endSeconds: null, offRecord: t.offRecord, tags: [] }
  })
  if (unnamed.size > 0) {
    warnings.push(
      `The speakers written as ${[...unnamed].map((s) => `"${s}:"`).join(' and ')} could not be named: add an "Interviewer:" or "Interviewee:" line, or a title naming the interviewee.`
    )
  }
  warnings.push(...offRecordWarnings(state))
  const notes = [...description, ...laterNotes]
  if (notes.length > 0) metadata.notes = notes.join('\n')
  return { metadata, segments, warnings }
}
