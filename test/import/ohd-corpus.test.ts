// Real coded oral histories from the Oral History as Data project (../shared/corpus/ohd-csv, where
// it exists). Expectations are derived here, independently, from each CSV with papaparse, so the
// test follows the files rather than the code.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { decodeHTML } from 'entities'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { isCodebook, parseCodebook, parseInterviewFile } from '../../src/core/import'
import { ImportError } from '../../src/core/import/types'
import { sharedFolder } from '../support/shared'
import { FIXTURES, OWN_FORMATS, OWN_STORY, importErrorOf, invariantViolation, readBytes } from './helpers/invariants'

interface Row {
  timestamp: string
  speaker: string
  words: string
  tags: string
}

const corpus = sharedFolder('corpus/ohd-csv', 'test/import/ohd-corpus.test.ts, the real OHD corpus')
const CORPUS = corpus ?? ''
const transcripts =
  corpus === null
    ? []
    : readdirSync(CORPUS)
        .filter((f) => f.endsWith('.csv') && f !== 'filters.csv')
        .sort()

function rowsOf(file: string): Row[] {
  return Papa.parse<Row>(readFileSync(path.join(CORPUS, file), 'utf8'), { header: true, skipEmptyLines: true }).data
}

/** `[00:01:09]` is 69 s, `[3:13]` is 193 s, `[1:00:00]` is 3600 s; text after the time is a note. */
function secondsOf(stamp: string): number | null {
  const m = /^\[(\d+):(\d+)(?::(\d+))?\]/.exec(stamp.trim())
  if (!m) return null
  const parts = [m[1], m[2], m[3]].filter((p) => p !== undefined).map(Number)
  return parts.reduce((acc, n) => acc * 60 + n, 0)
}

function speakerOf(raw: string): string {
  return raw.trim().replace(/:$/, '').trim()
}

function expectedSegments(rows: Row[]): { speaker: string; text: string; startSeconds: number | null; tags: string[] }[] {
  let previous = ''
  const out: { speaker: string; text: string; startSeconds: number | null; tags: string[] }[] = []
  for (const row of rows) {
    const named = speakerOf(row.speaker)
    const speaker = named === '' ? previous : named
    previous = speaker
    const text = decodeHTML(row.words).trim()
    if (text === '') continue
    const tags = [...new Set(row.tags.split(';').map((t) => t.trim()).filter((t) => t !== ''))]
    out.push({ speaker, text, startSeconds: secondsOf(row.timestamp), tags })
  }
  return out
}

describe.skipIf(corpus === null)('../shared/corpus/ohd-csv, where ../shared exists', () => {
  if (corpus === null) it('is not in this checkout', () => undefined)

  describe.each(transcripts)('corpus/ohd-csv/%s', (file) => {
    const rows = rowsOf(file)
    const want = expectedSegments(rows)

    it('imports one segment per row, in order, with words, times and tags as the CSV has them', async () => {
      const r = await parseInterviewFile(file, readBytes(path.join(CORPUS, file)))
      expect(r.format).toBe('ohd-csv')
      expect(invariantViolation(r)).toBeNull()
      expect(r.segments).toHaveLength(want.length)
      r.segments.forEach((s, i) => {
        const w = want[i]
        expect(s.text, `row ${i + 2}`).toBe(w?.text)
        expect(s.startSeconds, `row ${i + 2}`).toBe(w?.startSeconds)
        expect(s.tags, `row ${i + 2}`).toEqual(w?.tags)
      })
    })

    it('treats "DB" and "DB:" as one speaker and continues the previous speaker on empty rows', async () => {
      const r = await parseInterviewFile(file, readBytes(path.join(CORPUS, file)))
      const got = r.segments.map((s) => s.speaker)
      expect(got.some((s) => s.endsWith(':'))).toBe(false)
      r.segments.forEach((s, i) => {
        const w = want[i]?.speaker ?? ''
        // Names in capitals become title case (KRISTIN → Kristin); initials (DB, RA) stay as written.
        const expected = w.length > 3 && w === w.toUpperCase() ? w.toLowerCase().replace(/(^| )(\p{L})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase()) : w
        expect(s.speaker, `row ${i + 2}`).toBe(expected)
      })
      // Nothing to merge the initials with: no full names are used in these files.
      expect(new Set(got).size).toBe(new Set(want.map((w) => w.speaker)).size)
    })

    it('decodes entities and leaves no entity behind', async () => {
      const r = await parseInterviewFile(file, readBytes(path.join(CORPUS, file)))
      const all = r.segments.map((s) => s.text).join('\n')
      expect(all).not.toMatch(/&#\d+;|&amp;|&quot;/)
      if (rows.some((row) => row.words.includes('&#8212;'))) expect(all).toContain('—')
    })

    it('keeps real coders’ tag typos as written', async () => {
      const r = await parseInterviewFile(file, readBytes(path.join(CORPUS, file)))
      const got = new Set(r.segments.flatMap((s) => s.tags))
      const written = new Set(rows.flatMap((row) => row.tags.split(';').map((t) => t.trim()).filter((t) => t !== '')))
      expect(got).toEqual(written)
    })
  })

  describe('corpus specifics', () => {
    it('keeps the HTML link in mohammad.csv as literal text, never interpreted', async () => {
      const r = await parseInterviewFile('mohammad.csv', readBytes(path.join(CORPUS, 'mohammad.csv')))
      const last = r.segments[r.segments.length - 1]
      expect(last?.speaker).toBe('More Info')
      expect(last?.text).toBe(
        "See the full interview at: <a target='_blank' href='https://ctrl-shift.org/interviews/transcripts/mohammad.html'>https://ctrl-shift.org/interviews/transcripts/mohammad.html</a>"
      )
    })

    it('reads both m:ss and h:mm:ss times in armantrout.csv', async () => {
      const r = await parseInterviewFile('armantrout.csv', readBytes(path.join(CORPUS, 'armantrout.csv')))
      const times = r.segments.map((s) => s.startSeconds).filter((t): t is number => t !== null)
      expect(times).toContain(0)
      expect(times).toContain(193) // [3:13]
      expect(times).toContain(3600) // [1:00:00]
      expect(r.segments.map((s) => s.speaker).filter((s) => s === 'RA:' || s === '')).toEqual([])
    })

    it('keeps gluck.csv’s notes beside the timestamps as interview notes, not words', async () => {
      const r = await parseInterviewFile('gluck.csv', readBytes(path.join(CORPUS, 'gluck.csv')))
      expect(r.metadata.notes).toContain('[00:03:43] beginning of actual interview')
      expect(r.segments[1]?.startSeconds).toBe(223)
      expect(r.segments.map((s) => s.text).join(' ')).not.toContain('beginning of actual interview')
      // The first row has no speaker and nobody before it: it stays unlabelled.
      expect(r.segments[0]?.speaker).toBe('')
      expect(r.segments.some((s) => s.speaker === 'Kristin')).toBe(true)
    })

    it('refuses the codebook as a transcript, with a reason', async () => {
      const e = await importErrorOf(() => parseInterviewFile('filters.csv', readBytes(path.join(CORPUS, 'filters.csv'))))
      expect(e.message).toMatch(/codebook/)
    })
  })

})

describe('initials and full names in one file', () => {
  const csv = [
    'timestamp,speaker,words,tags',
    '[00:00:05],Rebecca Scofield,Welcome. Could you state your name?,',
    ',RS:,And where are we today?,place',
    '[00:00:20],Jane Doe,Jane Doe; we are in Moscow&#44; Idaho.,place; ',
    ',,"I grew up here,',
    'on the Palouse.",career;career',
    ',JD,That was 1990.,',
    ',AB,Someone with no full name.,'
  ].join('\n')

  it('merges initials into the one full name they match, and keeps unmatched initials', async () => {
    const r = await parseInterviewFile('x.csv', new TextEncoder().encode(csv))
    expect(r.segments.map((s) => s.speaker)).toEqual(['Rebecca Scofield', 'Rebecca Scofield', 'Jane Doe', 'Jane Doe', 'Jane Doe', 'AB'])
    expect(r.segments[2]?.text).toBe('Jane Doe; we are in Moscow, Idaho.')
    expect(r.segments[3]?.text).toBe('I grew up here, on the Palouse.')
    expect(r.segments[3]?.tags).toEqual(['career'])
    expect(r.segments[2]?.tags).toEqual(['place'])
    expect(r.segments.map((s) => s.startSeconds)).toEqual([5, null, 20, null, null, null])
  })

  it('leaves initials alone when two full names share them', async () => {
    const ambiguous = 'timestamp,speaker,words,tags\n,Rebecca Scofield,One.,\n,Robert Smith,Two.,\n,RS,Three.,\n'
    const r = await parseInterviewFile('x.csv', new TextEncoder().encode(ambiguous))
    expect(r.segments.map((s) => s.speaker)).toEqual(['Rebecca Scofield', 'Robert Smith', 'RS'])
  })
})

describe.skipIf(corpus === null)('filters.csv, the codebook of the real corpus', () => {
  const rows =
    corpus === null
      ? []
      : Papa.parse<{ tag: string; description: string }>(readFileSync(path.join(CORPUS, 'filters.csv'), 'utf8'), {
          header: true,
          skipEmptyLines: true
        }).data

  it('gives one entry per tag, with its description trimmed', () => {
    const entries = parseCodebook(readBytes(path.join(CORPUS, 'filters.csv')))
    expect(entries).toEqual(rows.map((r) => ({ name: r.tag.trim(), description: r.description.trim() })))
    expect(entries.find((e) => e.name === 'software')?.description).toBe('the use of software and/or code for writing')
  })

  it('is recognised as a codebook, and no transcript of the corpus is', () => {
    expect(isCodebook('filters.csv', readBytes(path.join(CORPUS, 'filters.csv')))).toBe(true)
    expect(isCodebook('codes.csv', readBytes(path.join(CORPUS, 'filters.csv')))).toBe(true)
    for (const f of transcripts) expect(isCodebook(f, readBytes(path.join(CORPUS, f))), f).toBe(false)
    if (existsSync(FIXTURES)) for (const f of readdirSync(FIXTURES)) expect(isCodebook(f, readBytes(path.join(FIXTURES, f))), f).toBe(false)
  })
})

describe('codebooks', () => {
  it('tells the suite’s own codebook from every transcript', () => {
    expect(isCodebook('filters.csv', readBytes(path.join(OWN_FORMATS, 'filters.csv')))).toBe(true)
    expect(isCodebook('codes.csv', readBytes(path.join(OWN_FORMATS, 'filters.csv')))).toBe(true)
    for (const dir of [OWN_STORY, OWN_FORMATS]) {
      for (const f of readdirSync(dir).filter((f) => f !== 'filters.csv')) expect(isCodebook(f, readBytes(path.join(dir, f))), f).toBe(false)
    }
    expect(isCodebook('filters.csv', new Uint8Array())).toBe(false)
    expect(isCodebook('filters.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe(false)
  })

  it('refuses a file that is not a codebook with an ImportError', () => {
    expect(() => parseCodebook(new TextEncoder().encode('words,speaker\nhello,DB\n'))).toThrow(ImportError)
    expect(() => parseCodebook(new Uint8Array())).toThrow(/empty/)
    expect(() => parseCodebook(new TextEncoder().encode('tag,description\n'))).toThrow(/no tags/)
  })

  it('refuses the codebook as a transcript, with a reason', async () => {
    const e = await importErrorOf(() => parseInterviewFile('filters.csv', readBytes(path.join(OWN_FORMATS, 'filters.csv'))))
    expect(e.message).toMatch(/codebook/)
  })
})
