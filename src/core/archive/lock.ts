import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { hostname, uptime } from 'node:os'
import { join } from 'node:path'
import { VerbatimError } from '../../shared/errors'
import { syncFolder } from './durable-write'
import type { ArchiveFs } from './fs'

export const LOCK_FILE = '.verbatim.lock'
/** A lock from another machine (a shared folder) is stale when its heartbeat is this old. */
const FOREIGN_STALE_MS = 2 * 60_000
const HEARTBEAT_MS = 30_000
/** Held only while a stale lock is being replaced. */
const TAKEOVER_FILE = `${LOCK_FILE}.takeover`
/** How long to keep trying while other processes are taking a stale lock over. */
const TAKEOVER_PATIENCE_MS = 5_000

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export interface LockOwner {
  pid: number
  hostname: string
  app: string
  startedAt: string
  /** The machine's boot (Linux: /proc/sys/kernel/random/boot_id): a lock from an earlier boot is stale, whatever its pid. */
  bootId?: string
  /** When the machine booted, as this process saw it (every system: from its uptime). */
  bootedAt?: string
}

/** How far two readings of the boot time (now minus uptime) may differ: clock steps, rounding. */
const BOOT_SLACK_MS = 60_000

let bootIdCache: Promise<string | undefined> | undefined
/** This boot's identity where the system gives one (Linux); otherwise undefined. */
export function currentBootId(): Promise<string | undefined> {
  return (bootIdCache ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (t) => t.trim() || undefined,
    () => undefined
  ))
}

/** When this machine booted, from its uptime: a best effort where there is no boot id. */
export const bootTime = (): number => Date.now() - uptime() * 1000

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function describe(owner: LockOwner): string {
  const where = owner.hostname === hostname() ? '' : ` on ${owner.hostname}`
  return `${owner.app} (process ${owner.pid}${where}, since ${owner.startedAt})`
}

export class ArchiveLock {
  private timer: NodeJS.Timeout | undefined

  private constructor(
    private readonly fs: ArchiveFs,
    private readonly file: string,
    readonly owner: LockOwner,
    /** The lock of a process that is gone (a crash) was taken over: its last session did not end cleanly. */
    readonly tookOver: boolean
  ) {}

  /**
   * One writer per archive. The lock file is created exclusively; a lock left by a crashed
   * process on this machine (its pid is gone) or a silent one from another machine is taken over.
   *
   * Taking over is done by one process at a time: only the holder of the takeover gate
   * (`.verbatim.lock.takeover`, itself an exclusive file) may remove a lock that is not its own,
   * and only after reading it again under the gate. So between that reading and the removal
   * nobody else can have replaced the stale lock with a live one, and any number of processes
   * racing for a stale lock end with exactly one holder. (Moving the lock aside to look at it and
   * putting it back if it turned out live, as before, let a third racer in through the gap.)
   */
  static async acquire(fs: ArchiveFs, dir: string, app: string): Promise<ArchiveLock> {
    const file = join(dir, LOCK_FILE)
    const gate = join(dir, TAKEOVER_FILE)
    const bootId = await currentBootId()
    const owner: LockOwner = {
      pid: process.pid,
      hostname: hostname(),
      app,
      startedAt: new Date().toISOString(),
      ...(bootId ? { bootId } : {}),
      bootedAt: new Date(bootTime()).toISOString()
    }
    const deadline = Date.now() + TAKEOVER_PATIENCE_MS
    let tookOver = false
    while (Date.now() < deadline) {
      if (await tryCreate(fs, file, owner)) {
        await syncFolder(fs, dir)
        const lock = new ArchiveLock(fs, file, owner, tookOver)
        lock.startHeartbeat()
        return lock
      }
      const holder = await readLock(fs, file)
      if (holder === 'missing') continue
      if (holder !== 'unreadable' && !(await isStale(fs, file, holder))) {
        throw new VerbatimError(
          'locked',
          `This archive is already open for writing in ${describe(holder)}. Close it there, or open it read-only.`
        )
      }
      tookOver = true
      if (await tryCreate(fs, gate, owner)) {
        try {
          const again = await readLock(fs, file)
          if (sameLock(again, holder)) await fs.rm(file, { force: true })
        } finally {
          await fs.rm(gate, { force: true })
        }
        continue
      }
      const gateHolder = await readLock(fs, gate)
      if (gateHolder === 'missing') continue
      if (gateHolder !== 'unreadable' && !(await isStale(fs, gate, gateHolder))) {
        // Another process is taking the stale lock over right now: see who ends up with it.
        await sleep(5 + Math.random() * 20)
        continue
      }
      // A process died holding the gate (in the few milliseconds it is held).
      await removeStale(fs, gate, gateHolder === 'unreadable' ? null : gateHolder)
    }
    throw new VerbatimError('locked', 'Could not take the archive lock: another process keeps taking it.')
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => {
      const now = new Date()
      this.fs.utimes(this.file, now, now).catch(() => undefined)
    }, HEARTBEAT_MS)
    this.timer.unref()
  }

  async release(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
    const current = await readOwner(this.fs, this.file)
    // Only remove a lock that is still ours: it may have been taken over while we hung.
    if (current && current.pid === this.owner.pid && current.startedAt === this.owner.startedAt) {
      await this.fs.rm(this.file, { force: true })
    }
  }
}

/**
 * Moves a stale (or unreadable) takeover gate aside. A rename, not a delete: if a racer replaced
 * the stale gate with its own live one meanwhile, what we moved is not what we judged, and it is
 * put back. (Only needed when a process died in the milliseconds it holds the gate.)
 */
async function removeStale(fs: ArchiveFs, file: string, judged: LockOwner | null): Promise<void> {
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.stale`
  try {
    await fs.rename(file, aside)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return
    throw e
  }
  const moved = await readOwner(fs, aside)
  const same = judged === null ? moved === null : moved?.pid === judged.pid && moved.startedAt === judged.startedAt
  if (!same) await fs.link(aside, file).catch(() => undefined)
  await fs.rm(aside, { force: true })
}

/**
 * Creates the lock file with its content already in it. The owner is written to a uniquely named
 * file, flushed, then hard-linked to the lock's name: link() fails with EEXIST like an exclusive
 * create, but the lock never exists empty. (An exclusive create followed by a write left a moment
 * in which a racer read an empty lock, judged it stale and took it over: two writers.)
 */
async function tryCreate(fs: ArchiveFs, file: string, owner: LockOwner): Promise<boolean> {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await fs.open(tmp, 'wx', 0o644)
  try {
    try {
      await handle.writeFile(JSON.stringify(owner))
      await handle.sync()
    } finally {
      await handle.close()
    }
    try {
      await fs.link(tmp, file)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
      throw e
    }
    return true
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => undefined)
  }
}

/**
 * Removes what a process killed in the middle of taking or taking over a lock left next to it
 * (`.verbatim.lock[.takeover].<pid>.<random>.tmp` or `.stale`). Only files of processes that are gone: a live
 * racer's file is in use.
 */
export async function removeLockLeftovers(fs: ArchiveFs, dir: string): Promise<void> {
  const names = await fs.readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const m = /^\.verbatim\.lock\.(?:takeover\.)?(\d+)\.[0-9a-f]+\.(?:tmp|stale)$/.exec(name)
    if (m && Number(m[1]) !== process.pid && !isAlive(Number(m[1]))) await fs.rm(join(dir, name), { force: true }).catch(() => undefined)
  }
}

export function isLockLeftover(name: string): boolean {
  return name.startsWith(`${LOCK_FILE}.`)
}

type LockState = LockOwner | 'missing' | 'unreadable'

async function readLock(fs: ArchiveFs, file: string): Promise<LockState> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable'
  }
  return parseOwner(text) ?? 'unreadable'
}

function sameLock(a: LockState, b: LockState): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b
  return a.pid === b.pid && a.hostname === b.hostname && a.startedAt === b.startedAt
}

async function readOwner(fs: ArchiveFs, file: string): Promise<LockOwner | null> {
  const state = await readLock(fs, file)
  return typeof state === 'string' ? null : state
}

function parseOwner(text: string): LockOwner | null {
  try {
    const raw = JSON.parse(text) as Partial<LockOwner>
    if (typeof raw.pid === 'number' && typeof raw.hostname === 'string') {
      return {
        pid: raw.pid,
        hostname: raw.hostname,
        app: typeof raw.app === 'string' ? raw.app : 'another Verbatim',
        startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : 'an unknown time',
        ...(typeof raw.bootId === 'string' ? { bootId: raw.bootId } : {}),
        ...(typeof raw.bootedAt === 'string' ? { bootedAt: raw.bootedAt } : {})
      }
    }
    return null
  } catch {
    return null
  }
}

/**
 * Whether a lock's holder is gone. On this machine: a lock from an earlier boot is stale even if
 * its pid is alive (after a reboot the pid names some unrelated process); otherwise the pid
 * decides. The boot is told by the boot id where both sides have one, else by the heartbeat: a
 * holder touches the lock every 30 s from the moment it takes it, so a lock last touched before
 * this machine booted was left by an earlier boot. On another machine only the heartbeat counts.
 */
async function isStale(fs: ArchiveFs, file: string, owner: LockOwner): Promise<boolean> {
  let mtimeMs: number
  try {
    mtimeMs = (await fs.stat(file)).mtimeMs
  } catch {
    return true
  }
  if (owner.hostname !== hostname()) return Date.now() - mtimeMs > FOREIGN_STALE_MS
  const bootId = await currentBootId()
  if (owner.bootId && bootId) {
    if (owner.bootId !== bootId) return true
  } else if (mtimeMs < bootTime() - BOOT_SLACK_MS) {
    return true
  }
  return owner.pid !== process.pid && !isAlive(owner.pid)
}
