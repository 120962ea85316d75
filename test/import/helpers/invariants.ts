import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect } from 'vitest'
import { ImportError, type ParsedInterview } from '../../../src/core/import/types'

/** ../shared's fixtures and corpus: they may be missing (a fresh clone); see test/support/shared.ts. */
export const FIXTURES = path.resolve(__dirname, '../../../../shared/fixtures/interviews')
export const CORPUS = path.resolve(__dirname, '../../../../shared/corpus/ohd-csv')
/** Fixtures that live beside the import tests (an OHMS export). */
export const OWN_FIXTURES = path.resolve(__dirname, '../fixtures')
/** The suite's own interviews, in every supported format (test/fixtures). */
export const OWN_STORY = path.resolve(__dirname, '../../fixtures/interviews')
export const OWN_FORMATS = path.resolve(__dirname, '../../fixtures/formats')
export const OWN_WEBVTT = path.resolve(__dirname, '../../fixtures/webvtt')

export function readBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file))
}

const FORMATS = new Set(['webvtt', 'srt', 'otter', 'notes', 'docx', 'ohd-csv', 'ohms', 'text'])

function isTime(t: unknown): boolean {
  return t === null || (typeof t === 'number' && Number.isFinite(t) && t >= 0)
}

/** What every successful import must satisfy, whatever the input. Returns a reason, or null. */
export function invariantViolation(r: ParsedInterview): string | null {
  if (!FORMATS.has(r.format)) return `format ${String(r.format)}`
  if (typeof r.encoding !== 'string' || r.encoding === '') return 'encoding'
  if (!Array.isArray(r.warnings) || !r.warnings.every((w) => typeof w === 'string')) return 'warnings'
  if (!Object.values(r.metadata).every((v) => typeof v === 'string' && v !== '')) return 'metadata'
  if (!Array.isArray(r.segments) || r.segments.length === 0) return 'no segments'
  for (const [i, s] of r.segments.entries()) {
    if (typeof s.speaker !== 'string' || s.speaker.length > 200) return `segment ${i} speaker`
    if (typeof s.text !== 'string' || s.text === '' || s.text !== s.text.trim()) return `segment ${i} text`
    if (!isTime(s.startSeconds) || !isTime(s.endSeconds)) return `segment ${i} times`
    if (typeof s.offRecord !== 'boolean') return `segment ${i} offRecord`
    if (!Array.isArray(s.tags) || !s.tags.every((t) => typeof t === 'string' && t.trim() === t && t !== '')) return `segment ${i} tags`
  }
  return null
}

/** An import either succeeds with a well-formed interview or fails with a reporter-readable ImportError. */
export async function expectResultOrImportError(run: () => Promise<ParsedInterview> | ParsedInterview): Promise<void> {
  let result: ParsedInterview
  try {
    result = await run()
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    const message = (e as ImportError).message
    expect(message.length).toBeGreaterThan(10)
    expect(message).not.toMatch(/\n\s+at /)
    return
  }
  expect(invariantViolation(result)).toBeNull()
}

/** Runs a parser and hands back its ImportError, failing the test if it succeeds or throws anything else. */
export async function importErrorOf(run: () => Promise<unknown> | unknown): Promise<ImportError> {
  try {
    await run()
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError)
    return e as ImportError
  }
  throw new Error('expected an ImportError, but the import succeeded')
}
