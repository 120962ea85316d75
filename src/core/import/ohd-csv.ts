// Coded oral-history transcripts as the Oral History as Data project publishes them:
// `timestamp,speaker,words,tags`, one row per utterance.
//
// Words are kept exactly as the file has them once entities are decoded (`&#8212;` becomes an em
// dash). Markup inside the words, such as an `<a href>` link, is kept as literal characters: the
// coders typed it into a text cell, it is never interpreted, and a quote must match the source
// character for character. Tags are trimmed and empties dropped, but coders' typos ("careeer",
// "higlight") stay as written; merging them is a codebook decision, not an import one.
import { findColumns } from './csv-columns'
import { readCsvRows } from './csv-rows'
import { guarded } from './guard'
import { SegmentList } from './segment-cap'
import { normalizeSpeaker } from './speakers'
import { decodeEntities, joinLines } from './text-cleanup'
import { readTimestampCell } from './timecode'
import { ImportError, type ParsedInterview } from './types'

export { WORDS_COLUMNS } from './csv-columns'
export { readTimestampCell } from './timecode'

/** `paper; between` gives ["paper", "between"]; `filesfiles` stays as the coder typed it. */
export function splitTags(cell: string): string[] {
  const tags: string[] = []
  for (const raw of cell.split(';')) {
    const tag = raw.trim()
    if (tag !== '' && !tags.includes(tag)) tags.push(tag)
  }
  return tags
}

export const parseOhdCsv = guarded('this CSV file', (text: string): Omit<ParsedInterview, 'encoding'> => {
  const { rows, problems } = readCsvRows(text)
  const header = rows[0]
  if (header === undefined) throw new ImportError('The CSV file has no rows.')
  const columns = findColumns(header, rows.slice(1))
  const wordsAt = columns.words
  if (wordsAt === -1) {
    const found = header.map((h) => h.trim()).filter((h) => h !== '').slice(0, 8)
    throw new ImportError(
      `This CSV has no "words" column, so there is no transcript text to import. Expected a header like "timestamp,speaker,words,tags"; found ${
        found.length === 0 ? 'no column names' : found.map((h) => `"${h.slice(0, 40)}"`).join(', ')
      }.`,
      1
    )
  }
  const { speaker: speakerAt, time: timeAt, tags: tagsAt } = columns

  const warnings = problems.map((p) => `CSV layout: ${p}`)
  const notes: string[] = []
  const segments = new SegmentList()
  let previousSpeaker = ''
  let pendingTime: number | null = null
  let unreadableTimes = 0

  rows.slice(1).forEach((row, i) => {
    const rowNumber = i + 2
    const cell = (at: number): string => (at === -1 ? '' : (row[at] ?? ''))
    const stamp = cell(timeAt).trim()
    if (stamp !== '') {
      const { seconds, written, annotation } = readTimestampCell(stamp)
      if (seconds === null) {
        unreadableTimes++
        notes.push(`Row ${rowNumber}, timestamp column: ${stamp}`)
      } else {
        pendingTime = seconds
        // OHD coders sometimes write a section note beside the time; it describes, nobody says it.
        if (annotation !== '') notes.push(`[${written}] ${annotation}`)
      }
    }
    const rawSpeaker = normalizeSpeaker(decodeEntities(cell(speakerAt)))
    // A row with no speaker continues the previous one.
    const speaker = rawSpeaker === '' ? previousSpeaker : rawSpeaker
    previousSpeaker = speaker
    const words = joinLines(decodeEntities(cell(wordsAt)))
    if (words === '') return
    segments.push({
      speaker,
      text: words,
      startSeconds: pendingTime,
      endSeconds: null,
      offRecord: false,
      tags: splitTags(decodeEntities(cell(tagsAt)))
    })
    pendingTime = null
  })

  if (unreadableTimes > 0) warnings.push(`${unreadableTimes} timestamp(s) could not be read as times and were kept in the notes instead.`)
  if (segments.length === 0) throw new ImportError('This CSV has a words column but no row with words in it.')
  const metadata: ParsedInterview['metadata'] = {}
  if (notes.length > 0) metadata.notes = notes.join('\n')
  return { format: 'ohd-csv', metadata, segments: segments.items, warnings }
})
