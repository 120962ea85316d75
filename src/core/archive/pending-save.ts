import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { syncFolder, writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import { transcriptPath, transcriptsPath } from './layout'

/**
 * A save that replaces transcripts the index already names touches several files, and a crash
 * between them would leave half of it: new words under an old index (a tag deleted from the
 * segments but still in the codebook). So before such a save the old transcripts are kept as hard
 * links and a note of the save is written; the next open finds the note and either finishes the
 * save (archive.json is the new one) or undoes it (archive.json is still the old one).
 */
export const PENDING_FILE = '.pending-save.json'

export interface PendingSave {
  txn: string
  /** Hashes archive.json may have if the save did not happen. */
  before: string[]
  /** The hash of the archive.json the save writes. */
  after: string
  /** Transcripts the index named before the save: their old content is kept as a `.prev` link. */
  kept: string[]
  /** Transcripts the save writes that had no file before: removed if the save is undone. */
  fresh: string[]
}

export const hashText = (text: string): string => createHash('sha256').update(text).digest('hex')

const prevPath = (dir: string, id: string, txn: string): string => join(transcriptsPath(dir), `.${id}.json.${txn}.prev`)
const isPrev = (name: string): boolean => name.startsWith('.') && name.endsWith('.prev')

/** Keeps the transcripts `ids` as they are now and notes the save that is about to replace them. */
export async function beginPendingSave(
  fs: ArchiveFs,
  dir: string,
  ids: string[],
  before: string[],
  afterText: string
): Promise<PendingSave> {
  const pending: PendingSave = { txn: randomBytes(6).toString('hex'), before, after: hashText(afterText), kept: [], fresh: [] }
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
export async function undoPendingSave(fs: ArchiveFs, dir: string, pending: PendingSave): Promise<void> {
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
export async function endPendingSave(fs: ArchiveFs, dir: string, pending: PendingSave): Promise<void> {
  await fs.rm(join(dir, PENDING_FILE), { force: true })
  await syncFolder(fs, dir)
  for (const id of pending.kept) await fs.rm(prevPath(dir, id, pending.txn), { force: true }).catch(() => undefined)
}

/**
 * On open for writing: finish or undo a save a crash interrupted. `indexText` is archive.json as
 * found. Returns whether there was one.
 */
export async function settlePendingSave(fs: ArchiveFs, dir: string, indexText: string): Promise<boolean> {
  const pending = await fs.readFile(join(dir, PENDING_FILE), 'utf8').then(
    (text) => {
      try {
        return JSON.parse(text) as PendingSave
      } catch {
        return null
      }
    },
    () => null
  )
  if (pending && Array.isArray(pending.kept) && Array.isArray(pending.fresh) && Array.isArray(pending.before)) {
    const now = hashText(indexText)
    if (pending.before.includes(now) && now !== pending.after) {
      await undoPendingSave(fs, dir, pending)
    } else {
      await endPendingSave(fs, dir, pending)
    }
  } else {
    await fs.rm(join(dir, PENDING_FILE), { force: true })
  }
  // Kept copies whose note was never written (a crash between the two) are not needed.
  const names = await fs.readdir(transcriptsPath(dir)).catch(() => [] as string[])
  for (const name of names.filter(isPrev)) await fs.rm(join(transcriptsPath(dir), name), { force: true })
  return pending !== null || names.some(isPrev)
}
