import type { ArchiveIndex } from '../../shared/model'
import { createBackup, pruneBackups, snapshotFacts, snapshotIds, SnapshotInProgress, timeOfId, transcriptIds, type BackupInfo, type SnapshotSource } from './backup'
import { checkpointText, type RecordRevisions } from './checkpoint'
import type { ArchiveFs } from './fs'
import { indexShape } from './shape'

export const factsOf = (s: ArchiveIndex): SnapshotSource['facts'] => ({
  archiveId: s.archiveId,
  revision: s.revision,
  interviews: s.interviews.length,
  quotes: s.quotes.length,
  claims: s.claims.length
})

/**
 * When a writing session takes snapshots: before its first save (the archive as the session found
 * it), and after a save once the interval has passed since the newest one, whichever session
 * took it. So an open that saves nothing takes none, and a script that opens the archive a
 * thousand times a day takes one per interval. (Pruning, in backup.ts, bounds how many are kept.)
 */
export class SnapshotClock {
  private newest: { id: string; time: number } | null = null

  constructor(
    private readonly fs: ArchiveFs,
    private readonly dir: string,
    private readonly everyMs: number
  ) {}

  /** Reads the newest snapshot's time from its name (no file inside it is read). */
  async start(): Promise<void> {
    const [id] = await snapshotIds(this.fs, this.dir)
    if (id) this.newest = { id, time: timeOfId(id) ?? 0 }
  }

  due(): boolean {
    return !this.newest || Date.now() - this.newest.time > this.everyMs
  }

  /** A snapshot of `state`, archive.json's text `text`, made now; old ones pruned. */
  async take(state: ArchiveIndex, text: string): Promise<BackupInfo> {
    const info = await createBackup(this.fs, this.dir, { indexText: text, interviewIds: transcriptIds(state), facts: factsOf(state) })
    await this.made(info)
    return info
  }

  /**
   * Starts the snapshot of the archive as found, before the session's first save, if one is due
   * and the newest does not hold this very state. Only the transcripts the save is about to
   * replace are linked now; `finishFound` links the rest once the save is acknowledged (the queue
   * still held, so nothing else changes meanwhile): the first edit does not wait for it.
   */
  async beginFound(state: ArchiveIndex, replacing: Iterable<string>): Promise<SnapshotInProgress | undefined> {
    if (!this.due()) return undefined
    if (this.newest) {
      const facts = await snapshotFacts(this.fs, this.dir, this.newest.id)
      if (facts && facts.archiveId === state.archiveId && facts.revision === state.revision) return undefined
    }
    let snapshot: SnapshotInProgress | undefined
    try {
      snapshot = await SnapshotInProgress.begin(this.fs, this.dir)
      await snapshot.link(replacing)
      return snapshot
    } catch {
      // A snapshot that cannot be made (full disk) must not stop the save it protects.
      await snapshot?.abandon()
      return undefined
    }
  }

  /** `revs` are the records' revisions as they were in `found` (the save has moved some on since). */
  async finishFound(snapshot: SnapshotInProgress, found: ArchiveIndex, revs: Pick<RecordRevisions, 'get'>): Promise<void> {
    try {
      await snapshot.link(transcriptIds(found))
      await this.made(await snapshot.finish(checkpointText(found, revs, indexShape), factsOf(found)))
    } catch {
      await snapshot.abandon()
    }
  }

  private async made(info: BackupInfo): Promise<void> {
    this.newest = { id: info.id, time: Date.parse(info.createdAt) }
    await pruneBackups(this.fs, this.dir).catch(() => undefined)
  }
}
