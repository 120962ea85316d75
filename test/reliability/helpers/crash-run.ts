// The kill loop shared by the crash test (a few hundred kills) and `npm run stress` (thousands).
// Each kill: start a real child process on the archive, let it make edits through the API, SIGKILL
// it at a random moment, then check the files as the crash left them, open the archive here (which
// takes the dead child's lock over), and compare it with every edit the child acknowledged.
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOCK_FILE } from '../../../src/core/archive/lock'
import { indexPath } from '../../../src/core/archive/layout'
import { ArchiveStore } from '../../../src/core/archive/store'
import { loadSeed } from '../../../src/core/archive/seed'
import { sleep, type Children } from './children'
import { ArchiveModel, rawProblems } from './model'

export interface KillStats {
  kills: number
  /** Kills that landed while an edit had been sent and not yet acknowledged. */
  inFlight: number
  /** Kills that landed before the child had the archive open (starting, taking the lock, recovering). */
  duringOpen: number
  /** Kills that left a checkpoint half written (a temp file of archive.json or of the journal): a lower bound. */
  duringCheckpoint: number
  /** Edits the children acknowledged (each one is checked after its kill and after every later kill on the same archive). */
  acknowledged: number
  /** Acknowledged edits checked, summed over all reopens. */
  checks: number
  /** Opens after a kill that found the dead child's lock and took it over. */
  staleLocksTakenOver: number
  failures: string[]
  durationMs: number
  /** Summed: child start to archive open, and the parent's check after each kill. */
  startMs: number
  checkMs: number
}

export interface KillOptions {
  children: Children
  kills: number
  /** Archives worked on at the same time (one child each). */
  lanes?: number
  /** A fresh archive after this many kills, so every archive stays small enough to reopen fast. */
  rotateEvery?: number
  /** The longest a child runs after it has the archive open. */
  maxRunMs?: number
  /** Share of kills aimed at the child's start (before it has the archive open). */
  startShare?: number
  seed?: number
  onKill?: (stats: KillStats) => void
}

const emptyStats = (): KillStats => ({ kills: 0, inFlight: 0, duringOpen: 0, duringCheckpoint: 0, acknowledged: 0, checks: 0, staleLocksTakenOver: 0, failures: [], durationMs: 0, startMs: 0, checkMs: 0 })

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false
  )
}

async function lockPid(dir: string): Promise<number | null> {
  try {
    return (JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid
  } catch {
    return null
  }
}

export async function runKills(options: KillOptions): Promise<KillStats> {
  const { children, kills } = options
  const lanes = options.lanes ?? 2
  const rotateEvery = options.rotateEvery ?? 25
  const maxRunMs = options.maxRunMs ?? 120
  const startShare = options.startShare ?? 0.1
  const stats = emptyStats()
  const started = Date.now()
  // Deterministic delays for a given seed (the child's edits are seeded too).
  let state = (options.seed ?? 20_260_101) >>> 0
  const random = (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0
    return state / 4294967296
  }
  let next = 0

  async function lane(laneNo: number): Promise<void> {
    let dir = ''
    let model = new ArchiveModel()
    let inDir = 0
    try {
      for (;;) {
        const k = next++
        if (k >= kills) return
        if (!dir || inDir >= rotateEvery) {
          if (dir) await rm(dir, { recursive: true, force: true })
          stats.acknowledged += model.acknowledged
          dir = await mkdtemp(join(tmpdir(), `verbatim-crash-${laneNo}-`))
          model = new ArchiveModel()
          inDir = 0
        }
        inDir++
        const t0 = Date.now()
        const child = children.spawn('crash-child', [dir, String((options.seed ?? 1) * 100_000 + k)])
        if (random() < startShare) {
          await sleep(Math.floor(random() * 400))
        } else {
          await child.waitFor((l) => l.startsWith('R '))
          stats.startMs += Date.now() - t0
          await sleep(Math.floor(random() * maxRunMs))
        }
        await child.kill()
        const t1 = Date.now()
        const where = `kill ${k} (child ${child.pid}, ${dir})`
        if (child.stderr.trim()) stats.failures.push(`${where}: the child wrote to stderr: ${child.stderr.slice(0, 500)}`)
        const ready = child.lines.some((l) => l.startsWith('R '))
        if (!ready) stats.duringOpen++
        const inFlight = model.apply(child.lines)
        if (inFlight) stats.inFlight++
        stats.kills++

        // The files as the crash left them.
        const top = await readdir(dir).catch(() => [] as string[])
        if (ready && top.some((n) => /^\.archive\.(json|journal\.jsonl)\.\d+\.[0-9a-f]+\.tmp$/.test(n))) stats.duringCheckpoint++
        const fresh = !(await exists(indexPath(dir)))
        if (fresh && model.acknowledged > 0) stats.failures.push(`${where}: archive.json is gone`)
        if (!fresh) for (const p of await rawProblems(dir)) stats.failures.push(`${where}: ${p}`)
        const heldBy = await lockPid(dir)

        // Reopen the way the app does, which must take the dead child's lock over.
        let store: ArchiveStore
        try {
          store = await ArchiveStore.open(dir, { app: 'crash-check', create: true })
        } catch (e) {
          stats.failures.push(`${where}: the archive does not open: ${(e as Error).message}`)
          inDir = rotateEvery
          continue
        }
        try {
          if (heldBy === child.pid) stats.staleLocksTakenOver++
          const r = store.openReport
          if (r.problem || r.restoredFrom || r.transcripts?.length || r.journal) stats.failures.push(`${where}: opening had to repair the archive: ${r.message ?? r.problem}`)
          if (r.created !== fresh) stats.failures.push(`${where}: created=${r.created} but archive.json ${fresh ? 'was missing' : 'existed'}`)
          await model.settle(inFlight, store)
          for (const p of await model.problems(store)) stats.failures.push(`${where}: ${p}`)
          stats.checks += model.acknowledged
        } finally {
          await store.close()
        }
        stats.checkMs += Date.now() - t1
        options.onKill?.(stats)
      }
    } finally {
      stats.acknowledged += model.acknowledged
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  }

  const laneRuns = Array.from({ length: lanes }, (_, i) => lane(i))
  await Promise.all(laneRuns)
  stats.durationMs = Date.now() - started
  return stats
}

/**
 * Kills aimed at the very first open of a new archive seeded with the demo (the app's first
 * start), when the seed's transcripts are being written before archive.json exists.
 */
export async function runCreationKills(children: Children, demoSeed: string, kills: number): Promise<KillStats & { created: number; midCreation: number }> {
  // midCreation: kills that left the seed's transcripts on disk but no archive.json yet.
  const stats = { ...emptyStats(), created: 0, midCreation: 0 }
  const started = Date.now()
  const seed = await loadSeed(demoSeed)
  const expected = seed.index.interviews.length
  // How long a first start takes here, to aim the kills inside it.
  let window = 300
  for (let k = 0; k < kills; k++) {
    const dir = await mkdtemp(join(tmpdir(), 'verbatim-create-'))
    try {
      const t0 = Date.now()
      const child = children.spawn('crash-child', [dir, String(k), demoSeed])
      if (k === 0) {
        await child.waitFor((l) => l.startsWith('R '))
        window = Date.now() - t0
      } else if (k % 2) {
        await sleep(Math.floor((k / kills) * window * 1.1))
      } else {
        // Aimed: wait for the first seed transcript to appear, then kill within the next few
        // milliseconds, while the rest of the seed and archive.json are being written.
        const deadline = Date.now() + 10_000
        while (Date.now() < deadline && !child.lines.length) {
          const names = await readdir(join(dir, 'interviews')).catch(() => [] as string[])
          if (names.length) break
          await sleep(1)
        }
        await sleep(Math.floor((k / kills) * 40))
      }
      await child.kill()
      stats.kills++
      if (!child.lines.some((l) => l.startsWith('R '))) stats.duringOpen++
      const where = `creation kill ${k} (child ${child.pid})`
      if (await exists(indexPath(dir))) for (const p of await rawProblems(dir)) stats.failures.push(`${where}: ${p}`)
      else if ((await readdir(join(dir, 'interviews')).catch(() => [] as string[])).some((n) => n.endsWith('.json'))) stats.midCreation++
      let store: ArchiveStore
      try {
        store = await ArchiveStore.open(dir, { app: 'crash-check', create: true, seed: () => loadSeed(demoSeed) })
      } catch (e) {
        stats.failures.push(`${where}: the archive does not open: ${(e as Error).message}`)
        continue
      }
      try {
        if (store.openReport.created) stats.created++
        // A child that got past its start made edits, deletes of demo interviews among them: those
        // it acknowledged (and one in flight) are allowed; every other demo interview must be there.
        const model = new ArchiveModel()
        const inFlight = model.apply(child.lines)
        await model.settle(inFlight, store)
        for (const p of await model.problems(store)) stats.failures.push(`${where}: ${p}`)
        const deleted = new Set(
          child.lines
            .filter((l) => l.startsWith('A ') || l.startsWith('B '))
            .map((l) => JSON.parse(l.slice(2)) as { op: string; kind: string; id?: string })
            .filter((op) => op.op === 'delete' && op.kind === 'interviews' && op.id)
            .map((op) => op.id)
        )
        for (const demo of seed.index.interviews) {
          if (!deleted.has(demo.id) && !store.index.interviews.some((i) => i.id === demo.id)) {
            stats.failures.push(`${where}: demo interview ${demo.id} is missing (${store.index.interviews.length} of ${expected}); child said: ${child.lines.join(' | ').slice(0, 1500)}`)
          }
        }
        for (const i of store.index.interviews) {
          const segments = await store.transcript(i.id).catch((e: Error) => {
            stats.failures.push(`${where}: transcript ${i.id}: ${e.message}`)
            return []
          })
          if (segments.length !== i.segmentCount) stats.failures.push(`${where}: transcript ${i.id} has ${segments.length} segments, index says ${i.segmentCount}`)
        }
      } finally {
        await store.close()
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  stats.durationMs = Date.now() - started
  return stats
}
