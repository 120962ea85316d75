// npm run stress [-- --kills 3000 --lanes 2 --creation 200 --races 200 --racers 2 --max-run-ms 150 --runs 400 --seed 7]
//
// Both stress runs, one after the other, each in its own process:
//   1. the crash stress of the archive (test/stress/crash-stress.ts): --kills, --lanes, --creation,
//      --races, --racers, --max-run-ms;
//   2. the API fuzz (test/fuzz/stress.ts): --runs (inputs per method).
// --seed goes to both; without one, one is picked and printed, so a run can be repeated. The fuzz
// runs even when the crash stress failed. Exits 1 if either failed.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const { values } = parseArgs({
  options: {
    kills: { type: 'string' },
    lanes: { type: 'string' },
    creation: { type: 'string' },
    races: { type: 'string' },
    racers: { type: 'string' },
    'max-run-ms': { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 100_000) }
  }
})

for (const [name, value] of Object.entries(values)) {
  if (!/^\d+$/.test(value)) {
    console.error(`stress: --${name} takes a whole number, not ${JSON.stringify(value)}`)
    process.exit(2)
  }
}

/** The options in `names` that were given, as arguments again. */
const pass = (names: ReadonlyArray<keyof typeof values>): string[] => names.flatMap((name) => (values[name] === undefined ? [] : [`--${name}`, values[name]]))

const runs = [
  { name: 'crash stress', script: 'test/stress/crash-stress.ts', args: pass(['kills', 'lanes', 'creation', 'races', 'racers', 'max-run-ms', 'seed']) },
  { name: 'API fuzz', script: 'test/fuzz/stress.ts', args: pass(['runs', 'seed']) }
]

/** Runs one script under tsx in a child process; resolves with its exit code (a signal counts as a failure). */
function run(script: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, stdio: 'inherit' })
    child.on('error', reject)
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)))
  })
}

console.log(`stress: ${runs.map((r) => r.name).join(', then ')}; seed ${values.seed}`)
const results: string[] = []
let failed = false
for (const { name, script, args } of runs) {
  const started = Date.now()
  console.log(`\n== ${name}: ${script} ${args.join(' ')}`)
  const code = await run(script, args)
  failed ||= code !== 0
  results.push(`${name}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}, ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
console.log(`\nstress (seed ${values.seed}):\n${results.map((r) => `  ${r}`).join('\n')}`)
process.exit(failed ? 1 : 0)
