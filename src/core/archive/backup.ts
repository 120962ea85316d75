import { join } from 'node:path'
import { TRANSCRIPTS_DIR, INDEX_FILE, backupsPath, indexPath, transcriptsPath } from './layout'
import { checkIndexText } from './validate'
import { syncFolder, writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import type { ArchiveIndex } from '../../shared/model'
import type { BackupSummary } from '../../shared/api/contract'

/** What a snapshot holds, as every door reports it: one type, defined in the contract. */
export type BackupInfo = BackupSummary

/** What a snapshot's `snapshot.json` says about it, so that listing and pruning never parse its archive.json. */
export interface SnapshotFacts extends Omit<BackupInfo, 'id'> {
  archiveId: string
  revision: number
}

/** What the archive holds now, for a new snapshot: its index as archive.json text and what that says. */
export interface SnapshotSource {
  indexText: string
  interviewIds: string[]
  facts: Omit<SnapshotFacts, 'createdAt'>
}

export const SNAPSHOT_INFO = 'snapshot.json'

const LINKS_AT_ONCE = 16

/**
 * How many snapshots are kept: the newest three always; then, going back, one per hour for a
 * day and one per day for 30 days; never more than 60 in all. However often a script opens the
 * archive, the folder holds at most 3 + 24 + 30 snapshots.
 */
const KEEP_NEWEST = 3
const HOUR = 3600_000
const DAY = 24 * HOUR
const KEEP_DAYS = 30
const KEEP_MAX = 60

/** The transcripts a snapshot holds: the interviews', and those of deleted interviews the trash can still bring back. */
export function transcriptIds(index: ArchiveIndex): string[] {
  return [...index.interviews.map((i) => i.id), ...index.trash.filter((e) => e.kind === 'interviews').map((e) => String(e.record.id))]
}

const stampOf = (date: Date): string => date.toISOString().replace(/[:.]/g, '-')

/** A snapshot id back to its time (`2026-11-25T06-25-05-664Z`, maybe with `-2` after it). */
export function timeOfId(id: string): number | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z(?:-\d{1,6})?$/.exec(id)
  if (!m) return null
  const t = Date.parse(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`)
  return Number.isNaN(t) ? null : t
}

/**
 * A snapshot is a folder holding a copy of archive.json, a hard link to every transcript, and
 * `snapshot.json` (its time and counts). Transcripts are only ever replaced by rename, never
 * written in place, so a link keeps the old words for as long as the snapshot lives, at the cost
 * of one directory entry. It is made under a `.partial` name and renamed into place when whole.
 */
export class SnapshotInProgress {
  private constructor(
    private readonly fs: ArchiveFs,
    private readonly dir: string,
    readonly id: string,
    private readonly staging: string,
    private readonly createdAt: Date
  ) {}

  static async begin(fs: ArchiveFs, dir: string, now = new Date()): Promise<SnapshotInProgress> {
    // Two snapshots in the same millisecond (a backup right after a save) get distinct names.
    let id = stampOf(now)
    for (let n = 1; await exists(fs, join(backupsPath(dir), id)); n++) id = `${stampOf(now)}-${n}`
    const staging = `${join(backupsPath(dir), id)}.partial`
    await fs.rm(staging, { recursive: true, force: true })
    await fs.mkdir(join(staging, TRANSCRIPTS_DIR), { recursive: true })
    return new SnapshotInProgress(fs, dir, id, staging, now)
  }

  /**
   * Links these transcripts as they are now (one linked before is kept; a missing one is skipped).
   * A few links at a time: one after another, 20,000 took 1.0 s here, 16 at a time 0.5 s. Every
   * link has settled before this returns or throws, so an abandoned snapshot is removed whole.
   */
  async link(interviewIds: Iterable<string>): Promise<void> {
    const ids = [...interviewIds]
    let next = 0
    const failures: unknown[] = []
    const worker = async (): Promise<void> => {
      while (next < ids.length && failures.length === 0) {
        const interviewId = ids[next++]!
        const from = join(transcriptsPath(this.dir), `${interviewId}.json`)
        const to = join(this.staging, TRANSCRIPTS_DIR, `${interviewId}.json`)
        await this.fs
          .link(from, to)
          .catch(async (e: NodeJS.ErrnoException) => {
            if (e.code === 'ENOENT' || e.code === 'EEXIST') return
            await this.fs.copyFile(from, to)
          })
          .catch((e: unknown) => void failures.push(e))
      }
    }
    await Promise.all(Array.from({ length: Math.min(LINKS_AT_ONCE, ids.length) }, worker))
    if (failures.length) throw failures[0]
  }

  async finish(indexText: string, facts: Omit<SnapshotFacts, 'createdAt'>): Promise<BackupInfo> {
    // The links are entries in the snapshot's own folder: flushed too, or a power cut could leave a
    // snapshot whose archive.json names transcripts it does not hold.
    await syncFolder(this.fs, join(this.staging, TRANSCRIPTS_DIR))
    await writeFileDurably(this.fs, join(this.staging, INDEX_FILE), indexText)
    const all: SnapshotFacts = { ...facts, createdAt: this.createdAt.toISOString() }
    await writeFileDurably(this.fs, join(this.staging, SNAPSHOT_INFO), `${JSON.stringify(all, null, 2)}\n`)
    await this.fs.rename(this.staging, join(backupsPath(this.dir), this.id))
    await syncFolder(this.fs, backupsPath(this.dir))
    return { id: this.id, createdAt: all.createdAt, interviews: all.interviews, quotes: all.quotes, claims: all.claims }
  }

  async abandon(): Promise<void> {
    await this.fs.rm(this.staging, { recursive: true, force: true }).catch(() => undefined)
  }
}

export async function createBackup(fs: ArchiveFs, dir: string, source: SnapshotSource, now = new Date()): Promise<BackupInfo> {
  const snapshot = await SnapshotInProgress.begin(fs, dir, now)
  try {
    await snapshot.link(source.interviewIds)
    return await snapshot.finish(source.indexText, source.facts)
  } catch (e) {
    await snapshot.abandon()
    throw e
  }
}

async function exists(fs: ArchiveFs, path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false
  )
}

/** Snapshot folder names, newest first (never one half made or half pruned). */
export async function snapshotIds(fs: ArchiveFs, dir: string): Promise<string[]> {
  const names = await fs.readdir(backupsPath(dir)).catch(() => [] as string[])
  return names.filter((n) => !n.endsWith('.partial') && timeOfId(n) !== null).sort().reverse()
}

/** A snapshot's facts from its `snapshot.json`; null for one made before there was one. */
export async function snapshotFacts(fs: ArchiveFs, dir: string, id: string): Promise<SnapshotFacts | null> {
  try {
    const raw = JSON.parse(await fs.readFile(join(backupsPath(dir), id, SNAPSHOT_INFO), 'utf8')) as Partial<SnapshotFacts>
    if (typeof raw.createdAt !== 'string' || typeof raw.interviews !== 'number') return null
    return {
      createdAt: raw.createdAt,
      interviews: raw.interviews,
      quotes: Number(raw.quotes ?? 0),
      claims: Number(raw.claims ?? 0),
      archiveId: String(raw.archiveId ?? ''),
      revision: Number(raw.revision ?? -1)
    }
  } catch {
    return null
  }
}

export async function listBackups(fs: ArchiveFs, dir: string): Promise<BackupInfo[]> {
  const out: BackupInfo[] = []
  for (const id of await snapshotIds(fs, dir)) {
    try {
      // The archive.json must be there for the snapshot to be offered; it is read only for a
      // snapshot an older Verbatim made, which has no snapshot.json.
      const stat = await fs.stat(join(backupsPath(dir), id, INDEX_FILE))
      const facts = await snapshotFacts(fs, dir, id)
      if (facts) {
        out.push({ id, createdAt: facts.createdAt, interviews: facts.interviews, quotes: facts.quotes, claims: facts.claims })
        continue
      }
      const check = checkIndexText(await fs.readFile(join(backupsPath(dir), id, INDEX_FILE), 'utf8'))
      if (!check.ok) continue
      out.push({
        id,
        createdAt: stat.mtime.toISOString(),
        interviews: check.index.interviews.length,
        quotes: check.index.quotes.length,
        claims: check.index.claims.length
      })
    } catch {
      // An unreadable snapshot is not offered; pruning removes it in time.
    }
  }
  return out
}

/** Which snapshots the policy above keeps, given their ids and times, newest first. */
export function snapshotsToPrune(snapshots: Array<{ id: string; time: number }>, now: number): string[] {
  const kept = new Set<string>()
  const doomed: string[] = []
  let count = 0
  for (const [i, s] of snapshots.entries()) {
    const age = now - s.time
    const bucket = age <= DAY ? `h${Math.floor(s.time / HOUR)}` : `d${Math.floor(s.time / DAY)}`
    const keep = i < KEEP_NEWEST || (age <= KEEP_DAYS * DAY && !kept.has(bucket) && count < KEEP_MAX)
    if (keep) {
      kept.add(bucket)
      count++
    } else doomed.push(s.id)
  }
  return doomed
}

export async function pruneBackups(fs: ArchiveFs, dir: string, now = Date.now()): Promise<void> {
  const snapshots = (await snapshotIds(fs, dir)).map((id) => ({ id, time: timeOfId(id) ?? 0 }))
  for (const id of snapshotsToPrune(snapshots, now)) {
    // Renamed out of the list first: a crash half way through removing it must not leave a
    // snapshot that is offered for restore with some of its transcripts gone.
    const gone = join(backupsPath(dir), `${id}.pruned.partial`)
    await fs.rename(join(backupsPath(dir), id), gone)
    await fs.rm(gone, { recursive: true, force: true })
  }
}

/** Copies a snapshot's transcripts back over the archive (the caller holds the lock). */
export async function restoreBackupTranscripts(fs: ArchiveFs, dir: string, backupId: string, interviewIds: readonly string[]): Promise<void> {
  const from = join(backupsPath(dir), backupId)
  await fs.mkdir(transcriptsPath(dir), { recursive: true })
  for (const id of interviewIds) {
    const text = await fs.readFile(join(from, TRANSCRIPTS_DIR, `${id}.json`), 'utf8').catch(() => null)
    if (text !== null) await writeFileDurably(fs, join(transcriptsPath(dir), `${id}.json`), text)
  }
}

/** Copies a snapshot's files back over the archive, archive.json last (the caller holds the lock). */
export async function restoreBackupFiles(fs: ArchiveFs, dir: string, backupId: string): Promise<void> {
  if (timeOfId(backupId) === null) throw new Error(`no such backup: ${backupId}`)
  const indexText = await fs.readFile(join(backupsPath(dir), backupId, INDEX_FILE), 'utf8')
  const check = checkIndexText(indexText)
  if (!check.ok) throw new Error(`backup ${backupId} does not validate: ${check.problem}`)
  await restoreBackupTranscripts(fs, dir, backupId, transcriptIds(check.index))
  await writeFileDurably(fs, indexPath(dir), indexText)
}
