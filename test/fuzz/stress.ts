// `npx tsx test/fuzz/stress.ts [--runs N] [--seed S]`: the API fuzz with many more cases than the
// test suite's fixed-seed run (also part of `npm run stress`). Exits 1 and prints what failed.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { openSession } from '../../src/core/session'
import { fuzzApi, readsStillWork } from './api-fuzz'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '400' }, seed: { type: 'string', default: String(Date.now() % 1e9) } }, allowPositionals: true })
const dir = await mkdtemp(join(tmpdir(), 'verbatim-fuzz-'))
const seedFile = new URL('../../resources/demo/demo-archive.json', import.meta.url).pathname
const session = await openSession(join(dir, 'archive'), { seedFile, create: true } as never)
const started = Date.now()
try {
  const failures = await fuzzApi(session, { runsPerMethod: Number(values.runs), seed: Number(values.seed) })
  const reads = await readsStillWork(session)
  console.log(`API fuzz: ${values.runs} inputs per method, seed ${values.seed}, ${((Date.now() - started) / 1000).toFixed(1)} s; ${failures.length} failures; reads afterwards: ${reads.length ? reads.join('; ') : 'all answered'}`)
  for (const f of failures.slice(0, 20)) console.log(`- ${f.method}: ${f.problem}\n  input: ${JSON.stringify(f.input).slice(0, 300)}`)
  process.exitCode = failures.length || reads.length ? 1 : 0
} finally {
  await session.close()
  await rm(dir, { recursive: true, force: true })
}
