import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openSession } from '../src/core/session'
import { generateInterview } from './generate'

export interface ImportBenchResult {
  files: number
  megabytes: number
  seconds: number
  filesPerSecond: number
  megabytesPerSecond: number
  failed: number
  /** One small edit (a tag rename) on the archive the import made. */
  editMedianMs: number
  editP95Ms: number
  indexFileMegabytes: number
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0

/** Imports `files` generated transcripts of about `words` words through the real API into a new archive. */
export async function runImportBench({ files = 1000, words = 10_000 } = {}): Promise<ImportBenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'verbatim-bench-'))
  const input = join(root, 'input')
  const archive = join(root, 'archive')
  try {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(input)
    let bytes = 0
    for (let i = 0; i < files; i++) {
      const { name, text } = generateInterview(i, words)
      await writeFile(join(input, name), text)
      bytes += Buffer.byteLength(text)
    }
    const session = await openSession(archive)
    const started = performance.now()
    const report = await session.client.call('import.files', { paths: [input] })
    const seconds = (performance.now() - started) / 1000

    const tag = await session.client.call('tags.create', { name: 'bench' })
    const edits: number[] = []
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now()
      await session.client.call('tags.update', { id: tag.id, patch: { description: `edit ${i}` } })
      edits.push(performance.now() - t0)
    }
    await session.close()
    const indexBytes = (await stat(join(archive, 'archive.json'))).size
    return {
      files,
      megabytes: bytes / 1e6,
      seconds,
      filesPerSecond: report.imported.length / seconds,
      megabytesPerSecond: bytes / 1e6 / seconds,
      failed: report.failed.length,
      editMedianMs: percentile(edits, 0.5),
      editP95Ms: percentile(edits, 0.95),
      indexFileMegabytes: indexBytes / 1e6
    }
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}
