// PLACEHOLDER until the archive bench lands (it will be replaced on merge): today's import and edit
// figures from bench/import.ts, on a small import so that `npm run bench` stays within its time.
import type { BenchRow } from './table'
import { runImportBench } from './import'

export async function archiveBench(opts: { sizes: number[]; seed: number; workDir: string }): Promise<BenchRow[]> {
  void opts
  const files = 100
  const r = await runImportBench({ files, words: 2000 })
  return [
    {
      what: `import ${files} generated transcripts of about 2,000 words (VTT, SRT, Markdown, CSV) into a new archive`, size: files,
      verbatim: `${r.megabytesPerSecond.toFixed(2)} MB/s (${r.seconds.toFixed(1)} s, ${r.failed} failed)`, goal: '≥ 20 MB/s', met: r.megabytesPerSecond >= 20
    },
    {
      what: `one edit afterwards (archive.json ${r.indexFileMegabytes.toFixed(2)} MB): median / p95`, size: files,
      verbatim: `${r.editMedianMs.toFixed(1)} ms / ${r.editP95Ms.toFixed(1)} ms`, goal: 'p95 < 5 ms', met: r.editP95Ms < 5
    }
  ]
}
