import { rm, stat } from 'node:fs/promises'
import { generateArchive } from '/work/wt-search/bench/generate'
import { ArchiveStore } from '/work/wt-search/src/core/archive/store'
import { SearchService } from '/work/wt-search/src/core/service/search'
const n = Number(process.argv[2] ?? 200), w = Number(process.argv[3] ?? 10000)
const dir = `/tmp/sb/a-${n}-${w}`
await rm(dir, { recursive: true, force: true })
let t = performance.now()
const g = await generateArchive({ dir, interviews: n, wordsPerInterview: w, seed: 7 })
console.log('generated', g.words, 'words', ((performance.now() - t) / 1000).toFixed(1), 's')
t = performance.now()
const store = await ArchiveStore.open(dir, { mode: 'write' })
console.log('store open', ((performance.now() - t) / 1000).toFixed(2), 's')
t = performance.now()
const s = new SearchService(store)
await s.search('the', 20)
console.log('build', ((performance.now() - t) / 1000).toFixed(1), 's', s.origin, (await stat(dir + '/search.sqlite')).size / 1e6, 'MB')
for (const q of ['the', 'the ', 'th', 'kaz', 'ka', 'troops square', '"the of"', 'хабар', 'алаң', 'speaker:"Saule Bekova" the', 'zzzqqq']) {
  const t0 = performance.now(); const h = await s.search(q, 20); const t1 = performance.now(); await s.search(q, 20); const t2 = performance.now()
  console.log(JSON.stringify(q), h.length, (t1 - t0).toFixed(1), (t2 - t1).toFixed(1), 'ms')
}
const m = process.memoryUsage(); console.log('rss', m.rss / 1e6, 'heap', m.heapUsed / 1e6)
await s.save(); await store.close()
