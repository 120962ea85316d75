import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { VerbatimError, isVerbatimError } from '../../shared/errors'
import { ArchiveIndexSchema, SCHEMA_VERSION, SettingsSchema, type ArchiveIndex, type Segment } from '../../shared/model'
import { describeIssues } from '../../shared/api/dispatch'
import { createBackup, listBackups, pruneBackups, restoreBackupFiles, type BackupInfo } from './backup'
import { isTempFile, syncFolder, wasReplaced, writeFileDurably } from './durable-write'
import { realFs, type ArchiveFs } from './fs'
import { DurableJsonFile } from './json-adapter'
import { TRANSCRIPTS_DIR, backupsPath, indexPath, quarantinePath, transcriptPath, transcriptsPath } from './layout'
import { ArchiveLock, isLockLeftover, removeLockLeftovers } from './lock'
import { beginPendingSave, endPendingSave, hashText, settlePendingSave, undoPendingSave, type PendingSave } from './pending-save'
import { checkIndexText, checkTranscriptText } from './validate'
import { explainFsError, reasonOf } from './fs-errors'

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
  /** archive.json was damaged or missing and this snapshot was put back. */
  restoredFrom?: BackupInfo
  /** Where the damaged archive.json was moved, byte for byte as it was found. */
  movedAside?: string
  /** Where the transcripts as they were before the restore were kept (hard links). */
  keptAside?: string
  problem?: string
  /** Transcript files that were damaged or missing, and what was done about each. */
  transcripts?: TranscriptRecovery[]
  /** The whole story in sentences a reporter can read: what was wrong, what was restored, what may be missing. */
  message?: string
}

export interface TranscriptRecovery {
  interviewId: string
  title: string
  problem: string
  /** Where the damaged file was moved (absent when the file was missing). */
  movedAside?: string
  /** The snapshot whose copy was put back; absent when no snapshot had a readable copy. */
  restoredFrom?: BackupInfo
}

/** What one save changed, for caches kept beside the archive (the search index). */
export interface CommitEvent {
  previous: Readonly<ArchiveIndex>
  next: Readonly<ArchiveIndex>
  transcriptsWritten: ReadonlyMap<string, Segment[]>
  transcriptsDeleted: ReadonlySet<string>
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
    revision: 0,
    archiveId: newId(),
    createdAt: now.toISOString(),
    settings: SettingsSchema.parse({}),
    interviews: [],
    sources: [],
    tags: [],
    quotes: [],
    claims: [],
    drafts: [],
    sourceMerges: [],
    trash: []
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
  private readonly listeners: ((event: CommitEvent) => void)[] = []
  private undoFailedSave: (() => Promise<void>) | undefined

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
    let mode = options.mode ?? 'write'
    let lock: ArchiveLock | null = null
    let cannotWrite: string | undefined
    if (mode === 'write') {
      try {
        await fs.mkdir(transcriptsPath(dir), { recursive: true })
        lock = await ArchiveLock.acquire(fs, dir, options.app ?? 'Verbatim')
      } catch (e) {
        // A read-only disk or a folder we may not write: show the archive, change nothing.
        if (isVerbatimError(e)) throw e
        if (!['EROFS', 'EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '')) {
          throw new VerbatimError('not-saved', `Verbatim could not open the archive for writing: ${reasonOf(e)} (${dir}).`)
        }
        cannotWrite = `Verbatim cannot write to this archive's folder: ${reasonOf(e)} (${dir}). It is open read-only; nothing can be changed until that is fixed.`
        mode = 'read'
      }
    }
    try {
      const report: OpenReport = { created: false }
      let readOnlyReason = cannotWrite ?? (mode === 'read' ? 'opened read-only' : undefined)
      let text = await fs.readFile(indexPath(dir), 'utf8').catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return null
        throw explainFsError(e, indexPath(dir), 'corrupt')
      })
      if (text === null && mode === 'write' && (!(await hasTranscripts(fs, dir)) || (await exists(fs, creatingPath(dir))))) {
        const seed = (await options.seed?.()) ?? null
        text = await createArchive(fs, dir, seed)
        report.created = true
      }
      if (text === null) {
        if (mode === 'read') throw new VerbatimError('not-found', `There is no Verbatim archive in ${dir}.`)
        text = await recover(fs, dir, 'archive.json is missing', report)
      }
      let check = checkIndexText(text)
      if (!check.ok && check.newerVersion !== undefined) {
        // Never "repair" what a newer build wrote: moving it aside for an old snapshot would lose its work.
        throw new VerbatimError(
          'unsupported',
          `The archive in ${dir} was saved by a newer Verbatim (format ${check.newerVersion}; this one knows ${SCHEMA_VERSION}) and this version cannot read it. Open it with the newer Verbatim; nothing was changed.`
        )
      }
      if (!check.ok && mode === 'write') {
        text = await recover(fs, dir, `archive.json is damaged: ${check.problem}`, report)
        check = checkIndexText(text)
      }
      if (!check.ok) throw new VerbatimError('corrupt', `The archive in ${dir} cannot be read: ${check.problem}.`)
      if (check.newer) {
        readOnlyReason = `This archive was saved by a newer Verbatim (format ${check.version}; this one knows ${SCHEMA_VERSION}). It is open read-only so nothing of the newer format is lost.`
      }
      if (mode === 'write' && !check.newer) {
        const interrupted = await settlePendingSave(fs, dir, text)
        // The last session may not have ended cleanly (its lock was stale, a save was cut short,
        // archive.json had to be restored): read every transcript now rather than on first use.
        if (lock?.tookOver || interrupted || report.problem) await checkTranscripts(fs, dir, check.index, report)
      }
      if (report.problem || report.transcripts?.length) report.message = describeRecovery(report)
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
      // A racer's lock file in the making is not ours to delete: removeLockLeftovers checks its pid.
      for (const name of names.filter((n) => isTempFile(n) && !isLockLeftover(n))) await this.fs.rm(join(folder, name), { force: true })
    }
    await removeLockLeftovers(this.fs, this.dir)
    await this.fs.rm(creatingPath(this.dir), { force: true })
    // Snapshots a crash interrupted (being made, or being pruned) are never offered; remove them.
    const backups = await this.fs.readdir(backupsPath(this.dir)).catch(() => [] as string[])
    for (const name of backups.filter((n) => n.endsWith('.partial'))) {
      await this.fs.rm(join(backupsPath(this.dir), name), { recursive: true, force: true }).catch(() => undefined)
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
    const interview = this.db.data.interviews.find((i) => i.id === interviewId)
    if (!interview) throw new VerbatimError('not-found', `No interview with id ${interviewId}.`)
    const file = transcriptPath(this.dir, interviewId)
    let text: string | null
    try {
      text = await this.fs.readFile(file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw explainFsError(e, file, 'corrupt')
      text = null
    }
    const parsed = text === null ? 'the file is missing' : checkTranscriptText(text, interviewId)
    if (typeof parsed !== 'string') {
      this.transcripts.set(interviewId, parsed.segments)
      return parsed.segments
    }
    const known = this.openReport.transcripts?.find((t) => t.interviewId === interviewId && !t.restoredFrom)
    if (this.readOnly || this.closed || (known && text === null)) {
      throw new VerbatimError('corrupt', known ? describeTranscriptRecovery(known) : `The transcript file ${file} cannot be read: ${parsed}. Restore a backup to get it back.`)
    }
    // Damaged since it was written (a clean open does not read every transcript): repaired like
    // on open, recorded in the open report, and said once; the next read gets the restored words.
    const entry = await recoverTranscript(this.fs, this.dir, interview, parsed, text !== null, new BackupCache(this.fs, this.dir)).catch((e: unknown) => {
      throw explainFsError(e, file, 'corrupt')
    })
    ;(this.openReport.transcripts ??= []).push(entry)
    this.openReport.message = describeRecovery(this.openReport)
    throw new VerbatimError('corrupt', describeTranscriptRecovery(entry))
  }

  /**
   * Applies `change` to a copy of the archive and saves it. Resolves only once every touched file
   * is on disk; rejects with a `not-saved` error, state untouched, when the disk refuses.
   */
  commit<R>(change: (next: ArchiveIndex, tx: Transaction) => R | Promise<R>): Promise<R> {
    const run = async (): Promise<R> => {
      if (this.closed) throw new VerbatimError('not-saved', 'The archive is closed.')
      if (this.readOnly) throw new VerbatimError('read-only', this.readOnlyReason ?? 'The archive is read-only.')
      if (this.undoFailedSave) {
        // An earlier failed save could not be taken back from the disk yet: finish that first.
        await this.undoFailedSave().catch((e: unknown) => {
          throw explainFsError(e, this.dir, 'not-saved')
        })
        this.undoFailedSave = undefined
      }
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
      next.revision = this.db.data.revision + 1
      const valid = ArchiveIndexSchema.safeParse(next)
      if (!valid.success) throw new VerbatimError('invalid-input', describeIssues(valid.error))
      const previous = this.db.data
      const text = serialise(valid.data)
      // Transcripts the index already names are replaced under a pending-save note, so that a
      // crash or a failure part way never leaves new words under the old index.
      const replacing = [...writes.keys()].filter((id) => previous.interviews.some((i) => i.id === id))
      const attempted: string[] = []
      let pending: PendingSave | undefined
      let indexReplaced = false
      try {
        if (replacing.length) {
          for (const id of replacing) await this.transcript(id).catch(() => undefined)
          const onDisk = await this.fs.readFile(indexPath(this.dir), 'utf8')
          pending = await beginPendingSave(this.fs, this.dir, replacing, [hashText(onDisk), hashText(serialise(previous))], text)
        }
        // Transcripts first, the index last: a crash in between leaves an unreferenced file (or a
        // pending save the next open undoes), never an index pointing at words that are not there.
        for (const [id, segments] of writes) {
          attempted.push(id)
          await writeFileDurably(this.fs, transcriptPath(this.dir, id), serialise({ schemaVersion: SCHEMA_VERSION, interviewId: id, segments }))
        }
        // Through lowdb's adapter (the durable writer) rather than Low.write(), so that the state
        // in memory changes only once the file is on disk: a reader never sees an edit that may
        // yet fail. The adapter writes exactly `text`.
        await this.db.adapter.write(valid.data).catch((e: unknown) => {
          indexReplaced = wasReplaced(e)
          throw e
        })
      } catch (e) {
        const undo = this.undoOnDisk(previous, attempted, pending, indexReplaced)
        await undo().catch(() => {
          this.undoFailedSave = undo
        })
        throw explainFsError(e, this.dir, 'not-saved')
      }
      this.db.data = valid.data
      if (pending) await endPendingSave(this.fs, this.dir, pending).catch(() => undefined)
      for (const [id, segments] of writes) this.transcripts.set(id, segments)
      for (const id of deletes) {
        this.transcripts.delete(id)
        await this.fs.rm(transcriptPath(this.dir, id), { force: true }).catch(() => undefined)
      }
      if (deletes.size) await syncFolder(this.fs, transcriptsPath(this.dir)).catch(() => undefined)
      for (const listener of this.listeners) {
        // A cache that fails to follow must not turn a saved edit into a reported failure.
        try {
          listener({ previous, next: valid.data, transcriptsWritten: writes, transcriptsDeleted: deletes })
        } catch (e) {
          console.error('verbatim: a cache could not follow a save:', e)
        }
      }
      if (Date.now() - this.lastBackupAt > this.backupEveryMs) await this.snapshot()
      return result
    }
    const result = this.queue.then(run, run)
    this.queue = result.catch(() => undefined)
    return result
  }

  /**
   * What takes a failed save back off the disk: the old archive.json if the new one was already
   * renamed into place, the old transcripts (kept as links), and no file for a new interview.
   * Every step can be repeated, so a try that fails is tried again before the next save.
   */
  private undoOnDisk(previous: ArchiveIndex, attempted: string[], pending: PendingSave | undefined, indexReplaced: boolean): () => Promise<void> {
    return async () => {
      if (indexReplaced) await writeFileDurably(this.fs, indexPath(this.dir), serialise(previous))
      if (pending) await undoPendingSave(this.fs, this.dir, pending)
      const fresh = attempted.filter((id) => !previous.interviews.some((i) => i.id === id))
      for (const id of fresh) await this.fs.rm(transcriptPath(this.dir, id), { force: true })
      if (fresh.length) await syncFolder(this.fs, transcriptsPath(this.dir))
    }
  }

  /** Called after every save, once it is on disk. */
  onCommit(listener: (event: CommitEvent) => void): void {
    this.listeners.push(listener)
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
    // A failed save whose undo failed too: one more try, so the disk matches what the user was told.
    if (this.undoFailedSave && !this.closed) await this.undoFailedSave().then(() => (this.undoFailedSave = undefined), () => undefined)
    this.closed = true
    await this.lock?.release()
  }

  /**
   * Restores a snapshot in place; the store must be reopened afterwards. The state being replaced
   * is snapshotted first, and the restore is one pending save: a crash half way is undone on the
   * next open, a failure is undone at once.
   */
  async restore(backupId: string): Promise<void> {
    if (this.readOnly) throw new VerbatimError('read-only', this.readOnlyReason ?? 'The archive is read-only.')
    await this.queue
    if (this.closed) throw new VerbatimError('not-saved', 'The archive is closed.')
    await this.snapshot()
    const current = this.db.data
    let pending: PendingSave | undefined
    let indexReplaced = false
    try {
      if (!/^[0-9TZ-]+$/.test(backupId)) throw new VerbatimError('not-found', `There is no backup ${backupId}.`)
      const backupText = await this.fs.readFile(join(backupsPath(this.dir), backupId, 'archive.json'), 'utf8').catch(() => {
        throw new VerbatimError('not-found', `There is no backup ${backupId}.`)
      })
      const check = checkIndexText(backupText)
      if (!check.ok) throw new VerbatimError('corrupt', `The backup ${backupId} cannot be read: ${check.problem}.`)
      const onDisk = await this.fs.readFile(indexPath(this.dir), 'utf8')
      pending = await beginPendingSave(
        this.fs,
        this.dir,
        check.index.interviews.map((i) => i.id),
        [hashText(onDisk), hashText(serialise(current))],
        backupText
      )
      await restoreBackupFiles(this.fs, this.dir, backupId).catch((e: unknown) => {
        indexReplaced = wasReplaced(e)
        throw e
      })
    } catch (e) {
      if (pending) {
        const undo = this.undoOnDisk(current, [], pending, indexReplaced)
        await undo().catch(() => {
          this.undoFailedSave = undo
        })
      }
      throw explainFsError(e, this.dir, 'not-saved')
    }
    await endPendingSave(this.fs, this.dir, pending).catch(() => undefined)
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

async function exists(fs: ArchiveFs, file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false
  )
}

/** Present while a new archive's first files are being written. */
const creatingPath = (dir: string): string => join(dir, '.verbatim-creating')

async function createArchive(fs: ArchiveFs, dir: string, seed: SeedArchive | null): Promise<string> {
  const index = seed?.index ?? emptyIndex()
  const transcripts = Object.entries(seed?.transcripts ?? {})
  // A crash after the seed's transcripts but before archive.json would otherwise leave a folder
  // that looks like an archive whose index was lost (and, having no snapshot yet, could never open).
  if (transcripts.length) await writeFileDurably(fs, creatingPath(dir), `${new Date().toISOString()}\n`)
  for (const [id, segments] of transcripts) {
    await writeFileDurably(fs, transcriptPath(dir, id), serialise({ schemaVersion: SCHEMA_VERSION, interviewId: id, segments }))
  }
  const text = serialise(index)
  await writeFileDurably(fs, indexPath(dir), text)
  await fs.rm(creatingPath(dir), { force: true })
  return text
}

const stampNow = (): string => new Date().toISOString().replace(/[:.]/g, '-')

/**
 * archive.json is missing or damaged: never write over it. Move it aside where the user can find
 * it, keep the transcripts as they are (links, in case they are newer than the snapshot), put the
 * newest good snapshot back, and say so.
 */
async function recover(fs: ArchiveFs, dir: string, problem: string, report: OpenReport): Promise<string> {
  report.problem = problem
  const [newest] = await listBackups(fs, dir)
  if (!newest) {
    // Nothing to put back: leave every file where it is for a person (or a newer Verbatim) to look at.
    throw new VerbatimError(
      'corrupt',
      `The archive in ${dir} cannot be opened: ${problem}, and it has no backup to restore. Nothing was changed; the files are as they were found.`
    )
  }
  const damaged = await exists(fs, indexPath(dir))
  const stamp = stampNow()
  if (damaged) {
    await fs.mkdir(quarantinePath(dir), { recursive: true })
    const aside = join(quarantinePath(dir), `archive-${stamp}.json`)
    await fs.rename(indexPath(dir), aside)
    await syncFolder(fs, quarantinePath(dir))
    report.movedAside = aside
  }
  const current = (await fs.readdir(transcriptsPath(dir)).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'))
  if (current.length) {
    const keep = join(quarantinePath(dir), `interviews-before-restore-${stamp}`)
    await fs.mkdir(keep, { recursive: true })
    for (const name of current) {
      await fs.link(join(transcriptsPath(dir), name), join(keep, name)).catch(() => fs.copyFile(join(transcriptsPath(dir), name), join(keep, name)))
    }
    await syncFolder(fs, keep)
    report.keptAside = keep
  }
  await restoreBackupFiles(fs, dir, newest.id)
  report.restoredFrom = newest
  return fs.readFile(indexPath(dir), 'utf8')
}

/**
 * Reads every transcript the index names. A damaged one is moved aside (never written over) and
 * the newest snapshot holding a readable copy is put back; a missing one is put back the same way.
 */
/**
 * Reads every transcript the index names, and repairs the ones that are damaged or missing (see
 * recoverTranscript). Done on open when the last session may not have ended cleanly; otherwise a
 * transcript is checked when it is first read, so that a clean open never reads every transcript.
 */
async function checkTranscripts(fs: ArchiveFs, dir: string, index: ArchiveIndex, report: OpenReport): Promise<void> {
  const backups = new BackupCache(fs, dir)
  for (const interview of index.interviews) {
    const file = transcriptPath(dir, interview.id)
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw explainFsError(e, file, 'corrupt')
      return null
    })
    const checked = text === null ? 'the file is missing' : checkTranscriptText(text, interview.id)
    if (typeof checked !== 'string') continue
    ;(report.transcripts ??= []).push(await recoverTranscript(fs, dir, interview, checked, text !== null, backups))
  }
}

class BackupCache {
  private list: Promise<BackupInfo[]> | undefined
  constructor(
    private readonly fs: ArchiveFs,
    private readonly dir: string
  ) {}
  get(): Promise<BackupInfo[]> {
    return (this.list ??= listBackups(this.fs, this.dir))
  }
}

/**
 * One transcript is damaged (or missing): never write over it. The damaged file is moved to
 * damaged/ as it is, and the copy from the newest snapshot that holds a readable one is put back.
 * (Snapshots hold hard links, so a file damaged in place is damaged in the snapshots that share
 * it; an older snapshot from before its last rewrite may still have it.)
 */
async function recoverTranscript(
  fs: ArchiveFs,
  dir: string,
  interview: { id: string; title: string },
  problem: string,
  present: boolean,
  backups: BackupCache
): Promise<TranscriptRecovery> {
  const file = transcriptPath(dir, interview.id)
  const entry: TranscriptRecovery = { interviewId: interview.id, title: interview.title, problem }
  if (present) {
    const folder = join(quarantinePath(dir), `interviews-${stampNow()}`)
    await fs.mkdir(folder, { recursive: true })
    const aside = join(folder, `${interview.id}.json`)
    await fs.rename(file, aside)
    await syncFolder(fs, folder)
    entry.movedAside = aside
  }
  for (const backup of await backups.get()) {
    const copy = await fs.readFile(join(backupsPath(dir), backup.id, TRANSCRIPTS_DIR, `${interview.id}.json`), 'utf8').catch(() => null)
    if (copy === null || typeof checkTranscriptText(copy, interview.id) === 'string') continue
    await writeFileDurably(fs, file, copy)
    entry.restoredFrom = backup
    break
  }
  return entry
}

function describeTranscriptRecovery(t: TranscriptRecovery): string {
  const what = `The transcript of “${t.title}” (${t.interviewId}) could not be read: ${t.problem}.`
  const moved = t.movedAside ? ` The damaged file was moved, unchanged, to ${t.movedAside}.` : ''
  const fix = t.restoredFrom
    ? ` Its copy from the backup of ${t.restoredFrom.createdAt} was restored; corrections made to it after that time may be missing.`
    : ' No backup holds a readable copy: the interview is kept without its transcript.'
  return what + moved + fix
}

const counts = (b: BackupInfo): string => `${b.interviews} interviews, ${b.quotes} quotes, ${b.claims} claims`

/** What opening found and did, in sentences. */
function describeRecovery(report: OpenReport): string {
  const out: string[] = []
  if (report.problem && report.restoredFrom) {
    const b = report.restoredFrom
    out.push(`The archive could not be opened as it was: ${report.problem}.`)
    if (report.movedAside) out.push(`The damaged file was moved, unchanged, to ${report.movedAside}.`)
    out.push(`Verbatim restored the backup of ${b.createdAt} (${counts(b)}).`)
    out.push(`Changes made after ${b.createdAt} are not in the restored archive and may be missing.`)
    if (report.keptAside) out.push(`The transcript files as they were before the restore are kept in ${report.keptAside}.`)
  }
  for (const t of report.transcripts ?? []) out.push(describeTranscriptRecovery(t))
  return out.join(' ')
}
