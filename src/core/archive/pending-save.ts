import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { syncFolder, writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import { transcriptPath, transcriptsPath } from './layout'

/**
 * A save that replaces transcript files touches several files, and a crash between them would
 * leave half of it: new words under an old index (a tag deleted from the segments but still in
 * the codebook). So before such a save the old transcripts are kept as hard links and a note of
 * the save is written; the next open finds the note and either finishes the save (the archive has
 * reached the revision the save makes) or undoes it (it has not).
 */
export const PENDING_FILE = '.pending-save.json'

export interface PendingSave {
  txn: string
  /** The archive revision the save makes: reached means the save happened. */
  revision: number
  /** Transcripts that had a file before the save: their old content is kept as a `.prev` link. */
  kept: string[]
  /** Transcripts the save writes that had no file before: removed if the save is undone. */
  fresh: string[]
}

/** A note written before the journal (archive.json rewritten whole by every save): hashes, not revisions. */
interface LegacyPendingSave {
  txn: string
  before: string[]
  after: string
  kept: string[]
  fresh: string[]
}

export const hashText = (text: string): string => createHash('sha256').update(text).digest('hex')

const prevPath = (dir: string, id: string, txn: string): string => join(transcriptsPath(dir), `.${id}.json.${txn}.prev`)
/** A transcript kept for a pending save; without its note (a crash between the two) it is not needed. */
export const isKeptCopy = (name: string): boolean => name.startsWith('.') && name.endsWith('.prev')

/** Keeps the transcripts `ids` as they are now and notes the save (to `revision`) about to replace them. */
export async function beginPendingSave(fs: ArchiveFs, dir: string, ids: string[], revision: number): Promise<PendingSave> {
  const pending: PendingSave = { txn: randomBytes(6).toString('hex'), revision, kept: [], fresh: [] }
  try {
    for (const id of ids) {
      try {
        await fs.link(transcriptPath(dir, id), prevPath(dir, id, pending.txn))
        pending.kept.push(id)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
        pending.fresh.push(id)
      }
    }
    await syncFolder(fs, transcriptsPath(dir))
    await writeFileDurably(fs, join(dir, PENDING_FILE), `${JSON.stringify(pending)}\n`)
  } catch (e) {
    // The note may be in place already (a failed folder flush comes after the rename).
    await fs.rm(join(dir, PENDING_FILE), { force: true }).catch(() => undefined)
    for (const id of pending.kept) await fs.rm(prevPath(dir, id, pending.txn), { force: true }).catch(() => undefined)
    throw e
  }
  return pending
}

/** Puts the kept transcripts back and removes the ones the save created; then forgets the save. */
export async function undoPendingSave(fs: ArchiveFs, dir: string, pending: Pick<PendingSave, 'txn' | 'kept' | 'fresh'>): Promise<void> {
  for (const id of pending.kept) {
    try {
      await fs.rename(prevPath(dir, id, pending.txn), transcriptPath(dir, id))
    } catch (e) {
      // Already put back by an earlier try.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    }
  }
  for (const id of pending.fresh) await fs.rm(transcriptPath(dir, id), { force: true })
  await syncFolder(fs, transcriptsPath(dir))
  await endPendingSave(fs, dir, pending)
}

/** The save is complete (or undone): the note goes first, then the kept copies. */
export async function endPendingSave(fs: ArchiveFs, dir: string, pending: Pick<PendingSave, 'txn' | 'kept'>): Promise<void> {
  await fs.rm(join(dir, PENDING_FILE), { force: true })
  await syncFolder(fs, dir)
  for (const id of pending.kept) await fs.rm(prevPath(dir, id, pending.txn), { force: true }).catch(() => undefined)
}

/**
 * On open for writing: finish or undo a save a crash interrupted. `revision` is the archive's as
 * opened (archive.json and the journal); `indexText` archive.json as found, for a note an older
 * build left; `restored` says archive.json was just put back from a snapshot, in which case the
 * transcripts that came with it stay. Returns whether there was a note. Kept copies without a
 * note (a crash between the two) are left for the caller's tidy-up (`isKeptCopy`).
 */
export async function settlePendingSave(fs: ArchiveFs, dir: string, state: { revision: number; indexText: string; restored: boolean }): Promise<boolean> {
  const pending = await fs.readFile(join(dir, PENDING_FILE), 'utf8').then(
    (text) => {
      try {
        return JSON.parse(text) as Partial<PendingSave & LegacyPendingSave> | null
      } catch {
        return null
      }
    },
    () => null
  )
  if (pending && typeof pending.txn === 'string' && Array.isArray(pending.kept) && Array.isArray(pending.fresh)) {
    const note = { txn: pending.txn, kept: pending.kept, fresh: pending.fresh }
    let happened: boolean
    if (state.restored) happened = true
    else if (typeof pending.revision === 'number') happened = state.revision >= pending.revision
    else {
      const now = hashText(state.indexText)
      happened = !(Array.isArray(pending.before) && pending.before.includes(now) && now !== pending.after)
    }
    if (happened) await endPendingSave(fs, dir, note)
    else await undoPendingSave(fs, dir, note)
    return true
  }
  await fs.rm(join(dir, PENDING_FILE), { force: true })
  return pending !== null
}
