// `npm run bench`: speed and memory figures, printed, never asserted (tests are not timed).
// Sizes: VERBATIM_BENCH_FILES / VERBATIM_BENCH_WORDS for the import, VERBATIM_BENCH_INTERVIEWS for search.
import { runImportBench } from './import'
import { runSearchBench } from './search'

const fmt = (n: number, digits = 1) => n.toFixed(digits)

async function main(): Promise<void> {
  const files = Number(process.env.VERBATIM_BENCH_FILES ?? 1000)
  const words = Number(process.env.VERBATIM_BENCH_WORDS ?? 10_000)
  console.log(`Import: ${files} generated transcripts of about ${words} words (VTT, SRT, Markdown notes, OHD CSV)…`)
  const r = await runImportBench({ files, words })
  console.log(
    `  ${r.files} files, ${fmt(r.megabytes)} MB in ${fmt(r.seconds)} s: ${fmt(r.filesPerSecond)} files/s, ${fmt(r.megabytesPerSecond, 2)} MB/s (${r.failed} failed)`
  )
  console.log(`  one edit afterwards (archive.json ${fmt(r.indexFileMegabytes, 2)} MB): median ${fmt(r.editMedianMs)} ms, p95 ${fmt(r.editP95Ms)} ms`)

  // 1,000 interviews (10 M words) by default; the 5,000-interview run needs about 12 GB of heap:
  // NODE_OPTIONS=--max-old-space-size=12288 VERBATIM_BENCH_INTERVIEWS=5000 npm run bench
  const interviews = Number(process.env.VERBATIM_BENCH_INTERVIEWS ?? 1000)
  console.log(`\nSearch: ${interviews} generated interviews of about 10,000 words…`)
  await runSearchBench({ interviews })
}

await main()
