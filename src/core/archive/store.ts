import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { VerbatimError } from '../../shared/errors'
import { ArchiveIndexSchema, SCHEMA_VERSION, type ArchiveIndex, type Segment } from '../../shared/model'
import { describeIssues } from '../../shared/api/dispatch'
import { createBackup, listBackups, pruneBackups, restoreBackupFiles, type BackupInfo } from './backup'
import { isTempFile, syncFolder, writeFileDurably } from './durable-write'
import { realFs, type ArchiveFs } from './fs'
import { DurableJsonFile } from './json-adapter'
import { indexPath, quarantinePath, transcriptPath, transcriptsPath } from './layout'
import { ArchiveLock } from './lock'
import { checkIndexText, checkTranscriptText } from './validate'
import { explainFsError } from './fs-errors'

export interface OpenOptions {
  /** `read` takes no lock and refuses every write: for a CLI listing while the app has the archive. */
  mode?: 'write' | 'read'
  /** Who holds the lock, as the refusal message will name it. */
  app?: string
  fs?: ArchiveFs
  /** What a brand-new archive starts with (the demo archive, or nothing). */
  seed?: () => Promise<SeedArchive | null>
  /** Minutes between automatic snapshots while edits are made. */
  backupEveryMinutes?: number
}

export interface SeedArchive {
  index: ArchiveIndex
  transcripts: Record<string, Segment[]>
}

/** What opening found and did, for the app to tell the user. */
export interface OpenReport {
  created: boolean
  restoredFrom?: BackupInfo
  movedAside?: string
  problem?: string
}

export interface Transaction {
  writeTranscript(interviewId: string, segments: Segment[]): void
  deleteTranscript(interviewId: string): void
}

export function newId(): string {
  return randomUUID().replace(/-/g, '').slice(0, 16)
}

export function emptyIndex(now = new Date()): ArchiveIndex {
  return {
    schemaVersion: SCHEMA_VERSION,
    archiveId: newId(),
    createdAt: now.toISOString(),
    settings: { name: 'Verbatim archive', theme: 'system' },
    interviews: [],
    sources: [],
    tags: [],
    quotes: [],
    claims: [],
    drafts: []
  }
}

/**
 * One archive folder, opened by one writer. All writes go through `commit`, which applies a
 * change to a copy, validates it, writes the touched files durably and only then makes the copy
 * the current state: a failed save leaves both the disk and the memory as they were.
 */
export class ArchiveStore {
  private readonly db: Low<ArchiveIndex>
  private readonly transcripts = new Map<string, Segment[]>()
  private queue: Promise<unknown> = Promise.resolve()
  private lastBackupAt = 0
  private closed = false

  private constructor(
    readonly dir: string,
    private readonly fs: ArchiveFs,
    index: ArchiveIndex,
    private readonly lock: ArchiveLock | null,
    readonly readOnlyReason: string | undefined,
    readonly openReport: OpenReport,
    private readonly backupEveryMs: number
  ) {
    this.db = new Low(new DurableJsonFile<ArchiveIndex>(fs, indexPath(dir)), index)
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== undefined
  }

  /** The last saved state. Treat as read-only: change it only through `commit`. */
  get index(): Readonly<ArchiveIndex> {
    return this.db.data
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<ArchiveStore> {
    const fs = options.fs ?? realFs
    const mode = options.mode ?? 'write'
    if (mode === 'write') await fs.mkdir(transcriptsPath(dir), { recursive: true }).catch(rethrowFs(dir, 'not-saved'))
    const lock = mode === 'write' ? await ArchiveLock.acquire(fs, dir, options.app ?? 'Verbatim') : null
    try {
      const report: OpenReport = { created: false }
      let readOnlyReason = mode === 'read' ? 'opened read-only' : undefined
      let text = await fs.readFile(indexPath(dir), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null
        throw explainFsError(e, indexPath(dir), 'corrupt')
      })
      if (text === null && mode === 'write' && !(await hasTranscripts(fs, dir))) {
        const seed = (await options.seed?.()) ?? null
        text = await createArchive(fs, dir, seed)
        report.created = true
      }
      if (text === null) {
        if (mode === 'read') throw new VerbatimError('not-found', `There is no Verbatim archive in ${dir}.`)
        text = await recover(fs, dir, 'archive.json is missing', report)
      }
      let check = checkIndexText(text)
      if (!check.ok && mode === 'write') {
        text = await recover(fs, dir, `archive.json is damaged: ${check.problem}`, report)
        check = checkIndexText(text)
      }
      if (!check.ok) throw new VerbatimError('corrupt', `The archive in ${dir} cannot be read: ${check.problem}.`)
      if (check.newer) {
        readOnlyReason = `This archive was saved by a newer Verbatim (format ${check.version}; this one knows ${SCHEMA_VERSION}). It is open read-only so nothing of the newer format is lost.`
      }
      const store = new ArchiveStore(
        dir,
        fs,
        check.index,
        lock,
        readOnlyReason,
        report,
        (options.backupEveryMinutes ?? 30) * 60_000
      )
      if (!store.readOnly) await store.startSession(text)
      return store
    } catch (e) {
      await lock?.release()
      throw e
    }
  }

  /** Snapshot on open and tidy what a crash may have left: temp files that were never renamed. */
  private async startSession(indexText: string): Promise<void> {
    for (const folder of [this.dir, transcriptsPath(this.dir)]) {
      const names = await this.fs.readdir(folder).catch(() => [] as string[])
      for (const name of names.filter(isTempFile)) await this.fs.rm(join(folder, name), { force: true })
    }
    await this.snapshot(indexText)
  }

  private async snapshot(indexText?: string): Promise<void> {
    try {
      await createBackup(this.fs, this.dir, indexText ?? serialise(this.db.data))
      this.lastBackupAt = Date.now()
      await pruneBackups(this.fs, this.dir)
    } catch {
      // A snapshot that cannot be made (full disk) must not stop the work it protects; the next try comes later.
    }
  }

  async transcript(interviewId: string): Promise<Segment[]> {
    const cached = this.transcripts.get(interviewId)
    if (cached) return cached
    if (!this.db.data.interviews.some((i) => i.id === interviewId)) {
      throw new VerbatimError('not-found', `No interview with id ${interviewId}.`)
    }
    const file = transcriptPath(this.dir, interviewId)
    let text: string
    try {
      text = await this.fs.readFile(file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new VerbatimError('corrupt', `The transcript file ${file} is missing. Restore a backup to get it back.`)
      }
      throw explainFsError(e, file, 'corrupt')
    }
    const parsed = checkTranscriptText(text, interviewId)
    if (typeof parsed === 'string') {
      throw new VerbatimError('corrupt', `The transcript file ${file} cannot be read: ${parsed}. Restore a backup to get it back.`)
    }
    this.transcripts.set(interviewId, parsed.segments)
    return parsed.segments
  }

  /**
   * Applies `change` to a copy of the archive and saves it. Resolves only once every touched file
   * is on disk; rejects with a `not-saved` error, state untouched, when the disk refuses.
   */
  commit<R>(change: (next: ArchiveIndex, tx: Transaction) => R | Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      if (this.closed) throw new VerbatimError('not-saved', 'The archive is closed.')
      if (this.readOnly) throw new VerbatimError('read-only', this.readOnlyReason ?? 'The archive is read-only.')
      const next = structuredClone(this.db.data)
      const writes = new Map<string, Segment[]>()
      const deletes = new Set<string>()
      const result = await change(next, {
        writeTranscript: (id, segments) => {
          deletes.delete(id)
          writes.set(id, segments)
        },
        deleteTranscript: (id) => {
          writes.delete(id)
          deletes.add(id)
        }
      })
      const valid = ArchiveIndexSchema.safeParse(next)
      if (!valid.success) throw new VerbatimError('invalid-input', describeIssues(valid.error))
      const written: string[] = []
      const previous = this.db.data
      try {
        // Transcripts first, the index last: a crash in between leaves an unreferenced file, never
        // an index pointing at words that are not there.
        for (const [id, segments] of writes) {
          const file = transcriptPath(this.dir, id)
          await writeFileDurably(this.fs, file, serialise({ schemaVersion: SCHEMA_VERSION, interviewId: id, segments }))
          written.push(id)
        }
        this.db.data = valid.data
        await this.db.write()
      } catch (e) {
        this.db.data = previous
        for (const id of written) if (!previous.interviews.some((i) => i.id === id)) await this.fs.rm(transcriptPath(this.dir, id), { force: true }).catch(() => undefined)
        for (const id of written) this.transcripts.delete(id)
        throw explainFsError(e, this.dir, 'not-saved')
      }
      for (const [id, segments] of writes) this.transcripts.set(id, segments)
      for (const id of deletes) {
        this.transcripts.delete(id)
        await this.fs.rm(transcriptPath(this.dir, id), { force: true }).catch(() => undefined)
      }
      if (deletes.size) await syncFolder(this.fs, transcriptsPath(this.dir)).catch(() => undefined)
      if (Date.now() - this.lastBackupAt > this.backupEveryMs) await this.snapshot()
      return result
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  backups(): Promise<BackupInfo[]> {
    return listBackups(this.fs, this.dir)
  }

  async backupNow(): Promise<BackupInfo> {
    if (this.readOnly) throw new VerbatimError('read-only', this.readOnlyReason ?? 'The archive is read-only.')
    await this.queue
    const info = await createBackup(this.fs, this.dir, serialise(this.db.data)).catch((e: unknown) => {
      throw explainFsError(e, this.dir, 'not-saved')
    })
    this.lastBackupAt = Date.now()
    return info
  }

  /** Waits for pending saves, then lets the archive go for another writer. */
  async close(): Promise<void> {
    await this.queue
    this.closed = true
    await this.lock?.release()
  }

  /** Restores a snapshot in place; the store must be reopened afterwards. */
  async restore(backupId: string): Promise<void> {
    if (this.readOnly) throw new VerbatimError('read-only', this.readOnlyReason ?? 'The archive is read-only.')
    await this.queue
    await this.snapshot()
    await restoreBackupFiles(this.fs, this.dir, backupId).catch((e: unknown) => {
      throw explainFsError(e, this.dir, 'not-saved')
    })
    this.transcripts.clear()
    this.closed = true
    await this.lock?.release()
  }
}

export function serialise(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

async function hasTranscripts(fs: ArchiveFs, dir: string): Promise<boolean> {
  const names = await fs.readdir(transcriptsPath(dir)).catch(() => [] as string[])
  return names.some((n) => n.endsWith('.json') && !isTempFile(n))
}

async function createArchive(fs: ArchiveFs, dir: string, seed: SeedArchive | null): Promise<string> {
  const index = seed?.index ?? emptyIndex()
  for (const [id, segments] of Object.entries(seed?.transcripts ?? {})) {
    await writeFileDurably(fs, transcriptPath(dir, id), serialise({ schemaVersion: SCHEMA_VERSION, interviewId: id, segments }))
  }
  const text = serialise(index)
  await writeFileDurably(fs, indexPath(dir), text)
  return text
}

/**
 * archive.json is missing or damaged: never write over it. Move it aside where the user can find
 * it, put the newest good snapshot back, and say so.
 */
async function recover(fs: ArchiveFs, dir: string, problem: string, report: OpenReport): Promise<string> {
  report.problem = problem
  const damaged = await fs.readFile(indexPath(dir), 'utf8').then(
    () => true,
    () => false
  )
  if (damaged) {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    await fs.mkdir(quarantinePath(dir), { recursive: true })
    const aside = join(quarantinePath(dir), `archive-${stamp}.json`)
    await fs.rename(indexPath(dir), aside)
    report.movedAside = aside
  }
  const [newest] = await listBackups(fs, dir)
  if (!newest) {
    throw new VerbatimError(
      'corrupt',
      `The archive in ${dir} cannot be opened: ${problem}, and it has no backup to restore.` +
        (report.movedAside ? ` The damaged file was moved to ${report.movedAside}.` : '')
    )
  }
  await restoreBackupFiles(fs, dir, newest.id)
  report.restoredFrom = newest
  return fs.readFile(indexPath(dir), 'utf8')
}

function rethrowFs(path: string, code: 'not-saved' | 'corrupt') {
  return (e: unknown): never => {
    throw explainFsError(e, path, code)
  }
}
