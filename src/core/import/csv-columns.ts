// Which column of a transcript CSV holds what. A header names it ("words"), misspells it in a way a
// person reads past ("speeker", "wrods"), or says nothing (a blank header over a column of
// [00:03:43] times, as in some Oral History as Data exports): then the values decide.
import { headerKey } from './csv-rows'
import { readTimestampCell } from './timecode'

export const WORDS_COLUMNS = ['words', 'text', 'transcript', 'utterance']
export const SPEAKER_COLUMNS = ['speaker', 'speakers', 'name']
export const TIME_COLUMNS = ['timestamp', 'time', 'timecode', 'start']
export const TAG_COLUMNS = ['tags', 'tag', 'codes', 'code']

export interface Columns {
  words: number
  speaker: number
  time: number
  tags: number
}

/** Edit distance with adjacent swaps counted as one edit ("spekaer" is one from "speaker"). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return 4
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i]
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j)
        continue
      }
      const up = rows[i - 1] as number[]
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min((up[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (up[j - 1] ?? 0) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1)
      row.push(best)
    }
    rows.push(row)
  }
  return (rows[a.length] as number[])[b.length] ?? 0
}

/** A misspelling a reader recognises: one slip in a short word, two in a long one. */
function nearly(key: string, name: string): boolean {
  if (key.length < 3) return false
  const allowed = name.length <= 5 ? 1 : 2
  return editDistance(key, name) <= allowed
}

/** The column a header names exactly, or else nearly; -1 when none does. Columns in `taken` are passed over. */
export function columnByName(header: readonly string[], names: readonly string[], taken: ReadonlySet<number> = new Set()): number {
  const keys = header.map(headerKey)
  for (const name of names) {
    const at = keys.findIndex((k, i) => k === name && !taken.has(i))
    if (at !== -1) return at
  }
  for (const name of names) {
    const at = keys.findIndex((k, i) => !taken.has(i) && !isKnownName(k) && nearly(k, name))
    if (at !== -1) return at
  }
  return -1
}

const ALL_NAMES = new Set([...WORDS_COLUMNS, ...SPEAKER_COLUMNS, ...TIME_COLUMNS, ...TAG_COLUMNS])
const isKnownName = (key: string): boolean => ALL_NAMES.has(key)

/** Values of one column in the first rows, blanks left out. */
function sample(rows: readonly (readonly string[])[], at: number): string[] {
  const out: string[] = []
  for (const row of rows.slice(0, 300)) {
    const v = (row[at] ?? '').trim()
    if (v !== '') out.push(v)
  }
  return out
}

function isTimeColumn(values: readonly string[]): boolean {
  if (values.length === 0) return false
  const times = values.filter((v) => readTimestampCell(v).seconds !== null).length
  return times >= Math.max(1, values.length * 0.6)
}

const average = (values: readonly string[]): number => values.reduce((n, v) => n + v.length, 0) / Math.max(1, values.length)

/**
 * Finds the columns of a transcript CSV. By name first (exact, then nearly), then by content: a
 * column of times is the time column whatever its header says; a column with a blank header is
 * the words when it holds the longest text, the speaker when it holds a few short names.
 */
export function findColumns(header: readonly string[], body: readonly (readonly string[])[]): Columns {
  const taken = new Set<number>()
  const claim = (at: number): number => {
    if (at !== -1) taken.add(at)
    return at
  }
  const exact = (names: readonly string[]): number => {
    const keys = header.map(headerKey)
    for (const name of names) {
      const at = keys.indexOf(name)
      if (at !== -1) return at
    }
    return -1
  }
  const columns: Columns = { words: claim(exact(WORDS_COLUMNS)), speaker: claim(exact(SPEAKER_COLUMNS)), time: claim(exact(TIME_COLUMNS)), tags: claim(exact(TAG_COLUMNS)) }

  if (columns.time === -1) {
    for (let at = 0; at < header.length; at++) {
      if (!taken.has(at) && isTimeColumn(sample(body, at))) {
        columns.time = claim(at)
        break
      }
    }
  }
  if (columns.words === -1) columns.words = claim(columnByName(header, WORDS_COLUMNS, taken))
  if (columns.speaker === -1) columns.speaker = claim(columnByName(header, SPEAKER_COLUMNS, taken))
  if (columns.time === -1) columns.time = claim(columnByName(header, TIME_COLUMNS, taken))
  if (columns.tags === -1) columns.tags = claim(columnByName(header, TAG_COLUMNS, taken))

  const blank = header.map((h, i) => (headerKey(h) === '' && !taken.has(i) ? i : -1)).filter((i) => i !== -1)
  if (columns.words === -1 && blank.length > 0) {
    const longest = blank.map((at) => ({ at, length: average(sample(body, at)) })).sort((a, b) => b.length - a.length)[0]
    if (longest !== undefined && longest.length >= 15) columns.words = claim(longest.at)
  }
  if (columns.speaker === -1) {
    for (const at of blank) {
      if (taken.has(at)) continue
      const values = sample(body, at)
      const distinct = new Set(values).size
      if (values.length > 0 && average(values) <= 30 && distinct <= Math.max(12, values.length / 5) && values.every((v) => v.length <= 60)) {
        columns.speaker = claim(at)
        break
      }
    }
  }
  return columns
}
