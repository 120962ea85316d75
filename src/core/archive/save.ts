import type { Segment } from '../../shared/model'
import { transcriptText } from './create'
import { syncFolder, writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import { pendingCutBack, type Journal } from './journal'
import { transcriptPath, transcriptsPath } from './layout'
import { beginPendingSave, endPendingSave, undoPendingSave, type PendingSave } from './pending-save'

export interface SaveFiles {
  /** The revision the save makes, for the pending-save note. */
  revision: number
  /** The journal line, already serialised. */
  line: string
  writes: ReadonlyMap<string, Segment[]>
}

/** A save that failed part way, and what takes it back off the disk (repeatable until it succeeds). */
export class SaveFailed extends Error {
  constructor(
    readonly failure: unknown,
    readonly undo: () => Promise<void>
  ) {
    super('save failed')
  }
}

const exists = (fs: ArchiveFs, file: string): Promise<boolean> =>
  fs.stat(file).then(
    () => true,
    () => false
  )

/**
 * Writes one save's files: transcripts first, the journal line last. Until the line is flushed the
 * save has not happened: a crash before it leaves at most a transcript file the index does not
 * name, or (when the save replaces transcripts) a pending-save note the next open undoes.
 * Transcripts that already have a file are replaced under such a note, with the old file kept as
 * a hard link, so that a crash or failure never leaves new words under the old index.
 */
export async function writeSave(fs: ArchiveFs, dir: string, journal: Journal, save: SaveFiles): Promise<void> {
  const replacing: string[] = []
  const attempted: string[] = []
  let pending: PendingSave | undefined
  let cutBack: (() => Promise<void>) | undefined
  try {
    for (const id of save.writes.keys()) if (await exists(fs, transcriptPath(dir, id))) replacing.push(id)
    if (replacing.length) pending = await beginPendingSave(fs, dir, replacing, save.revision)
    for (const [id, segments] of save.writes) {
      attempted.push(id)
      await writeFileDurably(fs, transcriptPath(dir, id), transcriptText(id, segments))
    }
    await journal.append(save.line).catch((e: unknown) => {
      cutBack = pendingCutBack(e)
      throw e
    })
  } catch (e) {
    const fresh = attempted.filter((id) => !replacing.includes(id))
    // In this order, each step repeatable: while the line may still be in the journal, the
    // transcripts it names stay too (a crash then keeps the whole save, never half of it).
    const undo = async (): Promise<void> => {
      if (cutBack) await cutBack()
      cutBack = undefined
      if (pending) await undoPendingSave(fs, dir, pending)
      pending = undefined
      for (const id of fresh) await fs.rm(transcriptPath(dir, id), { force: true })
      if (fresh.length) await syncFolder(fs, transcriptsPath(dir))
    }
    throw new SaveFailed(e, undo)
  }
  // The save happened; the note and the kept copies are no longer needed.
  if (pending) await endPendingSave(fs, dir, pending).catch(() => undefined)
}
