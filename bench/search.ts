// Search at one archive size: the index built from a generated archive, then cold starts, the query
// set, memory, and one interview added and removed, each in a fresh process; beside them the same
// measured for SQLite FTS5 (the yardstick engine) and a linear scan (the yardstick for results).
import { spawn } from 'node:child_process'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateArchive, makeVocabulary } from './generate'
import { makeQueries, QUERY_CLASSES, type BenchQuery } from './queries'
import type { BenchRow } from './table'

export interface SearchBenchOptions {
  interviews: number
  wordsPerInterview: number
  seed: number
  workDir: string
  /** The bundled child script (see bench/run.ts). */
  child: string
  perClass?: number
  /** Queries the linear scan answers (it reads the whole archive for each). */
  linearQueries?: number
  fts5BudgetMs?: number
  log?: (line: string) => void
}

interface ChildRun<T> {
  result: T
  /** Process start to its ANSWERED line, when it printed one. */
  answeredMs: number | null
  wallMs: number
}

export function runChild<T>(child: string, args: string[], nodeArgs: string[] = []): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    let answeredMs: number | null = null
    let out = ''
    let err = ''
    const proc = spawn(process.execPath, [...nodeArgs, child, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    proc.stdout.setEncoding('utf8')
    proc.stdout.on('data', (chunk: string) => {
      if (answeredMs === null && (out + chunk).includes('ANSWERED\n')) answeredMs = performance.now() - started
      out += chunk
    })
    proc.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    proc.on('error', reject)
    proc.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '))
      if (code !== 0 || !line) return reject(new Error(`bench child ${args[0]} failed (${code}): ${err.slice(-2000)}`))
      resolve({ result: JSON.parse(line.slice(7)) as T, answeredMs, wallMs: performance.now() - started })
    })
  })
}

const quantile = (xs: readonly number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0
}
const median = (xs: readonly number[]): number => quantile(xs, 0.5)
export const ms = (x: number): string => (x >= 100 ? `${Math.round(x)} ms` : x >= 10 ? `${x.toFixed(1)} ms` : `${x.toFixed(2)} ms`)
const mb = (x: number): string => `${Math.round(x)} MB`
const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}x` : '—')
const pct = (xs: readonly number[]): string => `${ms(quantile(xs, 0.5))} / ${ms(quantile(xs, 0.95))} / ${ms(quantile(xs, 0.99))}`

export async function runSearchBench(options: SearchBenchOptions): Promise<BenchRow[]> {
  const { interviews, wordsPerInterview, seed, workDir, child } = options
  const log = options.log ?? (() => {})
  const size = interviews
  const dir = join(workDir, `search-${interviews}`)
  const rows: BenchRow[] = []
  const label = `${interviews.toLocaleString('en')} × ${wordsPerInterview.toLocaleString('en')} words`

  log(`search ${label}: generating…`)
  const vocab = makeVocabulary(seed)
  const t0 = performance.now()
  const archive = await generateArchive({ dir, interviews, wordsPerInterview, seed, vocab })
  const generateMs = performance.now() - t0
  const queries = makeQueries({ seed, interviews, wordsPerInterview, perClass: options.perClass ?? 110, vocab })
  const queriesFile = join(workDir, `queries-${interviews}.json`)
  await writeFile(queriesFile, JSON.stringify(queries))
  const sampleEvery = Math.max(1, Math.floor(queries.length / (options.linearQueries ?? (interviews * wordsPerInterview > 20_000_000 ? 20 : 40))))
  const sample: BenchQuery[] = queries.filter((q, i) => i % sampleEvery === 0 && q.cls !== 'filter + word')
  const sampleFile = join(workDir, `sample-${interviews}.json`)
  await writeFile(sampleFile, JSON.stringify(sample))
  const held = `${(archive.words / 1e6).toFixed(1)} M words, ${archive.segments.toLocaleString('en')} segments, ${archive.quotes.toLocaleString('en')} quotes, ${archive.claims.toLocaleString('en')} claims`
  log(`  ${held} in ${(generateMs / 1000).toFixed(0)} s; building the index…`)

  const built = await runChild<{ ms: number; bytes: number; origin: string }>(child, ['build', dir], ['--max-old-space-size=4096'])
  log(`  index built in ${(built.result.ms / 1000).toFixed(1)} s (${built.result.origin}); FTS5…`)
  const ftsFile = join(workDir, `fts5-${interviews}.sqlite`)
  const fts = await runChild<{ ms: number; bytes: number }>(child, ['fts5-build', dir, ftsFile])
  rows.push({
    what: `index built from the archive (no index yet; ${held})`, size,
    verbatim: `${(built.result.ms / 1000).toFixed(1)} s`, yardstick: `FTS5: ${(fts.result.ms / 1000).toFixed(1)} s`, ratio: ratio(built.result.ms, fts.result.ms),
    note: 'in the background at first start; never at a normal start or after a CLI import'
  })
  rows.push({ what: 'index size on disk', size, verbatim: mb(built.result.bytes / 2 ** 20), yardstick: `FTS5: ${mb(fts.result.bytes / 2 ** 20)}`, ratio: ratio(built.result.bytes, fts.result.bytes) })

  log('  cold starts…')
  const coldQuery = 'government'
  type Cold = { ms: number; cpuMs: number; archiveOpenMs?: number }
  const cold = async (args: string[]): Promise<Cold> => {
    const runs: Cold[] = []
    for (let i = 0; i < 3; i++) {
      const r = await runChild<{ archiveOpenMs?: number; cpuMs: number }>(child, args)
      runs.push({ ms: r.answeredMs ?? r.wallMs, cpuMs: r.result.cpuMs, archiveOpenMs: r.result.archiveOpenMs })
    }
    runs.sort((a, b) => a.ms - b.ms)
    return runs[1] as Cold
  }
  const floor = await cold(['floor'])
  const coldIndex = await cold(['cold-index', dir, coldQuery])
  const coldCli = await cold(['cold-cli', dir, coldQuery])
  const coldFts = await cold(['fts5-cold', ftsFile, coldQuery])
  rows.push({
    what: 'process start to first answer: the search index (fresh process, median of 3)', size,
    verbatim: ms(coldIndex.ms), yardstick: `FTS5: ${ms(coldFts.ms)}`, ratio: ratio(coldIndex.ms, coldFts.ms), goal: '< 300 ms', met: coldIndex.ms < 300,
    note: `CPU time of the process: ${ms(coldIndex.cpuMs)} (FTS5 ${ms(coldFts.cpuMs)}); a Node process that does nothing: ${ms(floor.ms)}, CPU ${ms(floor.cpuMs)}`
  })
  rows.push({
    what: 'process start to first answer: `verbatim search` path (archive opened read-only, index checked, answer)', size,
    verbatim: ms(coldCli.ms), goal: '< 300 ms', met: coldCli.ms < 300,
    note: `of which opening archive.json: ${ms(coldCli.archiveOpenMs ?? 0)} (the archive store's part); CPU time of the process: ${ms(coldCli.cpuMs)}`
  })

  log(`  ${queries.length} queries, twice (with and without snippets)…`)
  const timed = await runChild<{
    withSnippets: Array<{ ms: number; cpu: number; hits: number }>
    without: Array<{ ms: number; cpu: number; hits: number }>
    tops: Record<string, string[]>
    rssMB: number
    heapMB: number
    origin: string
  }>(child, ['queries', dir, queriesFile, String(sampleEvery)], ['--expose-gc'])
  log(`  FTS5 queries…`)
  const ftsTimed = await runChild<{ withSnippets: Array<{ cls: string; ms: number; cpu: number }>; rssMB: number; heapMB: number }>(
    child, ['fts5-queries', ftsFile, queriesFile, String(options.fts5BudgetMs ?? 60_000)], ['--expose-gc']
  )
  for (const cls of QUERY_CLASSES) {
    const mine = queries.map((q, i) => (q.cls === cls ? timed.result.withSnippets[i]!.ms : -1)).filter((x) => x >= 0)
    const hits = queries.map((q, i) => (q.cls === cls ? timed.result.withSnippets[i]!.hits : -1)).filter((x) => x >= 0)
    const theirs = ftsTimed.result.withSnippets.filter((t) => t.cls === cls).map((t) => t.ms)
    const cpu = queries.map((q, i) => (q.cls === cls ? timed.result.withSnippets[i]!.cpu : -1)).filter((x) => x >= 0)
    const theirCpu = ftsTimed.result.withSnippets.filter((t) => t.cls === cls).map((t) => t.cpu)
    const p95 = quantile(mine, 0.95)
    rows.push({
      what: `${cls}: p50 / p95 / p99, top 20 with snippets (${mine.length} queries, ${(hits.reduce((a, b) => a + b, 0) / Math.max(1, hits.length)).toFixed(1)} hits on average)`, size,
      verbatim: pct(mine),
      yardstick: theirs.length > 0 ? `FTS5: ${pct(theirs)} (${theirs.length} queries)` : 'FTS5: — (no filters)',
      ratio: theirs.length > 0 ? `${ratio(p95, quantile(theirs, 0.95))} (p95)` : undefined,
      goal: 'p95 < 50 ms', met: p95 < 50,
      note: `CPU time p50 / p95: ${ms(quantile(cpu, 0.5))} / ${ms(quantile(cpu, 0.95))}${theirCpu.length > 0 ? ` (FTS5 ${ms(quantile(theirCpu, 0.5))} / ${ms(quantile(theirCpu, 0.95))})` : ''}`
    })
  }
  const all = timed.result.withSnippets.map((t) => t.ms)
  const bare = timed.result.without.map((t) => t.ms)
  rows.push({
    what: `every query: p50 / p95 / p99, top 20 without snippets (${bare.length} queries)`, size,
    verbatim: pct(bare), yardstick: `with snippets: ${pct(all)}`, ratio: `${ratio(quantile(bare, 0.95), quantile(all, 0.95))} (p95)`, goal: 'p95 < 50 ms', met: quantile(bare, 0.95) < 50
  })
  const limit = interviews * wordsPerInterview > 10_000_000 ? 1024 : 500
  rows.push({
    what: `memory after the queries, after a forced collection (archive store + search service)`, size,
    verbatim: `RSS ${mb(timed.result.rssMB)}, heap ${mb(timed.result.heapMB)}`, yardstick: `FTS5: RSS ${mb(ftsTimed.result.rssMB)}`, ratio: ratio(timed.result.rssMB, ftsTimed.result.rssMB),
    goal: `RSS < ${limit === 1024 ? '1 GB' : '500 MB'}`, met: timed.result.rssMB < limit
  })

  log(`  linear scan over ${sample.length} queries…`)
  const linear = await runChild<{ loadMs: number; tops: Record<string, string[]>; times: number[] }>(child, ['linear', dir, sampleFile], ['--max-old-space-size=8192'])
  let same = 0
  let overlap = 0
  let compared = 0
  const misses: string[] = []
  for (const q of sample) {
    const expected = linear.result.tops[q.q] ?? []
    const got = timed.result.tops[q.q]
    if (!got) continue
    compared++
    const inBoth = got.filter((id) => expected.includes(id)).length
    overlap += expected.length === 0 && got.length === 0 ? 1 : inBoth / Math.max(expected.length, got.length)
    if (JSON.stringify(got) === JSON.stringify(expected)) same++
    else if (misses.length < 3) misses.push(q.q)
  }
  const mineOnSample = sample.map((q) => timed.result.withSnippets[queries.indexOf(q)]!.ms)
  rows.push({
    what: `agreement with a linear scan (same words, same BM25, top 20; ${compared} queries of every class but filters)`, size,
    verbatim: `${((overlap / Math.max(1, compared)) * 100).toFixed(1)}% of hits, ${same}/${compared} in the same order`,
    yardstick: `linear scan: ${ms(median(linear.result.times))} per query (median)`, ratio: ratio(median(mineOnSample), median(linear.result.times)),
    note: misses.length > 0 ? `differing: ${misses.map((m) => JSON.stringify(m)).join(', ')}` : undefined
  })

  log('  add and remove one interview…')
  const edit = await runChild<{ add: number[]; remove: number[]; addSave: number[]; removeSave: number[]; indexAdd: number[]; indexRemove: number[]; indexAddCpu: number[]; compactMs: number }>(child, ['edit', dir, '10000', '5'])
  const { add, remove, addSave, removeSave, indexAdd, indexRemove } = edit.result
  rows.push({
    what: 'add one interview of 10,000 words through the API, including its save, until search finds it (median / max of 5)', size,
    verbatim: `${ms(median(add))} / ${ms(Math.max(...add))}`, goal: '< 100 ms', met: Math.max(...add) < 100,
    note: `the archive save alone: ${ms(median(addSave))}; the index alone on its file: ${ms(median(indexAdd))} / ${ms(Math.max(...indexAdd))}, CPU ${ms(median(edit.result.indexAddCpu))} (merging the small runs afterwards, off the save's path: ${ms(edit.result.compactMs)})`
  })
  rows.push({
    what: 'remove one interview through the API, including its save, until search no longer finds it (median / max of 5)', size,
    verbatim: `${ms(median(remove))} / ${ms(Math.max(...remove))}`, goal: '< 100 ms', met: Math.max(...remove) < 100,
    note: `the archive save alone: ${ms(median(removeSave))}; the index alone on its file: ${ms(median(indexRemove))} / ${ms(Math.max(...indexRemove))}`
  })
  await rm(ftsFile, { force: true })
  await rm(`${ftsFile}-wal`, { force: true })
  await rm(`${ftsFile}-shm`, { force: true })
  return rows
}
