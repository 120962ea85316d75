import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { sharedFolder } from '../support/shared'
import { tempDir } from '../support/temp'

const corpus = sharedFolder('corpus/ohd-csv', 'test/import-service/ohd-corpus.test.ts, the real OHD corpus')
const CORPUS = corpus ?? ''
const transcripts = corpus === null ? [] : (await readdir(CORPUS)).filter((f) => f.endsWith('.csv') && f !== 'filters.csv').sort()

describe.skipIf(corpus === null)('the Oral History as Data corpus with its codebook (../shared, where it exists)', () => {
  it('imports every transcript with its codes as the archive’s tags, described by filters.csv', async () => {
    const session = await openSession(await tempDir())
    try {
      const report = await session.client.call('import.files', { paths: [CORPUS] })
      expect(report.failed).toEqual([])
      expect(report.codebooks).toMatchObject([{ file: join(CORPUS, 'filters.csv') }])
      expect(report.imported).toHaveLength(transcripts.length)

      const codebook = Papa.parse<{ tag: string; description: string }>(await readFile(join(CORPUS, 'filters.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data
      const tags = await session.client.call('tags.list', {})
      const tagByName = new Map(tags.map((t) => [t.name.toLowerCase(), t]))
      for (const entry of codebook) {
        expect(tagByName.get(entry.tag.trim().toLowerCase())?.description, entry.tag).toBe(entry.description.trim())
      }

      for (const name of transcripts) {
        const imported = report.imported.find((i) => i.file.endsWith(`/${name}`))
        expect(imported, name).toBeDefined()
        if (!imported) continue
        expect(imported.format).toBe('ohd-csv')
        const { segments } = await session.client.call('transcript.get', { id: imported.interviewId })
        expect(segments.length, name).toBe(imported.segments)
        expect(segments.length, name).toBeGreaterThan(10)
        // No speaker is left as bare initials when the file names them in full, and none keeps a colon.
        for (const s of segments) expect(s.speaker, name).not.toMatch(/:$/)
        // Every code written on a row is on its segment, as one of the archive's tags.
        const tagNames = new Set(segments.flatMap((s) => s.tagIds.map((id) => tags.find((t) => t.id === id)?.name.toLowerCase())))
        const rows = Papa.parse<string[]>(await readFile(join(CORPUS, name), 'utf8'), { skipEmptyLines: true }).data.slice(1)
        const written = new Set(rows.flatMap((r) => (r[3] ?? '').split(';').map((t) => t.trim().toLowerCase()).filter(Boolean)))
        for (const code of written) expect(tagNames.has(code), `${name}: ${code}`).toBe(true)
        // Times in [hh:mm:ss] come through as seconds, in order.
        const times = segments.map((s) => s.startSeconds).filter((t): t is number => t !== null)
        expect(times.length, name).toBeGreaterThan(0)
        expect([...times].sort((a, b) => a - b), name).toEqual(times)
        // Entities are decoded; markup stays as text.
        for (const s of segments) expect(s.text, name).not.toMatch(/&#\d+;|&(amp|quot|lt|gt);/)
      }
    } finally {
      await session.close()
    }
  })
})
