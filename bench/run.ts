// `npm run bench`: speed and memory figures, printed beside yardsticks measured in the same run,
// never asserted (tests are not timed). Writes bench/results.md.
//
// Sizes (interviews × words per interview): 500 × 10,000 (5 M words), 5,000 × 2,000 (10 M) and
// 20,000 × 500 (10 M), so that the whole run, yardsticks included, fits in ten minutes on the shared
// 2-core development machine. The 5,000 × 10,000 (50 M words) takes about twenty minutes
// there on its own (building the index, the FTS5 yardstick and the linear scan's reading dominate):
//   VERBATIM_BENCH_SIZES=5000x10000 VERBATIM_BENCH_OUT=/tmp/results-50M.md npm run bench
// VERBATIM_BENCH_SIZES overrides the sizes, VERBATIM_BENCH_OUT writes the results elsewhere.
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { build } from 'vite'
import { openSession } from '../src/core/session'
import { archiveBench } from './archive'
import { claimsBench } from './claims'
import { runSearchBench } from './search'
import type { BenchRow } from './table'

const SEED = 2026
const DEFAULT_SIZES = '500x10000,5000x2000,20000x500'

async function bundleChild(): Promise<string> {
  // The child runs as plain Node, as a built app would: no TypeScript compiled at start-up.
  // One folder per run, so that two runs side by side do not replace each other's child.
  const outDir = new URL(`../node_modules/.cache/verbatim-bench/${process.pid}/`, import.meta.url).pathname
  await build({
    configFile: false,
    logLevel: 'silent',
    build: { ssr: new URL('./child.ts', import.meta.url).pathname, outDir, emptyOutDir: true, target: 'node20', minify: false, rolldownOptions: { output: { entryFileNames: 'child.mjs' } } },
    ssr: { noExternal: [] }
  })
  return join(outDir, 'child.mjs')
}

const cell = (s: string | undefined): string => (s ?? '').replace(/\|/g, '\\|')

export function formatTable(rows: readonly BenchRow[]): string {
  const lines = ['| size | what | Verbatim | yardstick | ratio | goal | note |', '| ---: | --- | --- | --- | ---: | --- | --- |']
  for (const r of rows) {
    const goal = r.goal ? `${r.goal} ${r.met === undefined ? '' : r.met ? '✅' : '❌'}` : ''
    lines.push(`| ${r.size?.toLocaleString('en') ?? ''} | ${cell(r.what)} | ${cell(r.verbatim)} | ${cell(r.yardstick)} | ${cell(r.ratio)} | ${cell(goal)} | ${cell(r.note)} |`)
  }
  return lines.join('\n')
}

async function main(): Promise<void> {
  const started = performance.now()
  const loadAtStart = loadavg()[0] ?? 0
  const sizes = (process.env.VERBATIM_BENCH_SIZES ?? DEFAULT_SIZES).split(',').map((s) => {
    const [interviews, words] = s.split('x').map(Number)
    return { interviews: interviews ?? 0, words: words ?? 0 }
  })
  const workDir = await mkdtemp(join(tmpdir(), 'verbatim-bench-'))
  const log = (line: string): void => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`)
  const rows: BenchRow[] = []
  try {
    log('bundling the benchmark child…')
    const child = await bundleChild()
    log('archive (save, import, open)…')
    rows.push(...(await archiveBench({ sizes: sizes.map((s) => s.interviews), seed: SEED, workDir })))
    for (const { interviews, words } of sizes) {
      rows.push(...(await runSearchBench({ interviews, wordsPerInterview: words, seed: SEED, workDir, child, log })))
      log(`evidence proposals at ${interviews} interviews…`)
      const session = await openSession(join(workDir, `search-${interviews}`), { mode: 'read' })
      try {
        // The full-scan yardstick reads every transcript per claim: once, at the smallest size.
        rows.push(...(await claimsBench({ session, claims: 40, yardstickClaims: interviews === sizes[0]?.interviews ? 1 : 0, seed: SEED })))
      } finally {
        await session.close()
      }
      await rm(join(workDir, `search-${interviews}`), { recursive: true, force: true })
    }
  } finally {
    await rm(workDir, { recursive: true, force: true })
    await rm(new URL(`../node_modules/.cache/verbatim-bench/${process.pid}/`, import.meta.url).pathname, { recursive: true, force: true })
  }
  const seconds = (performance.now() - started) / 1000
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM (${(freemem() / 2 ** 30).toFixed(0)} GB free at the end), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; load average ${loadAtStart.toFixed(1)} at the start and ${(loadavg()[0] ?? 0).toFixed(1)} at the end (other work on the machine: wall times wait for a core, CPU times less so)`
  const table = formatTable(rows)
  console.log(table)
  console.log(`\n${machine}; the whole run took ${seconds.toFixed(0)} s.`)
  const doc = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts); every figure measured in the same run, yardsticks beside
Verbatim's. Sizes are interviews; each search size says how many words it holds.

Machine: ${machine}. The whole run took ${seconds.toFixed(0)} s.

${table}
`
  await writeFile(process.env.VERBATIM_BENCH_OUT ?? new URL('./results.md', import.meta.url), doc)
}

await main()
