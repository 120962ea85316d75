// Parse throughput of the importers, per format, on generated files: in the app's own thread
// (parseInterviewFile) and through the import worker the app uses (parseIsolated, transfer
// included), beside the yardstick of reading the same bytes and decoding them as UTF-8. No
// archive and no save: this is the parse cost alone. `npx tsx bench/parse.ts [MB]`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseInterviewFile } from '../src/core/import'
import { parseIsolated, stopImportWorker } from '../src/core/import/isolate'
import { generateInterview } from './generate'
import type { BenchRow } from './table'

const MB = 1024 * 1024

/** One file of about `megabytes` MB in generated interview `kind` (0 VTT, 1 SRT, 2 notes, 3 CSV), made of many interviews joined. */
export function bigFile(kind: number, megabytes: number): { name: string; bytes: Uint8Array } {
  const parts: string[] = []
  let size = 0
  let name = ''
  for (let i = kind; size < megabytes * MB; i += 4) {
    const g = generateInterview(i, 10_000)
    name = g.name.replace(/-\d+\./, '.')
    let text = g.text
    if (parts.length > 0 && kind === 0) text = text.replace(/^WEBVTT\n\n/, '')
    if (parts.length > 0 && kind === 3) text = text.slice(text.indexOf('\n') + 1)
    parts.push(text)
    size += text.length
  }
  return { name, bytes: new TextEncoder().encode(parts.join(kind === 1 ? '\r\n\r\n' : '\n')) }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0

async function timed(run: () => Promise<unknown>, repeats: number): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now()
    await run()
    times.push(performance.now() - t0)
  }
  return median(times)
}

export async function runParseBench({ megabytes = 20, repeats = 3 } = {}): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'verbatim-parse-bench-'))
  const rows: BenchRow[] = []
  try {
    // Warm the worker so its start (loading the readers once) is not counted as parsing.
    await parseIsolated('warm.vtt', new TextEncoder().encode('WEBVTT\n\n00:01.000 --> 00:02.000\nwarm'))
    for (let kind = 0; kind < 4; kind++) {
      const { name, bytes } = bigFile(kind, megabytes)
      const path = join(dir, name)
      await writeFile(path, bytes)
      const size = bytes.length / MB
      const yardstick = await timed(async () => new TextDecoder().decode(await readFile(path)), repeats)
      const inThread = await timed(async () => parseInterviewFile(name, new Uint8Array(await readFile(path))), repeats)
      const isolated = await timed(async () => parseIsolated(name, new Uint8Array(await readFile(path))), repeats)
      const rate = (ms: number): string => `${(size / (ms / 1000)).toFixed(1)} MB/s`
      rows.push({
        what: `parse ${name.split('.').pop()} (${size.toFixed(0)} MB), on the import worker`,
        verbatim: rate(isolated),
        yardstick: `read + UTF-8 decode: ${rate(yardstick)}`,
        ratio: `${(yardstick / isolated).toFixed(2)}x`,
        goal: '≥ 20 MB/s',
        met: size / (isolated / 1000) >= 20,
        note: `in the app's thread: ${rate(inThread)}`
      })
    }
  } finally {
    await stopImportWorker()
    await rm(dir, { recursive: true, force: true })
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await runParseBench({ megabytes: Number(process.argv[2] ?? 20) })
  for (const r of rows) console.log(`${r.what.padEnd(44)} ${r.verbatim.padStart(11)}   ${r.note ?? ''}   yardstick ${r.yardstick ?? ''}`)
}
