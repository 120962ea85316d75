// OHMS (Oral History Metadata Synchronizer) XML exports, read with fast-xml-parser.
//
// - Interview details come from the record: title, date (its `value` attribute), interviewer(s),
//   interviewee(s), repository, language, media; collection, accession, description, rights go to
//   the notes.
// - Version 6 exports hold the transcript as WebVTT in <vtt_transcript> (`<v Speaker>` voices,
//   cue times), read as WebVTT. Older ones hold OHMS's line-based text in <transcript>:
//   paragraphs separated by blank lines, "NAME:" labels, a paragraph without a label continuing
//   the previous speaker, headings (APPENDIX, a title in capitals) as units of their own with no
//   speaker. Footnotes (ohms-markup.ts) go to the notes in both.
// - `<sync>` ("1:|13(3)|19(14)|…") places a minute mark on a line of the transcript. Like an inline
//   [hh:mm:ss] in typed notes, the first mark inside a paragraph becomes that paragraph's start;
//   paragraphs without a mark have no time (OHMS gives none for them).
// - Index points (time, title, synopsis, keywords) are an archivist's summary, not anyone's words,
//   so they go to metadata.notes as an outline. Only when there is no transcript at all do they
//   become segments (no speaker, the partial transcript or synopsis as text, keywords as tags),
//   with a warning saying so.
import { decodeXML } from 'entities'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { normalizeDate } from './dates'
import { guarded } from './guard'
import { isSpeakerLabel, splitLabel } from './labels'
import { splitTags } from './ohd-csv'
import { normalizeSpeaker } from './speakers'
import { joinLines, splitLines, stripTags } from './text-cleanup'
import { parseTimecode } from './timecode'
import { ImportError, type ParsedInterview, type ParsedMetadata, type ParsedSegment } from './types'
import { parseWebVtt } from './webvtt'
import { extractFootnotes, footnoteLines, footnoteReferences, isHeadingLine, isHeadingWord } from './ohms-markup'
import { SegmentList } from './segment-cap'

type XmlNode = Record<string, unknown>

const ARRAYS = new Set(['record', 'point', 'interviewer', 'interviewee', 'keyword', 'subject'])

function isNode(v: unknown): v is XmlNode {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The text of an element: entities decoded in text, CDATA kept as written; repeated elements joined. */
function textOf(v: unknown): string {
  if (v === undefined || v === null) return ''
  if (typeof v === 'string') return decodeXML(v)
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  if (Array.isArray(v)) return v.map(textOf).filter((s) => s.trim() !== '').join('; ')
  if (isNode(v)) return `${textOf(v['#text'])}${typeof v['#cdata'] === 'string' ? v['#cdata'] : ''}`
  return ''
}

function field(node: XmlNode, name: string): string {
  return joinLines(stripTags(textOf(node[name])))
}

function childOf(node: XmlNode, name: string): unknown {
  const key = Object.keys(node).find((k) => k.toLowerCase() === name)
  return key === undefined ? undefined : node[key]
}

function findRecords(doc: XmlNode): XmlNode[] {
  const root = childOf(doc, 'root')
  const holder = isNode(root) ? root : doc
  const records = childOf(holder, 'record')
  if (Array.isArray(records)) return records.filter(isNode)
  return isNode(records) ? [records] : []
}

/** `<sync>1:|13(3)|19(14)</sync>`: entry n (counting from the empty one before the first `|`) is minute n×interval. */
export function syncMarks(sync: string): Map<number, number> {
  const marks = new Map<number, number>()
  const colon = sync.indexOf(':')
  if (colon === -1) return marks
  const interval = Number(sync.slice(0, colon).trim())
  if (!Number.isFinite(interval) || interval <= 0) return marks
  sync
    .slice(colon + 1)
    .split('|')
    .forEach((entry, index) => {
      const m = /^\s*(\d{1,7})\((\d{1,5})\)\s*$/.exec(entry)
      if (!m || index === 0) return
      const line = Number(m[1])
      if (!marks.has(line)) marks.set(line, index * interval * 60)
    })
  return marks
}

function formatTime(seconds: number): string {
  const s = Math.floor(seconds)
  const pad = (n: number): string => String(n).padStart(2, '0')
  return `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`
}

/** Index point times are seconds ("125"), sometimes "00:02:05". */
function pointTime(raw: string): number | null {
  const t = raw.trim()
  if (/^\d{1,7}(?:\.\d{1,3})?$/.test(t)) return Number(t)
  return parseTimecode(t)
}

interface IndexPoint {
  time: number | null
  title: string
  synopsis: string
  partial: string
  keywords: string[]
}

function readIndex(record: XmlNode): IndexPoint[] {
  const index = childOf(record, 'index')
  if (!isNode(index)) return []
  const points = index['point']
  const list = Array.isArray(points) ? points : [points]
  return list.filter(isNode).map((p) => ({
    time: pointTime(textOf(p['time'])),
    title: field(p, 'title'),
    synopsis: field(p, 'synopsis'),
    partial: field(p, 'partial_transcript'),
    keywords: [...splitTags(textOf(p['keywords'])), ...splitTags(textOf(p['subjects']))]
  }))
}

function indexOutline(points: readonly IndexPoint[]): string {
  return points
    .map((p) => {
      const head = `[${p.time === null ? '?' : formatTime(p.time)}] ${p.title || '(untitled)'}`
      const synopsis = p.synopsis === '' ? '' : ` — ${p.synopsis}`
      const keywords = p.keywords.length === 0 ? '' : ` (keywords: ${p.keywords.join('; ')})`
      return `${head}${synopsis}${keywords}`
    })
    .join('\n')
}

/** A label in capitals ("ZHANUZAKOV:") is OHMS's way of naming a speaker, unless it is a heading word ("INDEX:"). */
function isOhmsLabel(label: string, known: ReadonlySet<string>): boolean {
  if (isHeadingWord(label)) return false
  return /^[\p{Lu}\s.'’-]+$/u.test(label) || isSpeakerLabel(label, { known })
}

function readLegacyTranscript(transcript: string, sync: string): ParsedSegment[] {
  const marks = syncMarks(sync)
  const lines = splitLines(transcript)
  const segments = new SegmentList()
  const known = new Set<string>()
  let previousSpeaker = ''
  let paragraph: string[] = []
  let time: number | null = null

  const flush = (): void => {
    if (paragraph.length === 0) return
    let text = joinLines(paragraph.join('\n'))
    paragraph = []
    let speaker = previousSpeaker
    const split = splitLabel(text)
    if (split !== null && isOhmsLabel(split.label, known)) {
      speaker = normalizeSpeaker(split.label)
      known.add(speaker)
      text = split.rest
    }
    previousSpeaker = speaker
    const start = time
    time = null
    text = footnoteReferences(text)
    if (text !== '') segments.push({ speaker, text, startSeconds: start, endSeconds: null, offRecord: false, tags: [] })
  }

  // A minute mark that falls on a blank line belongs to the paragraph after it.
  let carried: number | null = null
  lines.forEach((line, i) => {
    const mark = marks.get(i + 1) ?? carried ?? undefined
    carried = null
    if (line.trim() === '') {
      flush()
      if (mark !== undefined) carried = mark
      return
    }
    // A heading on its own line (APPENDIX, a section title in capitals) is its own unit with no
    // speaker, and what follows it is nobody's until a label says whose.
    if (isHeadingLine(line, known)) {
      flush()
      segments.push({ speaker: '', text: footnoteReferences(joinLines(line)), startSeconds: mark ?? null, endSeconds: null, offRecord: false, tags: [] })
      previousSpeaker = ''
      return
    }
    paragraph.push(line)
    if (mark !== undefined && time === null) time = mark
  })
  flush()
  return segments.items
}

/** fast-xml-parser reports elements left open at the end as "Invalid '[ "a", "b" ]' found." */
function readableXmlProblem(message: string): { text: string; atEnd: boolean } {
  const open = /^Invalid '\[([^\]]*)\]' found/.exec(message)
  if (open === null) return { text: message, atEnd: false }
  const names = [...new Set([...(open[1] ?? '').matchAll(/"([^"]*)"/g)].map((m) => `<${m[1] ?? ''}>`))]
  return { text: `the file ends before ${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} closed; it may have been cut short.`, atEnd: true }
}

export const parseOhms = guarded('this OHMS file', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const validation = XMLValidator.validate(text)
  if (validation !== true) {
    const problem = readableXmlProblem(validation.err.msg)
    // A file cut short has no line to point at; the parser would say line 1.
    throw new ImportError(`This OHMS XML file is damaged: ${problem.text}`, problem.atEnd ? undefined : validation.err.line)
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    // Entities are decoded per field below; leaving them to the parser would expand DOCTYPE entities.
    processEntities: false,
    cdataPropName: '#cdata',
    isArray: (name) => ARRAYS.has(name)
  })
  const doc: unknown = parser.parse(text)
  const records = isNode(doc) ? findRecords(doc) : []
  const record = records[0]
  if (record === undefined) throw new ImportError('This XML file has no OHMS <record> in it.')
  const warnings: string[] = []
  if (records.length > 1) warnings.push(`The file holds ${records.length} OHMS records; only the first was imported.`)

  const metadata: ParsedMetadata = {}
  const notes: string[] = []
  const set = (key: keyof ParsedMetadata, value: string): void => {
    if (value !== '') metadata[key] = value
  }
  set('title', field(record, 'title'))
  const dateNode = record['date']
  const dateValue = isNode(dateNode) && typeof dateNode['@_value'] === 'string' ? dateNode['@_value'] : textOf(dateNode)
  const date = joinLines(dateValue) || field(record, 'date_nonpreferred_format')
  if (date !== '') metadata.date = normalizeDate(date)
  set('interviewer', field(record, 'interviewer'))
  set('interviewee', field(record, 'interviewee'))
  set('repository', field(record, 'repository'))
  set('language', field(record, 'language'))
  const media = field(record, 'media_url') || field(record, 'mediaurl') || field(record, 'file_name')
  set('recordingFile', media)

  for (const [name, label] of [
    ['description', 'Description'],
    ['collection_name', 'Collection'],
    ['series_name', 'Series'],
    ['accession', 'Accession'],
    ['duration', 'Duration'],
    ['rights', 'Rights'],
    ['usage', 'Usage'],
    ['keyword', 'Keywords'],
    ['subject', 'Subjects']
  ] as const) {
    const value = field(record, name)
    if (value !== '') notes.push(`${label}: ${value}`)
  }

  const index = readIndex(record)
  if (index.length > 0) notes.push(`Index:\n${indexOutline(index)}`)

  // Version 6 exports hold the transcript as WebVTT in <vtt_transcript>; older ones as text in
  // <transcript> with <sync> minute marks (and some Aviary exports put WebVTT there too).
  const vttRaw = textOf(childOf(record, 'vtt_transcript')).replace(/^\uFEFF/, '')
  const transcriptRaw = textOf(record['transcript']).replace(/^\uFEFF/, '')
  const asVtt = vttRaw.trim() !== '' ? vttRaw : /^\s*WEBVTT/.test(transcriptRaw) ? transcriptRaw : ''
  let segments: ParsedSegment[] = []
  if (asVtt !== '') {
    const { body, notes: footnotes } = extractFootnotes(asVtt.trimStart())
    const vtt = parseWebVtt(footnoteReferences(body))
    segments = vtt.segments
    warnings.push(...vtt.warnings)
    notes.push(...footnoteLines(footnotes))
    if (vtt.metadata.notes !== undefined) notes.push(vtt.metadata.notes)
  } else if (transcriptRaw.trim() !== '') {
    const { body, notes: footnotes } = extractFootnotes(transcriptRaw)
    segments = readLegacyTranscript(body, textOf(record['sync']))
    notes.push(...footnoteLines(footnotes))
  }

  if (segments.length === 0 && index.length > 0) {
    segments = index
      .map((p) => ({
        speaker: '',
        text: p.partial || p.synopsis || p.title,
        startSeconds: p.time,
        endSeconds: null,
        offRecord: false,
        tags: p.keywords
      }))
      .filter((s) => s.text !== '')
    warnings.push(
      'This OHMS file has an index but no transcript: each index point became one segment holding its partial transcript or synopsis, which are summaries rather than verbatim words.'
    )
  }
  if (notes.length > 0) metadata.notes = notes.join('\n')
  if (segments.length === 0) throw new ImportError('This OHMS file has neither a transcript nor an index to import.')
  return { format: 'ohms', metadata, segments, warnings }
})
