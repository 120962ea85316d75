// Files someone else made are a weapon: a Word document that inflates to gigabytes, a file that
// would make millions of segments, one that exhausts memory or keeps a parser busy. Each fails
// alone, named in the report, the batch goes on, and the archive keeps only what came in whole.
// Memory follows one file, not the batch: files are read, parsed and saved one at a time.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contract } from '../../src/shared/api/contract'
import { importFiles, importPaths, type IncomingFile } from '../../src/core/service/import'
import { openSession } from '../../src/core/session'
import { bombDocx } from '../import/helpers/docx-builder'
import { OWN_FIXTURES } from '../support/shared'
import { tempDir } from '../support/temp'

const DANA = join(OWN_FIXTURES, 'interviews', 'dana-kz.txt')
/** The import worker's usual time for a file: what isolate.ts's DEFAULT_LIMITS give. */
const usualTime = (bytes: number): number => 60_000 + Math.ceil(bytes / 1048576) * 1000

async function folderWith(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await tempDir()
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
  await writeFile(join(dir, 'zz-dana.txt'), await readFile(DANA))
  return dir
}

describe('hostile files fail alone', () => {
  it('refuses Word documents that inflate to hundreds of megabytes, honest or lying about it, in moments; the rest of the batch comes in', async () => {
    const dir = await folderWith({ 'bomb.docx': await bombDocx(300 * 1024 * 1024), 'liar.docx': await bombDocx(300 * 1024 * 1024, true) })
    const session = await openSession(await tempDir())
    try {
      const report = await session.client.call('import.files', { paths: [dir] })
      expect(report.failed.map((f) => f.file)).toEqual([join(dir, 'bomb.docx'), join(dir, 'liar.docx')])
      expect(report.failed[0]?.error).toMatch(/would unpack to 300 MB .*zip bomb/)
      expect(report.failed[1]?.error).toMatch(/unpacks to more than the 4 KB it declares.*zip bomb/)
      expect(report.imported.map((i) => i.file)).toEqual([join(dir, 'zz-dana.txt')])
      expect(await session.client.call('interviews.list', {})).toHaveLength(1)
    } finally {
      await session.close()
    }
  }, 60_000)

  it('caps the segments one file may make', async () => {
    const dir = await folderWith({ 'paragraphs.txt': 'w\n\n'.repeat(210_000) })
    const session = await openSession(await tempDir())
    try {
      const report = await session.client.call('import.files', { paths: [dir] })
      expect(report.failed).toEqual([{ file: join(dir, 'paragraphs.txt'), error: expect.stringMatching(/more than 200,000 transcript segments/) }])
      expect(report.imported).toHaveLength(1)
    } finally {
      await session.close()
    }
  }, 60_000)

  it('splits a file that is one gigantic line into passages the archive takes, keeping every character', async () => {
    const words = 'word '.repeat(1_000_000).trimEnd()
    const solid = 'x'.repeat(5_000_000)
    const dir = await folderWith({ 'words.txt': words, 'solid.txt': solid })
    const session = await openSession(await tempDir())
    try {
      const started = performance.now()
      const report = await session.client.call('import.files', { paths: [dir] })
      expect(performance.now() - started).toBeLessThan(30_000)
      expect(report.failed).toEqual([])
      for (const [name, text] of [
        ['words.txt', words],
        ['solid.txt', solid]
      ] as const) {
        const got = report.imported.find((i) => i.file === join(dir, name))
        expect(got?.warnings.join(' '), name).toMatch(/split into parts of at most 200,000 characters/)
        const { segments } = await session.client.call('transcript.get', { id: got?.interviewId ?? '' })
        expect(Math.max(...segments.map((s) => s.text.length)), name).toBeLessThanOrEqual(200_000)
        // Compared as a boolean: a failure must not print five megabytes.
        expect(segments.map((s) => s.text).join(name === 'solid.txt' ? '' : ' ') === text, name).toBe(true)
      }
      expect(report.imported).toHaveLength(3)
    } finally {
      await session.close()
    }
  }, 60_000)

  it('stops a file that needs more memory than an import may use; the next file imports with a fresh worker', async () => {
    const rows = ['timestamp,speaker,words,tags']
    for (let i = 0; i < 190_000; i++) rows.push(`[00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}],S${i % 7},word ${i} here,t${i % 13};x`)
    const dir = await folderWith({ 'rows.csv': `${rows.join('\n')}\n` })
    const session = await openSession(await tempDir())
    try {
      // A 48 MB heap stands in for the real limit: a 7 MB file of 190,000 rows needs more than that.
      const report = await importPaths(session.store, [dir], false, { memoryMb: 48, timeMs: usualTime })
      expect(report.failed).toEqual([{ file: join(dir, 'rows.csv'), error: expect.stringMatching(/needed more than the 48 MB of memory an import may use/) }])
      expect(report.imported.map((i) => i.file)).toEqual([join(dir, 'zz-dana.txt')])
    } finally {
      await session.close()
    }
  }, 60_000)

  it('stops a file that takes longer than its time; only a parse off the app’s thread can be stopped, and the batch goes on', async () => {
    const cues: string[] = ['WEBVTT', '']
    for (let i = 0; i < 40_000; i++) cues.push(`00:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.000 --> 00:00:59.000`, `<v Speaker ${i % 3}>Words of cue ${i}, spoken slowly.`, '')
    const dir = await folderWith({ 'long.vtt': cues.join('\n') })
    const session = await openSession(await tempDir())
    try {
      // Files over 1 MB get 50 ms here, the rest the usual time.
      const report = await importPaths(session.store, [dir], false, { memoryMb: 1024, timeMs: (bytes: number) => (bytes > 1_000_000 ? 50 : usualTime(bytes)) })
      expect(report.failed).toEqual([{ file: join(dir, 'long.vtt'), error: expect.stringMatching(/^Reading this file took longer than 0\.1 s, so it was stopped/) }])
      expect(report.imported.map((i) => i.file)).toEqual([join(dir, 'zz-dana.txt')])
    } finally {
      await session.close()
    }
  }, 60_000)
})

describe('memory follows one file, not the batch', () => {
  it('reads each file only once the ones before it are saved (one file of read-ahead)', async () => {
    const session = await openSession(await tempDir())
    const reads: number[] = []
    try {
      const files: IncomingFile[] = Array.from({ length: 6 }, (_, i) => {
        const bytes = new TextEncoder().encode(`Notes ${i}\n\nQ: Question number ${i}?\nA: Answer number ${i}.\n`)
        return {
          label: `f${i}.txt`,
          name: `f${i}.txt`,
          size: bytes.length,
          head: async (n) => bytes.slice(0, n),
          read: async () => {
            reads.push(session.store.index.interviews.length)
            return bytes.slice()
          }
        }
      })
      const report = await importFiles(session.store, files, { allowDuplicate: false })
      expect(report.imported).toHaveLength(6)
      // When file i is read, files 0 … i-2 are already in the archive.
      expect(reads).toEqual([0, 0, 1, 2, 3, 4])
    } finally {
      await session.close()
    }
  })

  it('takes one file’s worth of bytes per upload request, so the host holds one such body at a time', () => {
    const schema = contract['import.upload'].input
    const oneFile = 'A'.repeat(40 * 1024 * 1024)
    expect(schema.safeParse({ files: [{ name: 'a.txt', data: oneFile }] }).success).toBe(true)
    const two = schema.safeParse({ files: [{ name: 'a.txt', data: oneFile }, { name: 'b.txt', data: oneFile }] })
    expect(two.success).toBe(false)
    expect(JSON.stringify(two.error?.issues)).toMatch(/one file per call/)
  })
})

describe('titles', () => {
  it('names a file with no title of its own after the file, not after whoever speaks most', async () => {
    const dir = await tempDir()
    const cues = ['WEBVTT', '', '00:00.000 --> 00:05.000', '<v Mayor>We will fix the pipes this summer, I promise you that.', '', '00:05.000 --> 00:07.000', '<v Reporter>When?', '', '00:07.000 --> 00:15.000', '<v Mayor>Before the end of August, and the budget is already approved by the council.']
    await writeFile(join(dir, 'council-meeting-2023-06.vtt'), cues.join('\n'))
    const session = await openSession(await tempDir())
    try {
      const report = await session.client.call('import.files', { paths: [dir] })
      expect(report.imported).toMatchObject([{ title: 'council-meeting-2023-06', speakers: ['Mayor', 'Reporter'] }])
      expect((await session.client.call('interviews.list', {}))[0]?.title).toBe('council-meeting-2023-06')
    } finally {
      await session.close()
    }
  })
})
