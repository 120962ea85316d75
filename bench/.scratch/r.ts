import { openDb } from '../../src/core/search/sqlite'
import { IndexStore } from '../../src/core/search/index-store'
import { Evaluator } from '../../src/core/search/evaluate'
const store = new IndexStore(openDb(process.argv[2] + '/search.sqlite', { readonly: true }))
const ev = new Evaluator(store, [1, 1, 2, 1, 2, 1, 1, 1, 1])
for (const t of ['the', 'of', 'and']) {
  const plan = ev.plan({ token: t, prefix: false })
  let n = 0
  const t0 = performance.now()
  for (let i = 0; i < 500; i++) n = ev.rank([plan], null).ids.length
  const ms = (performance.now() - t0) / 500
  const t1 = performance.now()
  for (let i = 0; i < 50; i++) ev.plan({ token: t, prefix: false })
  console.log(t, 'postings', plan.size, 'ids', n, 'rank ms', ms.toFixed(2), 'ns/posting', (ms * 1e6 / plan.size).toFixed(0), 'plan ms', ((performance.now() - t1) / 50).toFixed(2))
}
{
  const plan = ev.plan({ token: 'the', prefix: false })
  const run = plan.words[0]!.runs
  const attrs = store.allAttrs()
  let t0 = performance.now(); let s = 0
  for (let it = 0; it < 500; it++) for (const r of run) { const keys = r.keys; for (let i = 0; i < keys.length; i++) s += keys[i]! >>> 4 }
  console.log('iterate', ((performance.now() - t0) * 1e6 / 500 / plan.size).toFixed(1), 'ns', s > 0)
  t0 = performance.now(); s = 0
  for (let it = 0; it < 500; it++) for (const r of run) { const keys = r.keys; for (let i = 0; i < keys.length; i++) s += attrs[(keys[i]! >>> 4) * 7]! }
  console.log('attrs', ((performance.now() - t0) * 1e6 / 500 / plan.size).toFixed(1), 'ns', s > 0)
  const sc = new Float64Array(1e6); t0 = performance.now()
  for (let it = 0; it < 500; it++) for (const r of run) { const keys = r.keys; const tf = r.tf; for (let i = 0; i < keys.length; i++) { const d = keys[i]! >>> 4; const f = tf[i]!; sc[d] = sc[d]! + 1.5 * (0.5 + f * 2.2 / (f + 0.36 + 0.1 * attrs[d * 7 + 3]!)) } }
  console.log('score', ((performance.now() - t0) * 1e6 / 500 / plan.size).toFixed(1), 'ns')
}
