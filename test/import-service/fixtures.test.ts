import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { SHARED, tempDir } from '../support/temp'

const FIXTURES = join(SHARED, 'fixtures/interviews')

interface Expected {
  files: Record<
    string,
    {
      format: string
      speakers: string[]
      segments: number
      offRecordSegments?: number
      metadata?: Record<string, string>
      check: Array<{ index: number; speaker?: string; text?: string; startSeconds?: number; endSeconds?: number; offRecord?: boolean }>
    }
  >
}

const expected = JSON.parse(await readFile(join(FIXTURES, 'expected.json'), 'utf8')) as Expected

describe('importing the reporter’s seven files into an archive', () => {
  it('brings every file in whole, as expected.json says', async () => {
    const session = await openSession(await tempDir())
    try {
      // expected.json is the contract, not an interview: the seven files are named one by one.
      const report = await session.client.call('import.files', { paths: Object.keys(expected.files).map((f) => join(FIXTURES, f)) })
      expect(report.failed).toEqual([])
      expect(report.imported.map((i) => i.file.split('/').pop()).sort()).toEqual(Object.keys(expected.files).sort())

      for (const [name, want] of Object.entries(expected.files)) {
        const got = report.imported.find((i) => i.file.endsWith(`/${name}`))
        expect(got, name).toBeDefined()
        if (!got) continue
        expect(got.format, name).toBe(want.format)
        expect([...got.speakers].sort(), name).toEqual([...want.speakers].sort())
        expect(got.segments, name).toBe(want.segments)

        const interview = await session.client.call('interviews.get', { id: got.interviewId })
        for (const [field, value] of Object.entries(want.metadata ?? {})) expect(interview[field as keyof typeof interview], `${name} ${field}`).toBe(value)
        expect(interview.format).toBe(want.format)

        const { segments } = await session.client.call('transcript.get', { id: got.interviewId })
        expect(segments, name).toHaveLength(want.segments)
        if (want.offRecordSegments !== undefined) expect(segments.filter((s) => s.offRecord), name).toHaveLength(want.offRecordSegments)
        for (const { index, ...fields } of want.check) {
          expect(segments[index], `${name} #${index}`).toMatchObject(fields)
        }
        // Every labelled segment points at its speaker's source, under their name or an alias
        // (Лена Моретти in the Russian notes is Lena Moretti).
        for (const s of segments.filter((s) => s.speaker)) {
          const source = await session.client.call('sources.get', { id: s.sourceId ?? 'none' })
          expect([source.name, ...source.aliases]).toContain(s.speaker)
        }
      }

      // Lena Moretti interviewed in five files: one source, not five.
      const sources = await session.client.call('sources.list', {})
      expect(sources.filter((s) => s.name === 'Lena Moretti')).toHaveLength(1)
    } finally {
      await session.close()
    }
  })

  it('notices a file it already has, and imports a copy only when asked', async () => {
    const session = await openSession(await tempDir())
    const file = join(FIXTURES, 'saule-bekova.srt')
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
      expect(await readFile(join(dir, 'archive.json'), 'utf8')).toBe(before)
      expect(await readdir(join(dir, 'interviews'))).toEqual([])

      const mixed = await session.client.call('import.files', { paths: [join(bad, 'empty.txt'), join(FIXTURES, 'dana-kz.txt'), join(bad, 'missing.txt')] })
      expect(mixed.imported).toHaveLength(1)
      expect(mixed.failed).toHaveLength(2)
      expect(mixed.failed.find((f) => f.file.endsWith('missing.txt'))?.error).toContain('does not exist')
    } finally {
      await session.close()
    }
  })
})
