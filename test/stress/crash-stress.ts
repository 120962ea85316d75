// npm run stress [-- --kills 3000 --lanes 2 --creation 200 --races 200 --racers 2 --seed 7]
//
// Thousands of SIGKILLs of real processes in the middle of saving, each followed by a check of the
// archive against every edit the killed process had acknowledged (see test/reliability/helpers/
// crash-run.ts); kills during an archive's first start with the demo seed; and races of two
// processes for a lock a killed process left. Prints progress, and at the end the figures that
// go into docs/reliability.md. Exits 1 if anything failed.
import { parseArgs } from 'node:util'
import { cpus } from 'node:os'
import { fileURLToPath } from 'node:url'
import { prepareChildren } from '../reliability/helpers/children'
import { runCreationKills, runKills, type KillStats } from '../reliability/helpers/crash-run'
import { runLockRaces } from '../reliability/helpers/lock-race'

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '3000' },
    lanes: { type: 'string', default: '2' },
    creation: { type: 'string', default: '200' },
    races: { type: 'string', default: '200' },
    racers: { type: 'string', default: '2' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
    'max-run-ms': { type: 'string', default: '150' }
  }
})
const kills = Number(values.kills)
const lanes = Number(values.lanes)
const seed = Number(values.seed)
const demoSeed = fileURLToPath(new URL('../../resources/demo/demo-archive.json', import.meta.url))

const children = await prepareChildren()
console.log(`crash stress: ${kills} kills in ${lanes} lanes, ${values.creation} kills during first start, ${values.races} lock races; seed ${seed}`)
console.log(`children started with ${children.how === 'bundle' ? 'node + an esbuild bundle of the sources' : 'node --import tsx'}; node ${process.version}, ${cpus().length} CPUs, ${process.platform}`)

const started = Date.now()
let last = 0
const progress = (s: KillStats): void => {
  if (s.kills - last < 100 && s.kills < kills) return
  last = s.kills
  const secs = (Date.now() - started) / 1000
  console.log(`  ${s.kills} kills, ${(s.kills / secs).toFixed(2)} kills/s, ${s.inFlight} with an edit in flight, ${s.failures.length} failures`)
}
const main = await runKills({ children, kills, lanes, seed, maxRunMs: Number(values['max-run-ms']), onKill: progress })
const creation = await runCreationKills(children, demoSeed, Number(values.creation))
const races = await runLockRaces(children, Number(values.races), Number(values.racers))
await children.dispose()

const failures = [...main.failures, ...creation.failures, ...races.failures]
for (const f of failures.slice(0, 50)) console.log(`FAIL ${f}`)
const total = (Date.now() - started) / 1000
console.log(`
For docs/reliability.md (${new Date().toISOString().slice(0, 10)}, seed ${seed}):
| kills while editing | ${main.kills} (${main.inFlight} with an edit in flight, ${main.duringOpen} while the child was opening, at least ${main.duringCheckpoint} inside a checkpoint) |
| acknowledged edits | ${main.acknowledged} (${main.checks} checks: each edit re-checked after every later kill on its archive) |
| stale locks taken over after a kill | ${main.staleLocksTakenOver} |
| kills during the first start (demo seed) | ${creation.kills} (${creation.duringOpen} before the archive was open; ${creation.midCreation} between the seed's transcripts and archive.json; ${creation.created} reopens had to create it) |
| ${values.racers} processes racing for a stale lock | ${races.rounds} rounds, ${races.singleWinner} with exactly one winner |
| failures | ${failures.length} |
| time per kill | child start to archive open ${(main.startMs / Math.max(1, main.kills - main.duringOpen)).toFixed(0)} ms, check after the kill ${(main.checkMs / Math.max(1, main.kills)).toFixed(0)} ms |
| duration | ${total.toFixed(0)} s (kills ${(main.durationMs / 1000).toFixed(0)} s, ${(main.kills / (main.durationMs / 1000)).toFixed(2)} kills/s) |
`)
process.exit(failures.length ? 1 : 0)
