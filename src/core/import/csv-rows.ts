// CSV through papaparse. The delimiter is fixed from the header line rather than guessed from the
// body: OHD tags are `;`-separated inside a comma-separated file, which fools a guesser.
import Papa from 'papaparse'

export interface CsvRows {
  rows: string[][]
  /** papaparse's complaints (an unclosed quote swallowing the rest of the file), worded for a reporter. */
  problems: string[]
}

function delimiterOf(headerLine: string): string {
  if (headerLine.includes(',')) return ','
  if (headerLine.includes('\t')) return '\t'
  if (headerLine.includes(';')) return ';'
  return ','
}

export function firstLine(text: string): string {
  const end = text.search(/\r\n|\r|\n/)
  return end === -1 ? text : text.slice(0, end)
}

export function readCsvRows(text: string): CsvRows {
  const result = Papa.parse<string[]>(text, {
    delimiter: delimiterOf(firstLine(text)),
    skipEmptyLines: 'greedy',
    header: false
  })
  const problems: string[] = []
  for (const e of result.errors.slice(0, 5)) {
    const where = e.row === undefined ? '' : `row ${e.row + 1}: `
    problems.push(`${where}${e.message}`)
  }
  if (result.errors.length > 5) problems.push(`…and ${result.errors.length - 5} more problems with the CSV layout.`)
  return { rows: result.data.filter((r) => Array.isArray(r)), problems }
}

/** Header names compared as a reader would: case, spaces and a stray BOM ignored. */
export function headerKey(cell: string): string {
  return cell.replace(/^\uFEFF/, '').trim().toLowerCase()
}

export function findColumn(header: readonly string[], names: readonly string[]): number {
  const keys = header.map(headerKey)
  for (const name of names) {
    const at = keys.indexOf(name)
    if (at !== -1) return at
  }
  return -1
}
