// Whatever bytes arrive, every importer either returns a well-formed interview or refuses with an
// ImportError: never another error, never a hang.
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import { parseCodebook } from '../../src/core/import/codebook'
import { parseDocx } from '../../src/core/import/docx'
import { parseNotes } from '../../src/core/import/notes'
import { parseOhdCsv } from '../../src/core/import/ohd-csv'
import { parseOhms } from '../../src/core/import/ohms'
import { parseOtter } from '../../src/core/import/otter'
import { parsePlainText } from '../../src/core/import/plain-text'
import { parseSrt } from '../../src/core/import/srt'
import { ImportError, type ParsedInterview } from '../../src/core/import/types'
import { parseWebVtt } from '../../src/core/import/webvtt'
import { CORPUS, FIXTURES, OWN_FIXTURES, OWN_FORMATS, OWN_STORY, expectResultOrImportError, invariantViolation, readBytes } from './helpers/invariants'

const NAMES = ['x.txt', 'x.vtt', 'x.srt', 'x.csv', 'x.md', 'x.xml', 'x.docx', 'filters.csv', 'noext']

// Pieces of every format, so random text reaches deep into each parser instead of bouncing off.
const TOKENS = [
  'WEBVTT',
  'NOTE',
  'STYLE',
  '-->',
  ' --> ',
  '00:00:01.000 --> 00:00:02.000',
  '00:00:01,000 --> 00:00:02,000 X1:1',
  '01:02.500',
  '00:0x.000',
  '99:99:99,999',
  '1',
  '<v Lena Moretti>',
  '<v.loud>',
  '</v>',
  '<i>',
  '<c.x>',
  '<',
  '>',
  '&amp;',
  '&#8212;',
  '&#xZZ;',
  '&',
  '{\\an8}',
  'Q:',
  'A:',
  'В:',
  'Ж:',
  'LENA MORETTI:',
  'Saule Bekova:',
  '**Lena:**',
  'RS:',
  'Rebecca Scofield',
  'Speaker 1  0:02',
  'Aigul Nurpeisova  1:02:03',
  'Transcribed by https://otter.ai',
  '# Interview notes: Yerlan',
  '- Date: 2023-03-20',
  'Дата: 2 апреля 2023 г.',
  'Күні:',
  '[00:02:10]',
  '[1:00:00]',
  '[off the record]',
  '[/off the record]',
  '[не для печати]',
  '[inaudible]',
  'timestamp,speaker,words,tags',
  'tag,description',
  ',DB:,"quoted, text",a; b',
  '"',
  ',',
  ';',
  '\t',
  '<?xml version="1.0"?>',
  '<ROOT>',
  '<record>',
  '</record>',
  '<transcript>',
  '</transcript>',
  '<sync>1:|2(1)|3(1)</sync>',
  '<index><point><time>5</time><title>T</title></point></index>',
  '[[footnote]]1[[/footnote]]',
  '[[footnotes]]',
  '<![CDATA[',
  ']]>',
  'Хабар первым',
  'әғқңөұүһі',
  '\u00a0',
  '\uFEFF',
  '\u0000',
  '\r',
  ' '
]

const line = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) }), {
  maxLength: 8
}).map((parts) => parts.join(''))
const document = fc.array(fc.oneof(line, fc.constant('')), { maxLength: 30 }).map((lines) => lines.join('\n'))

const encoder = new TextEncoder()

/** Parser results before the import's last step: shape only, not yet trimmed or merged. */
function shapeViolation(r: Omit<ParsedInterview, 'encoding'>): string | null {
  return invariantViolation({ ...r, encoding: 'utf-8', segments: r.segments.map((s) => ({ ...s, text: s.text.trim() || 'x' })) })
}

function expectParserContract(run: () => Omit<ParsedInterview, 'encoding'>): void {
  let result: Omit<ParsedInterview, 'encoding'>
  try {
    result = run()
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    return
  }
  expect(shapeViolation(result)).toBeNull()
}

describe('parseInterviewFile on arbitrary input', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ maxLength: 3000 }), async (name, bytes) => {
        await expectResultOrImportError(() => parseInterviewFile(name, bytes))
      }),
      { numRuns: 300 }
    )
  })

  it('random Unicode text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.string({ unit: 'binary', maxLength: 1500 }), async (name, s) => {
        await expectResultOrImportError(() => parseInterviewFile(name, encoder.encode(s)))
      }),
      { numRuns: 300 }
    )
  })

  it('random documents made of format pieces', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), document, async (name, s) => {
        await expectResultOrImportError(() => parseInterviewFile(name, encoder.encode(s)))
      }),
      { numRuns: 400 }
    )
  })
})

describe('each reader on its own', () => {
  const readers: [string, (text: string) => Omit<ParsedInterview, 'encoding'>][] = [
    ['WebVTT', parseWebVtt],
    ['SRT', parseSrt],
    ['Otter', parseOtter],
    ['notes', parseNotes],
    ['OHD CSV', parseOhdCsv],
    ['OHMS', parseOhms],
    ['plain text', parsePlainText]
  ]
  it.each(readers)('%s returns a well-shaped result or an ImportError', (_name, read) => {
    fc.assert(
      fc.property(fc.oneof(document, fc.string({ unit: 'binary', maxLength: 400 })), (s) => {
        expectParserContract(() => read(s))
      }),
      { numRuns: 150 }
    )
  })

  it('the codebook reader returns entries or an ImportError', () => {
    fc.assert(
      fc.property(fc.oneof(document, fc.string({ maxLength: 300 })), (s) => {
        try {
          const entries = parseCodebook(encoder.encode(s))
          for (const e of entries) expect(typeof e.name).toBe('string')
        } catch (e) {
          expect(e).toBeInstanceOf(ImportError)
        }
      }),
      { numRuns: 150 }
    )
  })
})

// The fixtures, damaged the ways files get damaged: cut short, bytes flipped, junk lines, lines lost.
// The suite's own fixtures always; ../shared's in addition where it exists.
const folderFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f !== 'expected.json')
        .map((f) => path.join(dir, f))
    : []
const fixtures = [
  ...folderFiles(OWN_STORY),
  ...folderFiles(OWN_FORMATS).filter((f) => !f.endsWith('filters.csv')),
  path.join(OWN_FIXTURES, 'zhanuzakov-ohms.xml'),
  ...folderFiles(FIXTURES),
  ...(existsSync(CORPUS) ? [path.join(CORPUS, 'mohammad.csv')] : [])
].map((file) => ({ name: path.basename(file), bytes: readBytes(file) }))

function splitLines(bytes: Uint8Array): Uint8Array[] {
  const lines: Uint8Array[] = []
  let from = 0
  bytes.forEach((b, i) => {
    if (b === 0x0a) {
      lines.push(bytes.subarray(from, i + 1))
      from = i + 1
    }
  })
  lines.push(bytes.subarray(from))
  return lines
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

type Mutation = (bytes: Uint8Array) => Uint8Array

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (b) => b.slice(0, n % (b.length + 1))),
  fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }).map(
    (flips): Mutation =>
      (b) => {
        const out = b.slice()
        for (const [at, value] of flips) if (out.length > 0) out[at % out.length] = value
        return out
      }
  ),
  fc.array(fc.tuple(fc.nat(), line), { minLength: 1, maxLength: 5 }).map(
    (junk): Mutation =>
      (b) => {
        const lines = splitLines(b)
        for (const [at, text] of junk) lines.splice(at % (lines.length + 1), 0, encoder.encode(`${text}\n`))
        return concat(lines)
      }
  ),
  fc.array(fc.nat(), { minLength: 1, maxLength: 6 }).map(
    (drops): Mutation =>
      (b) => {
        const lines = splitLines(b)
        for (const at of drops) if (lines.length > 0) lines.splice(at % lines.length, 1)
        return concat(lines)
      }
  )
)

describe('damaged fixtures', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s, cut, flipped, padded with junk or missing lines', async (_name, fixture) => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const damaged = mutations.reduce((b, m) => m(b), fixture.bytes)
        await expectResultOrImportError(() => parseInterviewFile(fixture.name, damaged))
      }),
      { numRuns: 60 }
    )
  })

  it('the .docx reader on its own, with damaged bytes', async () => {
    const original = fixtures.find((f) => f.name.endsWith('.docx'))?.bytes ?? new Uint8Array()
    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        await expectResultOrImportError(async () => ({ ...(await parseDocx(m(original))), encoding: 'utf-8' }))
      }),
      { numRuns: 60 }
    )
  })
})

describe('inputs built to make parsers backtrack or recurse finish quickly', () => {
  const n = 200_000
  const hostile: [string, string][] = [
    ['spaces', ' '.repeat(n)],
    ['spaces then text', `${' '.repeat(n)}x`],
    ['unclosed tags', '<'.repeat(n)],
    ['unclosed voice tags', `WEBVTT\n\n00:01.000 --> 00:02.000\n${'<v '.repeat(n / 3)}`],
    ['brackets', `Q: ${'['.repeat(n)}`],
    ['colons', `A: ${':'.repeat(n)}`],
    ['arrows', `${'-->'.repeat(n / 3)}`],
    ['entities', `WEBVTT\n\n00:01.000 --> 00:02.000\n${'&'.repeat(n)}`],
    ['one long line of words', `Lena: ${'word '.repeat(n / 5)}`],
    ['many short lines', 'Q: a?\nA: b.\n'.repeat(n / 12)],
    ['digits and colons', `${'1:'.repeat(n / 2)}`],
    ['deep XML', `<ROOT><record><transcript>${'<a>'.repeat(5000)}</transcript></record></ROOT>`],
    ['unclosed CSV quote', `timestamp,speaker,words,tags\n,DB,"${'x, '.repeat(n / 3)}`],
    ['off-record markers', '[off the record]'.repeat(n / 16)]
  ]
  it.each(hostile)('%s', async (_name, s) => {
    const started = performance.now()
    for (const name of ['x.txt', 'x.vtt', 'x.srt', 'x.csv']) await expectResultOrImportError(() => parseInterviewFile(name, encoder.encode(s)))
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
