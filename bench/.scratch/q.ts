import { SearchIndex } from '../../src/core/search'
const index = SearchIndex.open(process.argv[2] + '/search.sqlite', { readonly: true })
const qs = process.argv.slice(3)
for (const q of qs) {
  const t0 = performance.now()
  let n = 0
  for (let i = 0; i < 20; i++) n = index.search(q, { limit: 20 }).length
  console.log(JSON.stringify(q), n, ((performance.now() - t0) / 20).toFixed(2), 'ms')
}
