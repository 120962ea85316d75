import { openDb } from '../../src/core/search/sqlite'
import { IndexStore, ATTR_WIDTH, ATTR_LENGTHS, DEAD, SLOT, FIELD_COUNT } from '../../src/core/search/index-store'
import { Evaluator, DocList } from '../../src/core/search/evaluate'
const store = new IndexStore(openDb(process.argv[2] + '/search.sqlite', { readonly: true }))
const ev = new Evaluator(store, [1, 1, 2, 1, 2, 1, 1, 1, 1])
const plan = ev.plan({ token: 'the', prefix: false })
const attrs = store.allAttrs()
const scores = new Float64Array(store.numberLimit)
const stamps = new Uint32Array(store.numberLimit)
const factor = plan.words[0]!.factor
const c1 = new Float64Array(9).fill(0.36), c2 = new Float64Array(9).fill(0.01)
function v1(keys: Uint32Array, tf: Uint16Array, gen: number, ids: DocList) {
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!; const doc = key >>> 4; const at = doc * ATTR_WIDTH; const flags = attrs[at]!
    if (stamps[doc] !== gen) { stamps[doc] = gen; if ((flags & DEAD) !== 0) { scores[doc] = -1; continue } scores[doc] = 0; ids.push(doc) } else if (scores[doc]! < 0) continue
    const field = key & 15; const length = attrs[at + ATTR_LENGTHS + SLOT[(flags & 0xff) * FIELD_COUNT + field]!]!; const f = tf[i]!
    scores[doc] = scores[doc]! + factor[field]! * (0.5 + (f * 2.2) / (f + c1[field]! + c2[field]! * length))
  }
}
function v2(keys: Uint32Array, tf: Uint16Array, ids: Uint32Array, count: number): number {
  let last = -1
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!; const doc = key >>> 4; const at = doc * ATTR_WIDTH; const flags = attrs[at]!
    if ((flags & DEAD) !== 0) continue
    if (doc !== last) { last = doc; scores[doc] = 0; ids[count++] = doc }
    const field = key & 15; const length = attrs[at + ATTR_LENGTHS + SLOT[(flags & 0xff) * FIELD_COUNT + field]!]!; const f = tf[i]!
    scores[doc] = scores[doc]! + factor[field]! * (0.5 + (f * 2.2) / (f + c1[field]! + c2[field]! * length))
  }
  return count
}
const cpu = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000 }
for (let rep = 0; rep < 3; rep++) {
  let t = cpu()
  for (let it = 1; it <= 300; it++) { const ids = new DocList(); for (const r of plan.words[0]!.runs) v1(r.keys, r.tf, it + rep * 1000, ids) }
  const a = (cpu() - t) * 1e6 / 300 / plan.size
  t = cpu(); const buf = new Uint32Array(plan.size)
  for (let it = 1; it <= 300; it++) { let c = 0; for (const r of plan.words[0]!.runs) c = v2(r.keys, r.tf, buf, c) }
  console.log('v1', a.toFixed(1), 'ns  v2', ((cpu() - t) * 1e6 / 300 / plan.size).toFixed(1), 'ns')
}
