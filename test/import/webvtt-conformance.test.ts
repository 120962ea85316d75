// WebVTT files of our own, one per rule of the W3C file parsing algorithm that the
// web-platform-tests suite webvtt/parsing/file-parsing checks (test/fixtures/webvtt): every cue a
// browser shows comes through, in order, with its times; no header, timing, identifier, NOTE,
// STYLE or REGION text becomes words; a cue whose timing line is malformed is left out with a
// warning naming its line, and the rest of the file still comes in.
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import { ImportError } from '../../src/core/import/types'
import { OWN_WEBVTT, invariantViolation, readBytes } from './helpers/invariants'

interface Cue {
  start: number
  end: number | null
  text: string
  speaker?: string
}

interface Rule {
  rule: string
  cues?: Cue[]
  fails?: string
  dropped?: number[]
  notWords?: string[]
  language?: string
}

const { files } = JSON.parse(readFileSync(path.join(OWN_WEBVTT, 'expected.json'), 'utf8')) as { files: Record<string, Rule> }

it('every file in test/fixtures/webvtt has its rule, and every rule its file', () => {
  expect(Object.keys(files).sort()).toEqual(
    readdirSync(OWN_WEBVTT)
      .filter((f) => f.endsWith('.vtt'))
      .sort()
  )
})

describe.each(Object.entries(files))('%s', (name, rule) => {
  const bytes = (): Uint8Array => readBytes(path.join(OWN_WEBVTT, name))

  if (rule.fails !== undefined) {
    it(`imports nothing: ${rule.rule}`, async () => {
      const error = await parseInterviewFile(name, bytes()).then(
        () => null,
        (e: unknown) => e
      )
      expect(error).toBeInstanceOf(ImportError)
      expect((error as ImportError).message).toMatch(rule.fails ?? '')
    })
    return
  }

  it(rule.rule, async () => {
    const r = await parseInterviewFile(name, bytes())
    expect(r.format).toBe('webvtt')
    expect(invariantViolation(r)).toBeNull()
    expect(
      r.segments.map((s) => ({ start: s.startSeconds, end: s.endSeconds, text: s.text, ...(rule.cues?.some((c) => c.speaker !== undefined) ? { speaker: s.speaker } : {}) }))
    ).toEqual(rule.cues)
    for (const text of rule.notWords ?? []) {
      for (const s of r.segments) expect(s.text, `"${text}" must not be words`).not.toContain(text)
    }
    for (const s of r.segments) expect(s.text).not.toContain('-->')
    const named = r.warnings.flatMap((w) => (/^Line (\d+): (?:the cue timing|".*" looks like a cue timing line)/.exec(w) ?? []).slice(1, 2).map(Number))
    expect(named, 'the lines of the cues left out').toEqual(rule.dropped ?? [])
    if (rule.language !== undefined) expect(r.metadata.language).toBe(rule.language)
  })
})
