// Which reader a file needs, decided from what is in it. The name's extension only breaks ties:
// reporters rename files, and transcription services pick odd extensions.
import { isCodebookText } from './codebook'
import { columnByName, SPEAKER_COLUMNS, TIME_COLUMNS, WORDS_COLUMNS } from './csv-columns'
import { readCsvRows, firstLine } from './csv-rows'
import { sniffBinary } from './magic-numbers'
import { isSpeakerLabel, roleOf, splitLabel } from './labels'
import { metadataFieldOf } from './metadata-keys'
import { otterHeader } from './otter'
import { isTimingLine } from './timecode'
import { ImportError, type ImportFormat } from './types'
import { splitLines } from './text-cleanup'

export { sniffBinary }

/** The root element's name when the text is XML or HTML, skipping the declaration, comments and doctype. */
function markupRoot(head: string): string | null {
  let s = head.trimStart()
  for (let guard = 0; guard < 20; guard++) {
    if (s.startsWith('<?')) {
      const end = s.indexOf('?>')
      if (end === -1) return null
      s = s.slice(end + 2).trimStart()
    } else if (s.startsWith('<!--')) {
      const end = s.indexOf('-->')
      if (end === -1) return null
      s = s.slice(end + 3).trimStart()
    } else if (/^<!doctype/i.test(s)) {
      const end = s.indexOf('>')
      if (end === -1) return null
      s = s.slice(end + 1).trimStart()
    } else break
  }
  const m = /^<([A-Za-z_][\w.:-]{0,60})[\s/>]/.exec(s)
  return m ? (m[1] ?? null) : null
}

/** The first non-blank lines, enough to recognise every format we read. */
function headLines(text: string, count: number): string[] {
  const lines: string[] = []
  for (const line of splitLines(text.slice(0, 64 * 1024))) {
    if (line.trim() === '') continue
    lines.push(line)
    if (lines.length >= count) break
  }
  return lines
}

function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)
  return m ? (m[1] ?? '').toLowerCase() : ''
}

function looksLikeCsvHeader(line: string): boolean {
  if (line.length > 1000 || !/[,\t;]/.test(line)) return false
  const cells = readCsvRows(line).rows[0] ?? []
  return (
    cells.length >= 2 &&
    (columnByName(cells, WORDS_COLUMNS) !== -1 || (columnByName(cells, SPEAKER_COLUMNS) !== -1 && columnByName(cells, TIME_COLUMNS) !== -1))
  )
}

function looksLikeOtter(lines: readonly string[]): boolean {
  // A title line may come first; then speaker-and-time lines each followed by a paragraph.
  let headers = 0
  for (let i = 0; i < lines.length; i++) {
    const header = otterHeader(lines[i] ?? '')
    if (header === null) continue
    const next = lines[i + 1]
    if (next === undefined || otterHeader(next) !== null) return false
    if (headers === 0 && i > 2) return false
    headers++
  }
  return headers >= 1
}

function looksLikeNotes(lines: readonly string[]): boolean {
  let roles = 0
  let names = 0
  let keys = 0
  const known = new Set<string>()
  for (const line of lines) {
    const split = splitLabel(line)
    if (split === null) continue
    if (metadataFieldOf(split.label) !== null && roleOf(split.label) === null) keys++
    else if (roleOf(split.label) !== null) roles++
    else if (isSpeakerLabel(split.label, { known })) {
      names++
      known.add(split.label)
    }
  }
  return roles >= 1 || names >= 2 || (keys >= 1 && names >= 1)
}

export type DetectedFormat = Exclude<ImportFormat, 'docx'>

/** Decides the reader for decoded text, or refuses with a reason. */
export function detectTextFormat(fileName: string, text: string): DetectedFormat {
  const ext = extensionOf(fileName)
  const body = text.replace(/^\uFEFF/, '')
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(body)) return 'webvtt'

  const rootName = markupRoot(body.slice(0, 8192))
  if (rootName !== null) {
    const root = rootName.toLowerCase()
    const start = body.slice(0, 8192)
    if (/nunncenter\/ohms|<record[\s>]/i.test(start) || root === 'root' || root.endsWith(':root')) return 'ohms'
    if (root === 'html' || /^<!doctype html/i.test(body.trimStart())) {
      throw new ImportError('This is a web page (HTML). Save it from the browser as plain text, or open it in Word and save a .docx.')
    }
    if (ext === 'xml' || body.trimStart().startsWith('<?xml')) {
      throw new ImportError(`This is an XML file, but not an OHMS export (its root element is <${rootName}>). Verbatim reads OHMS XML.`)
    }
  }
  if (/^<!doctype html/i.test(body.trimStart())) {
    throw new ImportError('This is a web page (HTML). Save it from the browser as plain text, or open it in Word and save a .docx.')
  }

  const header = firstLine(body).trim()
  if (isCodebookText(body)) {
    throw new ImportError('This is a codebook (a list of tags and their descriptions), not a transcript. Import it as the archive\'s codebook.')
  }
  if (looksLikeCsvHeader(header)) return 'ohd-csv'
  if (ext === 'csv' || ext === 'tsv') return 'ohd-csv'

  const lines = headLines(body, 40)
  const timing = lines.findIndex((l) => isTimingLine(l))
  if (timing !== -1 && timing < 4) return ext === 'vtt' ? 'webvtt' : 'srt'
  if (ext === 'vtt') return 'webvtt'
  if (ext === 'srt') return 'srt'
  if (looksLikeOtter(lines.slice(0, 12))) return 'otter'
  if (looksLikeNotes(lines)) return 'notes'
  return 'text'
}
