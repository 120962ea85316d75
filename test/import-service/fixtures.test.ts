import { readFile, readdir, writeFile } from 'node:fs/promises'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { OWN_FIXTURES, sharedFolder } from '../support/shared'
import { tempDir } from '../support/temp'

interface Expected {
  files: Record<
    string,
    {
      format: string
      encoding?: string
      title?: string
      speakers: string[]
      segments: number
      offRecordSegments?: number
      metadata?: Record<string, string>
      check: Array<{ index: number; speaker?: string; text?: string; startSeconds?: number | null; endSeconds?: number | null; offRecord?: boolean; tags?: string[] }>
    }
  >
  codebooks?: Record<string, number>
}

const STORY = join(OWN_FIXTURES, 'interviews')
const FORMATS = join(OWN_FIXTURES, 'formats')

/** Imports a fixture folder through the API and checks each interview, its transcript and its sources against expected.json. */
function importsAsExpected(label: string, dir: string): void {
  it(`brings every file of ${label} in whole, as expected.json says`, async () => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Expected
    const session = await openSession(await tempDir())
    try {
      // expected.json is the contract, not an interview: the files are named one by one.
      const names = [...Object.keys(expected.files), ...Object.keys(expected.codebooks ?? {})]
      const report = await session.client.call('import.files', { paths: names.map((f) => join(dir, f)) })
      expect(report.failed).toEqual([])
      expect(report.imported.map((i) => i.file.split('/').pop()).sort()).toEqual(Object.keys(expected.files).sort())
      expect(report.codebooks.map((c) => [c.file.split('/').pop(), c.tags])).toEqual(Object.entries(expected.codebooks ?? {}))

      for (const [name, want] of Object.entries(expected.files)) {
        const got = report.imported.find((i) => i.file.endsWith(`/${name}`))
        expect(got, name).toBeDefined()
        if (!got) continue
        expect(got.format, name).toBe(want.format)
        if (want.encoding !== undefined) expect(got.encoding, name).toBe(want.encoding)
        expect([...got.speakers].sort(), name).toEqual(want.speakers.filter((s) => s !== '').sort())
        expect(got.segments, name).toBe(want.segments)

        const interview = await session.client.call('interviews.get', { id: got.interviewId })
        if (want.title !== undefined) expect(interview.title, `${name} title`).toBe(want.title)
        // The interview record keeps these details; the interviewee becomes the title or a source.
        for (const field of ['date', 'place', 'interviewer', 'language', 'recordingFile'] as const) {
          const value = want.metadata?.[field]
          if (value !== undefined) expect(interview[field], `${name} ${field}`).toBe(value)
        }
        expect(interview.format).toBe(want.format)

        const { segments } = await session.client.call('transcript.get', { id: got.interviewId })
        expect(segments, name).toHaveLength(want.segments)
        expect(segments.filter((s) => s.offRecord), name).toHaveLength(want.offRecordSegments ?? 0)
        for (const { index, tags, ...fields } of want.check) {
          expect(segments[index], `${name} #${index}`).toMatchObject(fields)
          if (tags !== undefined) {
            const names = await Promise.all((segments[index]?.tagIds ?? []).map(async (id) => (await session.client.call('tags.get', { id })).name))
            expect(names, `${name} #${index} tags`).toEqual(tags)
          }
        }
        // Every labelled segment points at its speaker's source, under their name or an alias
        // (Лена Моретти in the Russian notes is Lena Moretti).
        for (const s of segments.filter((s) => s.speaker)) {
          const source = await session.client.call('sources.get', { id: s.sourceId ?? 'none' })
          expect([source.name, ...source.aliases]).toContain(s.speaker)
        }
      }

      // The interviewer of many files is one source, not one per file.
      const sources = await session.client.call('sources.list', {})
      for (const name of ['Lena Moretti', 'Лена Моретти']) expect(sources.filter((s) => s.name === name).length).toBeLessThanOrEqual(1)
    } finally {
      await session.close()
    }
  })
}

describe('importing the suite’s own fixtures into an archive', () => {
  importsAsExpected('test/fixtures/interviews', STORY)
  importsAsExpected('test/fixtures/formats', FORMATS)

  it('describes the tags a transcript brings with the codebook found beside it', async () => {
    const session = await openSession(await tempDir())
    try {
      const report = await session.client.call('import.files', { paths: [FORMATS] })
      expect(report.failed).toEqual([])
      expect(report.codebooks).toEqual([{ file: join(FORMATS, 'filters.csv'), tags: 9 }])
      const tags = await session.client.call('tags.list', {})
      expect(tags.find((t) => t.name === 'newsroom')?.description).toBe('Life inside an editorial office')
      expect(tags.find((t) => t.name === 'carreer')).toBeDefined()
    } finally {
      await session.close()
    }
  })

  it('notices a file it already has, and imports a copy only when asked', async () => {
    const session = await openSession(await tempDir())
    const file = join(STORY, 'saule-bekova.srt')
    try {
      const first = await session.client.call('import.files', { paths: [file] })
      const again = await session.client.call('import.files', { paths: [file] })
      expect(again.imported).toEqual([])
      expect(again.skipped).toMatchObject([{ file, interviewId: first.imported[0]?.interviewId, reason: expect.stringContaining('Already imported') }])
      const copy = await session.client.call('import.files', { paths: [file], allowDuplicate: true })
      expect(copy.imported).toHaveLength(1)
      expect(copy.imported[0]?.interviewId).not.toBe(first.imported[0]?.interviewId)
    } finally {
      await session.close()
    }
  })

  it('imports the same bytes twice in one batch only once', async () => {
    const dir = await tempDir()
    const bytes = await readFile(join(STORY, 'dana-kz.txt'))
    await writeFile(join(dir, 'a.txt'), bytes)
    await writeFile(join(dir, 'b.txt'), bytes)
    const session = await openSession(await tempDir())
    try {
      const report = await session.client.call('import.files', { paths: [dir] })
      expect(report.imported.map((i) => i.file)).toEqual([join(dir, 'a.txt')])
      expect(report.skipped).toMatchObject([{ file: join(dir, 'b.txt'), interviewId: report.imported[0]?.interviewId, reason: expect.stringContaining('Already imported') }])
    } finally {
      await session.close()
    }
  })

  it('leaves the archive exactly as it was when a file fails, and goes on with the batch', async () => {
    const dir = await tempDir()
    const bad = await tempDir()
    await writeFile(join(bad, 'empty.txt'), '')
    await writeFile(join(bad, 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]))
    await writeFile(join(bad, 'broken.vtt'), 'WEBVTT\n\n00:00:xx.000 --> 00:00:05.000\n<v A>hello\n')
    await writeFile(join(bad, 'fake.docx'), 'PK\u0003\u0004 this is not really a zip')
    await writeFile(join(bad, 'no-words.csv'), 'timestamp,speaker,tags\n[00:00:01],AB,x\n')
    const session = await openSession(dir)
    try {
      const before = await readFile(join(dir, 'archive.json'), 'utf8')
      const report = await session.client.call('import.files', { paths: [bad] })
      expect(report.imported).toEqual([])
      expect(report.failed.map((f) => f.file.split('/').pop()).sort()).toEqual(['broken.vtt', 'empty.txt', 'fake.docx', 'no-words.csv', 'photo.png'])
      for (const f of report.failed) {
        expect(f.error.length, f.file).toBeGreaterThan(10)
        expect(f.error, f.file).not.toMatch(/\n\s+at /)
      }
      expect(report.failed.find((f) => f.file.endsWith('broken.vtt'))?.error).toMatch(/line \d+/)
      expect(report.failed.find((f) => f.file.endsWith('fake.docx'))?.error).toMatch(/damaged Word document/)
      expect(await readFile(join(dir, 'archive.json'), 'utf8')).toBe(before)
      expect(await readdir(join(dir, 'interviews'))).toEqual([])

      const mixed = await session.client.call('import.files', { paths: [join(bad, 'empty.txt'), join(STORY, 'dana-kz.txt'), join(bad, 'missing.txt')] })
      expect(mixed.imported).toHaveLength(1)
      expect(mixed.failed).toHaveLength(2)
      expect(mixed.failed.find((f) => f.file.endsWith('missing.txt'))?.error).toContain('does not exist')
    } finally {
      await session.close()
    }
  })
})

const shared = sharedFolder('fixtures/interviews', 'test/import-service/fixtures.test.ts, ../shared/fixtures/interviews')
describe.skipIf(shared === null || !existsSync(join(shared, 'expected.json')))('../shared/fixtures/interviews, where ../shared exists', () => {
  if (shared === null) it('is not in this checkout', () => undefined)
  else importsAsExpected('../shared/fixtures/interviews', shared)
})
