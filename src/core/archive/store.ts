import { VerbatimError } from '../../shared/errors'
import { SCHEMA_VERSION, type ArchiveIndex, type Segment } from '../../shared/model'
import { listBackups, type BackupInfo } from './backup'
import { changesBetween, isEmpty, RecordMaps, type ChangeSet } from './changes'
import { checkpointHash, checkpointText, type RecordRevisions } from './checkpoint'
import { draftOf, snapshotOf, TranscriptChanges, type Transaction } from './draft'
import { syncFolder, writeFileDurably } from './durable-write'
import { explainFsError } from './fs-errors'
import type { ArchiveFs } from './fs'
import { Journal, saveLine, type JournalHeader } from './journal'
import { indexPath, transcriptPath, transcriptsPath } from './layout'
import { removeLeftovers } from './leftovers'
import type { ArchiveLock } from './lock'
import { openArchive, type OpenOptions, type OpenedArchive } from './open'
import { WriteQueue } from './queue'
import { BackupCache, describeRecovery, describeTranscriptRecovery, recoverTranscript, setJournalAside, type OpenReport, type TranscriptRecovery } from './recovery'
import { putBack, readSnapshot } from './restore'
import { SaveFailed, writeSave } from './save'
import { indexShape } from './shape'
import { SnapshotClock } from './snapshots'
import { checkTranscriptText } from './validate'

export { emptyIndex, newId, serialise, type SeedArchive } from './create'
export { originalOf, snapshotOf, type Transaction } from './draft'
export type { ChangeSet } from './changes'
export type { OpenOptions } from './open'
export type { OpenReport, TranscriptRecovery } from './recovery'

/** What one save changed, for caches kept beside the archive (the search index) and open windows. */
export interface CommitEvent {
  previous: Readonly<ArchiveIndex>
  next: Readonly<ArchiveIndex>
  /** The revision the save made. */
  revision: number
  /** The records and values it changed, each already checked; the same changes its journal line holds. */
  changes: ChangeSet
  transcriptsWritten: ReadonlyMap<string, Segment[]>
  transcriptsDeleted: ReadonlySet<string>
}

/** A journal this much larger than archive.json (within these bounds) is folded into a new archive.json. */
const CHECKPOINT_SHARE = 0.25
const MIN_JOURNAL_BYTES = 1024 * 1024
const MAX_JOURNAL_BYTES = 16 * 1024 * 1024
const MAX_TRANSCRIPT_BYTES = 64 * 1024 * 1024

/**
 * One archive folder, opened by one writer. Every write goes through one queue: `commit` applies
 * a change to a draft of the index, checks only the records it changed, writes the transcripts it
 * touched and then one journal line, and only then makes the draft the current state: a failed
 * save leaves both the disk and the memory as they were. archive.json is rewritten whole only by
 * a checkpoint (when the journal has grown, at a snapshot, on close).
 */
export class ArchiveStore {
  private state: ArchiveIndex
  private readonly revs: RecordRevisions
  private readonly maps = new RecordMaps()
  private readonly queue = new WriteQueue()
  private readonly transcripts = new Map<string, Segment[]>()
  private readonly listeners: ((event: CommitEvent) => void)[] = []
  private readonly fs: ArchiveFs
  private readonly lock: ArchiveLock | null
  private journal: Journal | null = null
  private undoFailedSave: (() => Promise<void>) | undefined
  private closed = false
  /** Whether this session has saved anything: the first save may take a snapshot of the archive as found. */
  private saved = false
  /** Transcript files of deleted interviews: removed once a checkpoint no longer names them. */
  private readonly deletedTranscripts: Set<string>
  private nextCheckpointAt = MIN_JOURNAL_BYTES
  /** While a save's change runs (it holds the queue), a transcript found damaged is repaired at once... */
  private repairsInline = false
  /** ...and the save waits for those repairs before it writes. */
  private readonly inlineRepairs = new Set<Promise<unknown>>()
  private readonly snapshots: SnapshotClock
  readonly readOnlyReason: string | undefined
  readonly openReport: OpenReport

  private constructor(
    readonly dir: string,
    opened: OpenedArchive,
    backupEveryMs: number,
    private readonly checkpointAfterBytes: number | undefined
  ) {
    this.fs = opened.fs
    this.snapshots = new SnapshotClock(opened.fs, dir, backupEveryMs)
    this.state = opened.index
    this.revs = opened.revs
    this.lock = opened.lock
    this.readOnlyReason = opened.readOnlyReason
    this.openReport = opened.report
    this.deletedTranscripts = opened.replay.deletedTranscripts
    this.planCheckpoint(opened.checkpointBytes)
  }

  get readOnly(): boolean {
    return this.readOnlyReason !== undefined
  }

  /** The last saved state. Read-only: change it only through `commit`. */
  get index(): Readonly<ArchiveIndex> {
    return this.state
  }

  /** A record's own revision: the archive revision of the save that last wrote it (0 if before revisions were kept). */
  revisionOf(kind: string, id: string): number | undefined {
    const list = (this.state as unknown as Record<string, unknown>)[kind]
    if (!Array.isArray(list) || !this.maps.of(kind, list as Array<{ id: string } & Record<string, unknown>>).has(id)) return undefined
    return this.revs.get(kind, id) ?? 0
  }

  static async open(dir: string, options: OpenOptions = {}): Promise<ArchiveStore> {
    const opened = await openArchive(dir, options)
    const store = new ArchiveStore(dir, opened, (options.backupEveryMinutes ?? 30) * 60_000, options.checkpointAfterBytes)
    try {
      if (!store.readOnly) await store.startSession(opened)
    } catch (e) {
      await store.journal?.close()
      await opened.lock?.release().catch(() => undefined)
      throw explainFsError(e, dir, 'not-saved')
    }
    return store
  }

  /** Tidies what a crash may have left and opens the journal for appending (or starts one). */
  private async startSession(opened: OpenedArchive): Promise<void> {
    await this.fs.mkdir(transcriptsPath(this.dir), { recursive: true })
    await removeLeftovers(this.fs, this.dir)
    await this.snapshots.start()
    const replay = opened.replay
    const report = this.openReport
    if (report.journal && opened.journalPresent) {
      report.journal.movedAside = await setJournalAside(this.fs, this.dir)
      report.message = describeRecovery(report)
    }
    // The files in an older format are kept in a snapshot before the new format is written.
    if (opened.migratedFrom) await this.snapshots.take(this.state, opened.migratedFrom.text)
    if (replay.problem || !replay.header || opened.migratedFrom) {
      // No journal yet (a new archive, or one an older Verbatim wrote), or one that cannot be
      // continued: archive.json is brought up to the state opened, and a new journal follows it.
      let hash = opened.checkpointHash
      if (replay.applied > 0 || opened.migratedFrom) {
        const text = this.checkpointText()
        await writeFileDurably(this.fs, indexPath(this.dir), text)
        hash = checkpointHash(text)
      }
      this.journal = await Journal.start(this.fs, this.dir, this.header(hash))
      return
    }
    this.journal = await Journal.open(this.fs, this.dir, replay.goodLength, replay.headerBytes)
    // Saves archive.json already holds (a crash came before the old journal was replaced).
    if (replay.applied === 0 && !this.journal.empty) await this.checkpoint(false, undefined, opened.checkpointHash)
  }

  private header(checkpoint: string): JournalHeader {
    return { journal: 1, archiveId: this.state.archiveId, after: this.state.revision, createdAt: new Date().toISOString(), schemaVersion: SCHEMA_VERSION, checkpoint }
  }

  private checkpointText(): string {
    return checkpointText(this.state, this.revs, indexShape)
  }

  private planCheckpoint(checkpointBytes: number): void {
    this.nextCheckpointAt = this.checkpointAfterBytes ?? Math.min(MAX_JOURNAL_BYTES, Math.max(MIN_JOURNAL_BYTES, checkpointBytes * CHECKPOINT_SHARE))
  }

  /**
   * Writes archive.json whole from the state (unless `writeIndex` is false: it already holds it),
   * removes the transcripts of interviews deleted since the last one, and starts a new journal.
   * A crash at any point leaves archive.json and the journal agreeing: the old journal's saves
   * are all in the new archive.json, and the next open skips them.
   */
  private async checkpoint(writeIndex = true, text = writeIndex ? this.checkpointText() : '', hash = checkpointHash(text)): Promise<void> {
    if (writeIndex) await writeFileDurably(this.fs, indexPath(this.dir), text)
    const interviews = this.maps.of('interviews', this.state.interviews)
    const gone = [...this.deletedTranscripts].filter((id) => !interviews.has(id))
    for (const id of gone) await this.fs.rm(transcriptPath(this.dir, id), { force: true })
    if (gone.length) await syncFolder(this.fs, transcriptsPath(this.dir))
    this.deletedTranscripts.clear()
    await this.journal?.restart(this.header(hash))
    if (writeIndex) this.planCheckpoint(text.length)
  }

  async transcript(interviewId: string): Promise<Segment[]> {
    const cached = this.transcripts.get(interviewId)
    if (cached) return cached
    const interview = this.maps.of('interviews', this.state.interviews).get(interviewId)
    if (!interview) throw new VerbatimError('not-found', `No interview with id ${interviewId}.`)
    const file = transcriptPath(this.dir, interviewId)
    const read = await this.readTranscript(file, interviewId)
    if (typeof read.parsed !== 'string') {
      this.transcripts.set(interviewId, read.parsed.segments)
      return read.parsed.segments
    }
    const known = this.openReport.transcripts?.find((t) => t.interviewId === interviewId && !t.restoredFrom)
    if (this.readOnly || this.closed || (known && read.text === null)) {
      throw new VerbatimError('corrupt', known ? describeTranscriptRecovery(known) : `The transcript file ${file} cannot be read: ${read.parsed}. Restore a backup to get it back.`)
    }
    // Damaged since it was written (a clean open does not read every transcript): repaired like
    // on open, recorded in the open report, and said once. The repair writes, so it takes its
    // turn in the write queue, unless a save's change is running and is reading the transcripts
    // it needs: that save holds the queue, so the repair is done now, and the save waits for it
    // before it writes anything (see `save`).
    const repair = async (): Promise<Segment[] | TranscriptRecovery> => {
      // A save may have replaced the file while this read waited for its turn.
      const again = await this.readTranscript(file, interviewId)
      if (typeof again.parsed !== 'string') return again.parsed.segments
      return recoverTranscript(this.fs, this.dir, interview as { id: string; title: string }, again.parsed, again.text !== null, new BackupCache(this.fs, this.dir))
    }
    let running: Promise<Segment[] | TranscriptRecovery>
    if (this.repairsInline) {
      running = repair()
      this.inlineRepairs.add(running)
    } else running = this.queue.later(repair)
    const entry = await running.catch((e: unknown) => {
      throw explainFsError(e, file, 'corrupt')
    })
    if (Array.isArray(entry)) {
      this.transcripts.set(interviewId, entry)
      return entry
    }
    ;(this.openReport.transcripts ??= []).push(entry)
    this.openReport.message = describeRecovery(this.openReport)
    throw new VerbatimError('corrupt', describeTranscriptRecovery(entry))
  }

  private async readTranscript(file: string, interviewId: string): Promise<{ text: string | null; parsed: ReturnType<typeof checkTranscriptText> }> {
    let text: string | null
    try {
      const stat = await this.fs.stat(file)
      if (!stat.isFile()) return { text: '', parsed: 'it is not a file' }
      if (stat.size > MAX_TRANSCRIPT_BYTES) return { text: '', parsed: `it is ${Math.round(stat.size / 1e6)} MB, more than a transcript can be` }
      text = await this.fs.readFile(file, 'utf8')
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw explainFsError(e, file, 'corrupt')
      text = null
    }
    return { text, parsed: text === null ? 'the file is missing' : checkTranscriptText(text, interviewId) }
  }

  private async settleInlineRepairs(): Promise<void> {
    while (this.inlineRepairs.size) {
      const all = [...this.inlineRepairs]
      this.inlineRepairs.clear()
      await Promise.allSettled(all)
    }
  }

  private writable(): void {
    if (this.closed) throw new VerbatimError('not-saved', 'The archive is closed.')
    if (this.readOnly) throw new VerbatimError('read-only', this.readOnlyReason ?? 'The archive is read-only.')
  }

  /** An earlier failed save could not be taken back off the disk yet: finish that first. */
  private async finishUndo(): Promise<void> {
    if (!this.undoFailedSave) return
    await this.undoFailedSave().catch((e: unknown) => {
      throw explainFsError(e, this.dir, 'not-saved')
    })
    this.undoFailedSave = undefined
  }

  /**
   * Applies `change` to a draft of the archive and saves what it changed. Resolves only once every
   * touched file is on disk; rejects with a `not-saved` error, state untouched, when the disk
   * refuses, and with `invalid-input`, nothing written, when a changed record fails its schema.
   * Inside `change`, `next` is a draft: mutate it in place; keep a part of it past the change
   * with `snapshotOf()`. What `change` returns comes back as plain objects.
   */
  commit<R>(change: (next: ArchiveIndex, tx: Transaction) => R | Promise<R>): Promise<R> {
    let acknowledge: (result: R) => void = () => undefined
    let refuse: (error: unknown) => void = () => undefined
    const acknowledged = new Promise<R>((resolve, reject) => {
      acknowledge = resolve
      refuse = reject
    })
    // The caller hears as soon as the save is on disk; the upkeep it made due (finishing the
    // snapshot of the archive as the session found it) still holds the queue afterwards, so
    // that no other write comes in between.
    void this.queue.later(async () => {
      let saved: Awaited<ReturnType<typeof this.save<R>>>
      try {
        saved = await this.save(change)
        acknowledge(saved.result)
      } catch (e) {
        refuse(e)
        return
      }
      if (!saved.saved) return
      await saved.upkeep?.().catch(() => undefined)
      await this.afterSave()
    })
    return acknowledged
  }

  private async save<R>(change: (next: ArchiveIndex, tx: Transaction) => R | Promise<R>): Promise<{ result: R; saved: boolean; upkeep?: () => Promise<void> }> {
    this.writable()
    await this.finishUndo()
    const draft = draftOf(this.state)
    const tx = new TranscriptChanges()
    let result: R
    this.repairsInline = true
    try {
      result = snapshotOf(await change(draft.next, tx))
    } catch (e) {
      throw cloneOfDraft(e) ?? e
    } finally {
      this.repairsInline = false
      await this.settleInlineRepairs()
    }
    const previous = this.state
    const finished = draft.finish()
    const changes = changesBetween(previous, finished, indexShape, this.maps)
    if (isEmpty(changes) && tx.empty) return { result, saved: false }
    const next = finished === previous ? { ...previous } : finished
    const revision = previous.revision + 1
    next.revision = revision
    // A transcript about to be replaced is read first, so that a damaged one is repaired (moved
    // aside) rather than kept as the copy a failed save would put back.
    const interviews = this.maps.of('interviews', previous.interviews)
    this.repairsInline = true
    try {
      for (const id of tx.writes.keys()) if (interviews.has(id)) await this.transcript(id).catch(() => undefined)
    } finally {
      this.repairsInline = false
      await this.settleInlineRepairs()
    }
    const found = this.saved ? undefined : await this.snapshots.beginFound(previous, tx.writes.keys())
    const line = saveLine(revision, changes, tx)
    if (!this.journal) throw new VerbatimError('not-saved', 'The archive is not open for writing.')
    try {
      await writeSave(this.fs, this.dir, this.journal, { revision, line, writes: tx.writes })
    } catch (e) {
      await found?.abandon()
      if (!(e instanceof SaveFailed)) throw explainFsError(e, this.dir, 'not-saved')
      await e.undo().catch(() => {
        this.undoFailedSave = e.undo
      })
      throw explainFsError(e.failure, this.dir, 'not-saved')
    }
    // The revisions the records had before, for the snapshot of the state as found.
    const revsBefore = new Map(changes.records.map((c) => [`${c.kind}\n${c.id}`, this.revs.get(c.kind, c.id)]))
    this.state = next
    this.maps.apply(changes)
    for (const c of changes.records) {
      if (c.record) this.revs.set(c.kind, c.id, revision)
      else this.revs.delete(c.kind, c.id)
    }
    for (const [id, segments] of tx.writes) {
      this.transcripts.set(id, segments)
      this.deletedTranscripts.delete(id)
    }
    for (const id of tx.deletes) {
      this.transcripts.delete(id)
      this.deletedTranscripts.add(id)
    }
    this.saved = true
    const event: CommitEvent = { previous, next, revision, changes, transcriptsWritten: tx.writes, transcriptsDeleted: tx.deletes }
    for (const listener of this.listeners) {
      // A cache that fails to follow must not turn a saved edit into a reported failure.
      try {
        listener(event)
      } catch (e) {
        console.error('verbatim: a cache could not follow a save:', e)
      }
    }
    if (!found) return { result, saved: true }
    const revs = { get: (kind: string, id: string) => (revsBefore.has(`${kind}\n${id}`) ? revsBefore.get(`${kind}\n${id}`) : this.revs.get(kind, id)) }
    return { result, saved: true, upkeep: () => this.snapshots.finishFound(found, previous, revs) }
  }

  /**
   * Upkeep a save can make due: a checkpoint once the journal has grown, a snapshot once the
   * interval has passed. Run after the save is acknowledged, before the next write.
   */
  private async afterSave(): Promise<void> {
    if (this.closed) return
    if (this.snapshots.due()) {
      // A snapshot writes a checkpoint too.
      await this.snapshot(true).catch(() => undefined)
    } else if (this.journal && this.journal.size >= this.nextCheckpointAt) {
      await this.checkpoint().catch(() => {
        // The journal still holds every save; try again once it has grown a little more.
        if (this.journal) this.nextCheckpointAt = this.journal.size + (this.checkpointAfterBytes ?? MIN_JOURNAL_BYTES)
      })
    }
  }

  /**
   * A snapshot of the state as it is: archive.json's text (written as a checkpoint too when
   * `checkpoint` is set and the journal holds saves, or always for a backup asked for), hard links
   * to the transcripts, then old snapshots pruned. Runs inside the queue.
   */
  private async snapshot(checkpoint: boolean | 'always'): Promise<BackupInfo> {
    const text = this.checkpointText()
    if (checkpoint === 'always' || (checkpoint && this.journal && !this.journal.empty)) {
      await this.checkpoint(true, text).catch((e: unknown) => {
        if (checkpoint === 'always') throw e
      })
    }
    return this.snapshots.take(this.state, text)
  }

  /** Called after every save, once it is on disk. */
  onCommit(listener: (event: CommitEvent) => void): void {
    this.listeners.push(listener)
  }

  /** The snapshots, newest first (after any the queue is about to take). */
  backups(): Promise<BackupInfo[]> {
    return this.queue.later(() => listBackups(this.fs, this.dir))
  }

  /** A snapshot now; archive.json is brought up to date with it (a checkpoint), so the two are the same file. */
  backupNow(): Promise<BackupInfo> {
    return this.queue.later(async () => {
      this.writable()
      await this.finishUndo()
      return this.snapshot('always').catch((e: unknown) => {
        throw explainFsError(e, this.dir, 'not-saved')
      })
    })
  }

  /** Waits for every queued write, folds the journal into archive.json, and lets the archive go for another writer. */
  close(): Promise<void> {
    return this.queue.later(async () => {
      if (this.closed) return
      // A failed save whose undo failed too: one more try, so the disk matches what the user was told.
      if (this.undoFailedSave) await this.undoFailedSave().then(() => (this.undoFailedSave = undefined), () => undefined)
      if (this.journal && !this.journal.empty && !this.undoFailedSave) await this.checkpoint().catch(() => undefined)
      await this.journal?.close()
      this.closed = true
      await this.lock?.release()
    })
  }

  /**
   * Restores a snapshot in place, as one more save: the state being replaced is snapshotted first,
   * the snapshot's transcripts and index go back under a pending-save note (a crash half way is
   * undone on the next open, a failure at once), and the archive's revision moves on, never back.
   * The store is closed afterwards; the session reopens it.
   */
  restore(backupId: string): Promise<void> {
    return this.queue.later(async () => {
      this.writable()
      await this.finishUndo()
      const snapshot = await readSnapshot(this.fs, this.dir, backupId)
      await this.snapshots.take(this.state, this.checkpointText()).catch(() => undefined)
      const revision = this.state.revision + 1
      let hash: string
      try {
        hash = await putBack(this.fs, this.dir, backupId, snapshot, revision, () => this.checkpointText())
      } catch (e) {
        if (!(e instanceof SaveFailed)) throw explainFsError(e, this.dir, 'not-saved')
        await e.undo().catch(() => {
          this.undoFailedSave = e.undo
        })
        throw explainFsError(e.failure, this.dir, 'not-saved')
      }
      // archive.json now holds the restore; the old journal's saves are all older than it.
      await this.journal?.restart({ ...this.header(hash), archiveId: snapshot.archiveId, after: revision }).catch(() => undefined)
      this.transcripts.clear()
      await this.journal?.close()
      this.closed = true
      await this.lock?.release()
    })
  }
}

/** structuredClone() cannot copy a draft (a proxy): said plainly, for whoever wrote the change. */
function cloneOfDraft(e: unknown): Error | undefined {
  if (!(e instanceof Error) || e.name !== 'DataCloneError') return undefined
  return new Error(`A save's change called structuredClone() on part of its draft (${e.message}); use snapshotOf() from core/archive/store to keep a copy.`)
}
