// An OHD codebook (`filters.csv`: `tag,description`). A batch import meets it among the
// transcripts, so it must be recognisable by its header alone.
import { findColumn, firstLine, headerKey, readCsvRows } from './csv-rows'
import { decodeText } from './decode'
import { guarded } from './guard'
import { WORDS_COLUMNS } from './csv-columns'
import { sniffBinary } from './magic-numbers'
import { decodeEntities } from './text-cleanup'
import { ImportError, MAX_IMPORT_BYTES, type CodebookEntry } from './types'

const NAME_COLUMNS = ['tag', 'tags', 'code', 'filter', 'name', 'label']
const DESCRIPTION_COLUMNS = ['description', 'desc', 'definition', 'meaning', 'note', 'notes']

/** True for a CSV header naming a tag column and a description column, and no words column. */
export function isCodebookText(text: string): boolean {
  const header = firstLine(text.replace(/^\uFEFF/, ''))
  if (header.length > 500) return false
  const { rows } = readCsvRows(header)
  const cells = rows[0]
  if (cells === undefined || cells.length < 2) return false
  return findColumn(cells, NAME_COLUMNS) !== -1 && findColumn(cells, DESCRIPTION_COLUMNS) !== -1 && findColumn(cells, WORDS_COLUMNS) === -1
}

export function isCodebook(fileName: string, bytes: Uint8Array): boolean {
  try {
    if (bytes.length === 0 || bytes.length > MAX_IMPORT_BYTES) return false
    if (sniffBinary(bytes) !== null) return false
    const { text } = decodeText(bytes.subarray(0, 4096))
    if (isCodebookText(text)) return true
    // The file name only breaks a tie: OHD's codebook is called filters.csv but says so in its header too.
    return /(?:^|[\\/])filters\.csv$/i.test(fileName) && headerKey(firstLine(text)).startsWith('tag')
  } catch {
    return false
  }
}

export const parseCodebookText = guarded('this codebook', (text: string): CodebookEntry[] => {
  const { rows } = readCsvRows(text)
  const header = rows[0]
  if (header === undefined) throw new ImportError('The codebook is empty.')
  let nameAt = findColumn(header, NAME_COLUMNS)
  const descriptionAt = findColumn(header, DESCRIPTION_COLUMNS)
  if (nameAt === -1 && descriptionAt !== -1 && header.length >= 2) nameAt = descriptionAt === 0 ? 1 : 0
  if (nameAt === -1) {
    throw new ImportError('This is not a codebook: its first line should name a "tag" column (and a "description" column).', 1)
  }
  const entries: CodebookEntry[] = []
  const seen = new Set<string>()
  for (const row of rows.slice(1)) {
    const name = decodeEntities(row[nameAt] ?? '').trim()
    if (name === '' || seen.has(name)) continue
    seen.add(name)
    const description = descriptionAt === -1 ? '' : decodeEntities(row[descriptionAt] ?? '').replace(/\s+/g, ' ').trim()
    entries.push(description === '' ? { name } : { name, description })
  }
  if (entries.length === 0) throw new ImportError('The codebook has a header but no tags under it.')
  return entries
})

export function parseCodebook(bytes: Uint8Array): CodebookEntry[] {
  try {
    if (bytes.length === 0) throw new ImportError('The codebook file is empty.')
    if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('The codebook file is larger than 50 MB, far larger than any codebook.')
    const binary = sniffBinary(bytes)
    if (binary !== null) throw new ImportError('This is a Word document, not a codebook CSV.')
    return parseCodebookText(decodeText(bytes).text)
  } catch (e) {
    if (e instanceof ImportError) throw e
    throw new ImportError('Verbatim could not read this codebook.')
  }
}
