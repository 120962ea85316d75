// The contract: every interview in shared/fixtures imports as expected.json says.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import type { ParsedInterview, ParsedSegment } from '../../src/core/import/types'
import { FIXTURES, invariantViolation, readBytes } from './helpers/invariants'

interface Check {
  index: number
  speaker?: string
  startSeconds?: number | null
  endSeconds?: number | null
  text?: string
  offRecord?: boolean
}

interface Expected {
  format: string
  speakers: string[]
  segments: number
  offRecordSegments?: number
  metadata?: Record<string, string>
  check?: Check[]
}

const contract = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as { files: Record<string, Expected> }
const files = Object.entries(contract.files)

describe('shared/fixtures/interviews against expected.json', () => {
  it('covers every fixture file, and every listed file exists', () => {
    const onDisk = readdirSync(FIXTURES)
      .filter((f) => f !== 'expected.json')
      .sort()
    expect(Object.keys(contract.files).sort()).toEqual(onDisk)
  })

  describe.each(files)('%s', (name, expected) => {
    let parsed: ParsedInterview | undefined
    const result = async (): Promise<ParsedInterview> => {
      parsed ??= await parseInterviewFile(name, readBytes(path.join(FIXTURES, name)))
      return parsed
    }

    it(`is read as ${expected.format}`, async () => {
      const r = await result()
      expect(r.format).toBe(expected.format)
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

  it('reads the Windows-1251 notes as Windows-1251 and the rest as UTF-8', async () => {
    const encodings: Record<string, string> = {}
    for (const [name] of files) {
      encodings[name] = (await parseInterviewFile(name, readBytes(path.join(FIXTURES, name)))).encoding
    }
    expect(encodings['olga-kravets-ru-cp1251.txt']).toBe('windows-1251')
    expect(encodings['saule-bekova.srt']).toBe('utf-8')
    expect(encodings['dana-kz.txt']).toBe('utf-8')
  })

  it('finds the same format when the file name says nothing', async () => {
    for (const [name, expected] of files) {
      const r = await parseInterviewFile('upload.bin', readBytes(path.join(FIXTURES, name)))
      expect(r.format, name).toBe(expected.format)
      expect(r.segments, name).toHaveLength(expected.segments)
    }
  })
})
