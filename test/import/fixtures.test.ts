// The contract: every interview in a fixture folder imports as its expected.json says. The suite's
// own folders (test/fixtures) always run; ../shared's run in addition where it exists.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { isCodebook, parseCodebook, parseInterviewFile } from '../../src/core/import'
import type { ParsedInterview, ParsedSegment } from '../../src/core/import/types'
import { timurDocx } from '../fixtures/make-docx'
import { sharedFolder } from '../support/shared'
import { OWN_FORMATS, OWN_STORY, invariantViolation, readBytes } from './helpers/invariants'

interface Check {
  index: number
  speaker?: string
  startSeconds?: number | null
  endSeconds?: number | null
  text?: string
  offRecord?: boolean
  tags?: string[]
}

export interface Expected {
  format: string
  encoding?: string
  speakers: string[]
  segments: number
  offRecordSegments?: number
  metadata?: Record<string, string>
  /** Lines the interview's notes must hold (footnotes). */
  notesInclude?: string[]
  /** Every word of the transcript, in order, once (rolling captions). */
  words?: string
  check?: Check[]
}

export interface Contract {
  files: Record<string, Expected>
  codebooks?: Record<string, number>
}

export function readContract(dir: string): Contract {
  return JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Contract
}

function describeFixtureSet(label: string, dir: string): void {
  const contract = readContract(dir)
  const files = Object.entries(contract.files)

  describe(`${label} against expected.json`, () => {
    it('covers every file in the folder, and every listed file exists', () => {
      const onDisk = readdirSync(dir)
        .filter((f) => f !== 'expected.json')
        .sort()
      expect([...Object.keys(contract.files), ...Object.keys(contract.codebooks ?? {})].sort()).toEqual(onDisk)
    })

    describe.each(files)('%s', (name, expected) => {
      let parsed: ParsedInterview | undefined
      const result = async (): Promise<ParsedInterview> => {
        parsed ??= await parseInterviewFile(name, readBytes(path.join(dir, name)))
        return parsed
      }

      it(`is read as ${expected.format}${expected.encoding ? ` in ${expected.encoding}` : ''}`, async () => {
        const r = await result()
        expect(r.format).toBe(expected.format)
        if (expected.encoding !== undefined) expect(r.encoding).toBe(expected.encoding)
        expect(invariantViolation(r)).toBeNull()
      })

      it('has the expected speakers and segment count', async () => {
        const r = await result()
        expect([...new Set(r.segments.map((s) => s.speaker))].sort()).toEqual([...expected.speakers].sort())
        expect(r.segments).toHaveLength(expected.segments)
      })

      it('flags exactly the off-the-record segments', async () => {
        const r = await result()
        expect(r.segments.filter((s) => s.offRecord)).toHaveLength(expected.offRecordSegments ?? 0)
      })

      if (expected.metadata !== undefined) {
        it('has the metadata the file gives', async () => {
          const r = await result()
          expect(r.metadata).toMatchObject(expected.metadata ?? {})
        })
      }

      if (expected.notesInclude !== undefined) {
        it('keeps its footnotes with the interview, in the notes', async () => {
          const notes = ((await result()).metadata.notes ?? '').split('\n')
          for (const line of expected.notesInclude ?? []) expect(notes).toContain(line)
        })
      }

      if (expected.words !== undefined) {
        it('has every spoken word once, in order', async () => {
          const r = await result()
          expect(r.segments.map((s) => s.text).join(' ')).toBe(expected.words)
        })
      }

      for (const check of expected.check ?? []) {
        it(`segment ${check.index} is as expected`, async () => {
          const r = await result()
          const segment = r.segments[check.index]
          expect(segment).toBeDefined()
          const { index: _index, ...fields } = check
          const actual: Partial<ParsedSegment> = {}
          for (const key of Object.keys(fields) as (keyof typeof fields)[]) {
            ;(actual as Record<string, unknown>)[key] = segment?.[key]
          }
          expect(actual).toEqual(fields)
        })
      }
    })

    for (const [name, tags] of Object.entries(contract.codebooks ?? {})) {
      it(`${name} is a codebook of ${tags} tags, not a transcript`, () => {
        const bytes = readBytes(path.join(dir, name))
        expect(isCodebook(name, bytes)).toBe(true)
        expect(parseCodebook(bytes)).toHaveLength(tags)
      })
    }

    it('finds the same format when the file name says nothing', async () => {
      for (const [name, expected] of files) {
        const r = await parseInterviewFile('upload.bin', readBytes(path.join(dir, name)))
        expect(r.format, name).toBe(expected.format)
        expect(r.segments, name).toHaveLength(expected.segments)
      }
    })
  })
}

describeFixtureSet('test/fixtures/interviews', OWN_STORY)
describeFixtureSet('test/fixtures/formats', OWN_FORMATS)

it('the committed Word fixture is what test/fixtures/make-docx.ts builds', () => {
  expect(Buffer.from(readBytes(path.join(OWN_STORY, 'timur-akhmetov.docx'))).equals(Buffer.from(timurDocx()))).toBe(true)
})

const shared = sharedFolder('fixtures/interviews', 'test/import/fixtures.test.ts, ../shared/fixtures/interviews')
describe.skipIf(shared === null)('../shared/fixtures/interviews, where ../shared exists', () => {
  if (shared === null) it('is not in this checkout', () => undefined)
  else describeFixtureSet('../shared/fixtures/interviews', shared)
})
