import { describe, expect, it } from 'vitest'
import { inert, inertText } from '../../src/cli/output'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

/** What a hostile file can put in a title, a speaker or a transcript's words. */
const ESC = '\u001b'
const hostile = {
  title: `Mayor${ESC}[2J${ESC}]0;pwned\u0007 \u202eevil\u202c`,
  speaker: `Lena${ESC}[31m\rMoretti`,
  text: `We met at noon.\u009b31m Then${ESC}[1A\u2066hidden\u2069 left.\u0000`
}
/** Anything a terminal would act on: C0 but newline and tab, DEL, C1, bidi embeddings/overrides/isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/

async function hostileArchive(): Promise<{ archive: string; id: string }> {
  const archive = await tempDir()
  const input = {
    title: hostile.title,
    segments: [{ speaker: hostile.speaker, text: hostile.text, startSeconds: 0, endSeconds: 5, offRecord: false, tagIds: [] }]
  }
  const created = await verbatim(['call', 'interviews.create', JSON.stringify(input), '--archive', archive])
  expect(created.code).toBe(0)
  const { id } = JSON.parse(created.stdout) as { id: string }
  const transcript = JSON.parse((await verbatim(['call', 'transcript.get', JSON.stringify({ id }), '--archive', archive])).stdout) as {
    segments: { id: string }[]
  }
  const segmentId = transcript.segments[0]?.id as string
  const quote = { interviewId: id, start: { segmentId, offset: 0 }, end: { segmentId, offset: hostile.text.length }, text: hostile.text, tagIds: [] }
  expect((await verbatim(['call', 'quotes.create', JSON.stringify(quote), '--archive', archive])).code).toBe(0)
  return { archive, id }
}

describe('text that reaches a terminal is inert', () => {
  it('escapes every control character a field can hold', () => {
    expect(inert(`a${ESC}[31mb\u0007c\rd\ne\tf`)).toBe('a\\x1b[31mb\\x07c\\rd\\ne\\tf')
    expect(inert('\u009b \u202e \u2066 \u007f')).toBe('\\x9b \\u202e \\u2066 \\x7f')
    expect(inertText('line one\nline\ttwo\u0007')).toBe('line one\nline\ttwo\\x07')
    // Ordinary text in any script passes untouched.
    const plain = 'Хабар первым стал — Сұхбаттасушы: «да» 😀 עברית'
    expect(inert(plain)).toBe(plain)
  })

  it('in human-readable output: interviews, transcript, quotes, search', async () => {
    const { archive, id } = await hostileArchive()
    for (const args of [['interviews'], ['transcript', id], ['quotes'], ['search', 'noon']]) {
      const r = await verbatim([...args, '--archive', archive])
      expect(r.code, args[0]).toBe(0)
      expect(r.stdout, args[0]).not.toMatch(ACTIVE)
      expect(r.stdout.length, args[0]).toBeGreaterThan(0)
    }
    const transcript = await verbatim(['transcript', id, '--archive', archive])
    expect(transcript.stdout).toContain('Mayor\\x1b[2J\\x1b]0;pwned\\x07 \\u202eevil\\u202c')
    expect(transcript.stdout).toContain('Lena\\x1b[31m\\rMoretti')
    expect(transcript.stdout).toContain('We met at noon.\\x9b31m Then\\x1b[1A\\u2066hidden\\u2069 left.\\x00')
  })

  it('in error messages that repeat what the user gave', async () => {
    const r = await verbatim([`frobnicate${ESC}[2J`])
    expect(r.code).not.toBe(0)
    expect(r.stderr).not.toMatch(ACTIVE)
    expect(r.stderr).toContain('\\x1b[2J')
  })

  it('in JSON output, which still parses to exactly what the archive holds', async () => {
    const { archive, id } = await hostileArchive()
    const r = await verbatim(['transcript', id, '--archive', archive, '--json'])
    expect(r.stdout).not.toMatch(ACTIVE)
    const parsed = JSON.parse(r.stdout) as { title: string; segments: { speaker: string; text: string }[] }
    expect(parsed.title).toBe(hostile.title)
    expect(parsed.segments[0]).toMatchObject({ speaker: hostile.speaker, text: hostile.text })
  })
})
