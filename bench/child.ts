// What `npm run bench` runs in fresh processes, so that start-up, memory and caches are measured
// as a user meets them: `node node_modules/.cache/verbatim-bench/child.mjs COMMAND ARGS…` (bench/run.ts bundles it). Prints `ANSWERED` the moment a
// cold start has its first answer, and one `RESULT {json}` line at the end.
// Each command loads only the modules it needs, as the CLI does.
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BenchQuery } from './queries'

const SEARCH_INDEX_FILE = 'search.sqlite'
const core = {
  search: () => import('../src/core/search'),
  store: () => import('../src/core/archive/store'),
  service: () => import('../src/core/service/search'),
  session: () => import('../src/core/session'),
  fts5: () => import('./fts5'),
  generate: () => import('./generate'),
  linear: () => import('./linear-scan')
}

const [command = '', ...args] = process.argv.slice(2)
const result = (value: unknown): void => {
  process.stdout.write(`RESULT ${JSON.stringify(value)}\n`)
}
const answered = (): void => {
  process.stdout.write('ANSWERED\n')
}
const gc = (globalThis as { gc?: () => void }).gc
const memory = (): { rssMB: number; heapMB: number } => {
  gc?.()
  gc?.()
  const m = process.memoryUsage()
  return { rssMB: m.rss / 2 ** 20, heapMB: m.heapUsed / 2 ** 20 }
}
const cpuMs = (): number => {
  const c = process.cpuUsage()
  return (c.user + c.system) / 1000
}

async function timeQueries(queries: BenchQuery[], run: (q: BenchQuery) => unknown[] | Promise<unknown[]>, budgetMs = Infinity): Promise<Array<{ ms: number; cpu: number; hits: number } | null>> {
  const out: Array<{ ms: number; cpu: number; hits: number } | null> = []
  const started = performance.now()
  for (const query of queries) {
    if (performance.now() - started > budgetMs) {
      out.push(null)
      continue
    }
    const t0 = performance.now()
    const c0 = cpuMs()
    const hits = await run(query)
    // CPU time too: on a machine shared with other work, wall time includes waiting for a core.
    out.push({ ms: performance.now() - t0, cpu: cpuMs() - c0, hits: hits.length })
  }
  return out
}

async function main(): Promise<void> {
  switch (command) {
    case 'build': {
      // A start that finds no index: what a first start after upgrading, or a damaged file, costs.
      const [dir = ''] = args
      const [{ ArchiveStore }, { SearchService }] = await Promise.all([core.store(), core.service()])
      const t0 = performance.now()
      const store = await ArchiveStore.open(dir)
      const search = new SearchService(store)
      await search.search('the', 1)
      const ms = performance.now() - t0
      await search.close()
      await store.close()
      const bytes = (await stat(join(dir, SEARCH_INDEX_FILE))).size
      return result({ ms, origin: search.origin, bytes, cpuMs: cpuMs() })
    }
    case 'floor': {
      // A Node process that does nothing: what any cold start costs before it does anything.
      answered()
      return result({ cpuMs: cpuMs() })
    }
    case 'cold-index': {
      const [dir = '', query = ''] = args
      const { SearchIndex } = await core.search()
      const index = SearchIndex.open(join(dir, SEARCH_INDEX_FILE), { readonly: true })
      index.search(query, { limit: 20 })
      answered()
      return result({ cpuMs: cpuMs() })
    }
    case 'cold-cli': {
      // What `verbatim search` does: open the archive read-only, check the index against it, answer.
      const [dir = '', query = ''] = args
      const [{ ArchiveStore }, { SearchService }] = await Promise.all([core.store(), core.service()])
      const t0 = performance.now()
      const store = await ArchiveStore.open(dir, { mode: 'read' })
      const opened = performance.now() - t0
      const search = new SearchService(store)
      await search.search(query, 20)
      answered()
      return result({ archiveOpenMs: opened, origin: search.origin, cpuMs: cpuMs() })
    }
    case 'queries': {
      const [dir = '', file = '', sampleEvery = '10'] = args
      const queries = JSON.parse(await readFile(file, 'utf8')) as BenchQuery[]
      const [{ ArchiveStore }, { SearchService }] = await Promise.all([core.store(), core.service()])
      const store = await ArchiveStore.open(dir, { mode: 'read' })
      const search = new SearchService(store)
      for (const q of queries.slice(0, 100)) await search.search(q.q, 20) // warm-up
      const withSnippets = await timeQueries(queries, (q) => search.search(q.q, 20))
      const without = await timeQueries(queries, (q) => search.search(q.q, 20, { snippets: false }))
      const every = Number(sampleEvery)
      const tops: Record<string, string[]> = {}
      for (let i = 0; i < queries.length; i += every) tops[queries[i]!.q] = (await search.search(queries[i]!.q, 20, { snippets: false })).map((h) => h.docId)
      const mem = memory()
      await search.close()
      await store.close()
      return result({ withSnippets, without, tops, ...mem, origin: search.origin })
    }
    case 'edit': {
      // One interview added and removed through the API, each including its save, then the index's own share.
      const [dir = '', words = '10000', rounds = '5'] = args
      const [{ openSession }, { SearchIndex }, { generateSegments, makeVocabulary }] = await Promise.all([core.session(), core.search(), core.generate()])
      const session = await openSession(dir)
      const vocab = makeVocabulary(99)
      await session.client.call('search.query', { query: 'the', limit: 1 })
      const add: number[] = []
      const remove: number[] = []
      const addSave: number[] = []
      const removeSave: number[] = []
      for (let r = 0; r < Number(rounds); r++) {
        const { segments } = generateSegments(1_000_000 + r, Number(words), vocab, 99)
        const marker = `benchmarker${r}x`
        const input = {
          title: `Added interview ${r}`,
          segments: segments.map((s, i) => ({ speaker: s.speaker, text: i === 0 ? `${marker} ${s.text}` : s.text, startSeconds: s.startSeconds, endSeconds: s.endSeconds, offRecord: false }))
        }
        let t0 = performance.now()
        const created = await session.client.call('interviews.create', input as never)
        addSave.push(performance.now() - t0)
        const found = await session.client.call('search.query', { query: `${marker} `, limit: 5 })
        add.push(performance.now() - t0)
        if (found.hits.length === 0) throw new Error('the added interview was not found')
        t0 = performance.now()
        await session.client.call('interviews.delete', { id: (created as { id: string }).id } as never)
        removeSave.push(performance.now() - t0)
        const gone = await session.client.call('search.query', { query: `${marker} `, limit: 5 })
        remove.push(performance.now() - t0)
        if (gone.hits.length !== 0) throw new Error('the removed interview was still found')
        // Let the merge of small runs that follows a save run before the next round, as idle time would.
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
      await session.close()
      // The index alone, on its file: add and remove the same interviews directly.
      const index = SearchIndex.open(join(dir, SEARCH_INDEX_FILE), { autoCompact: false })
      const indexAdd: number[] = []
      const indexRemove: number[] = []
      const indexAddCpu: number[] = []
      for (let r = 0; r < Number(rounds); r++) {
        const { segments } = generateSegments(2_000_000 + r, Number(words), vocab, 99)
        let t0 = performance.now()
        const c0 = cpuMs()
        index.addInterview({ id: `bench-edit-${r}`, title: `Bench edit ${r}` }, segments)
        indexAdd.push(performance.now() - t0)
        indexAddCpu.push(cpuMs() - c0)
        t0 = performance.now()
        index.removeInterview(`bench-edit-${r}`)
        indexRemove.push(performance.now() - t0)
      }
      const t1 = performance.now()
      index.compact()
      const compactMs = performance.now() - t1
      index.close()
      return result({ add, remove, addSave, removeSave, indexAdd, indexRemove, indexAddCpu, compactMs })
    }
    case 'fts5-build': {
      const [dir = '', file = ''] = args
      const { buildFts5 } = await core.fts5()
      const t0 = performance.now()
      await buildFts5(dir, file)
      return result({ ms: performance.now() - t0, bytes: (await stat(file)).size })
    }
    case 'fts5-cold': {
      const [file = '', query = ''] = args
      const { Fts5Search, toFts5 } = await core.fts5()
      const fts = new Fts5Search(file)
      fts.search(toFts5(query) ?? '"the"', 20, true)
      answered()
      return result({ cpuMs: cpuMs() })
    }
    case 'fts5-queries': {
      const [file = '', queriesFile = '', budget = '60000'] = args
      const { Fts5Search, toFts5 } = await core.fts5()
      const queries = (JSON.parse(await readFile(queriesFile, 'utf8')) as BenchQuery[]).filter((q) => toFts5(q.q) !== null)
      const fts = new Fts5Search(file)
      for (const q of queries.slice(0, 20)) fts.search(toFts5(q.q)!, 20, true)
      const perClassBudget = Number(budget) / new Set(queries.map((q) => q.cls)).size
      const withSnippets: Array<{ cls: string; ms: number; cpu: number } | null> = []
      for (const cls of new Set(queries.map((q) => q.cls))) {
        const mine = queries.filter((q) => q.cls === cls)
        const times = await timeQueries(mine, (q) => fts.search(toFts5(q.q)!, 20, true), perClassBudget)
        times.forEach((t) => withSnippets.push(t ? { cls, ms: t.ms, cpu: t.cpu } : null))
      }
      return result({ withSnippets: withSnippets.filter(Boolean), ...memory() })
    }
    case 'linear': {
      const [dir = '', queriesFile = ''] = args
      const { LinearScan } = await core.linear()
      const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as BenchQuery[]
      const t0 = performance.now()
      const scan = await LinearScan.load(dir)
      const loadMs = performance.now() - t0
      const tops: Record<string, string[]> = {}
      const times: number[] = []
      for (const q of queries) {
        const t1 = performance.now()
        tops[q.q] = scan.search(q.q, 20)
        times.push(performance.now() - t1)
      }
      return result({ loadMs, tops, times, docs: scan.size })
    }
    default:
      throw new Error(`unknown command ${command}`)
  }
}

await main()
