import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { VerbatimError } from '../../shared/errors'
import { syncFolder } from './durable-write'
import type { ArchiveFs } from './fs'

export const LOCK_FILE = '.verbatim.lock'
/** A lock from another machine (a shared folder) is stale when its heartbeat is this old. */
const FOREIGN_STALE_MS = 2 * 60_000
const HEARTBEAT_MS = 30_000

export interface LockOwner {
  pid: number
  hostname: string
  app: string
  startedAt: string
}

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
    readonly owner: LockOwner
  ) {}

  /**
   * One writer per archive. The lock file is created exclusively; a lock left by a crashed
   * process on this machine (its pid is gone) or a silent one from another machine is taken over.
   */
  static async acquire(fs: ArchiveFs, dir: string, app: string): Promise<ArchiveLock> {
    const file = join(dir, LOCK_FILE)
    const owner: LockOwner = { pid: process.pid, hostname: hostname(), app, startedAt: new Date().toISOString() }
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await tryCreate(fs, file, owner)) {
        await syncFolder(fs, dir)
        const lock = new ArchiveLock(fs, file, owner)
        lock.startHeartbeat()
        return lock
      }
      const holder = await readOwner(fs, file)
      if (holder && !(await isStale(fs, file, holder))) {
        throw new VerbatimError(
          'locked',
          `This archive is already open for writing in ${describe(holder)}. Close it there, or open it read-only.`
        )
      }
      await removeStale(fs, file, holder)
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
 * Moves a stale (or unreadable) lock aside and tries again. A rename, not a delete: if a racer
 * replaced the stale lock with its own live one meanwhile, what we moved is not what we judged,
 * and it is put back.
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

async function tryCreate(fs: ArchiveFs, file: string, owner: LockOwner): Promise<boolean> {
  let handle
  try {
    handle = await fs.open(file, 'wx', 0o644)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw e
  }
  try {
    await handle.writeFile(JSON.stringify(owner))
    await handle.sync()
  } finally {
    await handle.close()
  }
  return true
}

async function readOwner(fs: ArchiveFs, file: string): Promise<LockOwner | null> {
  try {
    const raw = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockOwner>
    if (typeof raw.pid === 'number' && typeof raw.hostname === 'string') {
      return {
        pid: raw.pid,
        hostname: raw.hostname,
        app: typeof raw.app === 'string' ? raw.app : 'another Verbatim',
        startedAt: typeof raw.startedAt === 'string' ? raw.startedAt : 'an unknown time'
      }
    }
    return null
  } catch {
    return null
  }
}

async function isStale(fs: ArchiveFs, file: string, owner: LockOwner): Promise<boolean> {
  if (owner.hostname === hostname()) return owner.pid !== process.pid && !isAlive(owner.pid)
  try {
    const { mtimeMs } = await fs.stat(file)
    return Date.now() - mtimeMs > FOREIGN_STALE_MS
  } catch {
    return true
  }
}
