// `npm run bench`: speed and memory figures, printed, never asserted (tests are not timed).
// Sizes: VERBATIM_BENCH_FILES / VERBATIM_BENCH_WORDS for the import, --interviews N for search.
import { runImportBench } from './import'

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

  const search = await import('./search').catch(() => null)
  if (search && 'runSearchBench' in search) {
    console.log('\nSearch:')
    await (search as { runSearchBench: (o?: object) => Promise<unknown> }).runSearchBench()
  }
}

await main()
