import { join } from 'node:path'
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex } from '../../shared/model'
import { restoreBackupTranscripts, timeOfId, transcriptIds } from './backup'
import { checkpointHash, checkpointText, RecordRevisions } from './checkpoint'
import { wasReplaced, writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import { backupsPath, indexPath } from './layout'
import { beginPendingSave, endPendingSave, undoPendingSave, type PendingSave } from './pending-save'
import { SaveFailed } from './save'
import { indexShape } from './shape'
import { checkIndexText } from './validate'

/** A snapshot's index, checked, before anything is changed for it. */
export async function readSnapshot(fs: ArchiveFs, dir: string, backupId: string): Promise<ArchiveIndex> {
  if (timeOfId(backupId) === null) throw new VerbatimError('not-found', `There is no backup ${backupId}.`)
  const text = await fs.readFile(join(backupsPath(dir), backupId, 'archive.json'), 'utf8').catch(() => {
    throw new VerbatimError('not-found', `There is no backup ${backupId}.`)
  })
  const check = checkIndexText(text)
  if (!check.ok) throw new VerbatimError('corrupt', `The backup ${backupId} cannot be read: ${check.problem}.`)
  return check.index
}

/**
 * Puts a snapshot back as one more save, at `revision` (the archive's next: a restore moves the
 * revision on, never back, and every record gets it as its own). Its transcripts and then
 * archive.json go back under a pending-save note, so that a crash half way is undone on the next
 * open; a failure throws `SaveFailed`, whose undo puts back `currentText` if archive.json had
 * already been replaced. Returns the new archive.json's hash, for the journal that follows it.
 */
export async function putBack(fs: ArchiveFs, dir: string, backupId: string, snapshot: ArchiveIndex, revision: number, currentText: () => string): Promise<string> {
  const restored: ArchiveIndex = { ...snapshot, revision }
  const revs = new RecordRevisions()
  for (const kind of indexShape.collections.keys()) {
    for (const r of ((restored as unknown as Record<string, unknown>)[kind] ?? []) as Array<{ id: string }>) revs.set(kind, r.id, revision)
  }
  const text = checkpointText(restored, revs, indexShape)
  const ids = transcriptIds(restored)
  let pending: PendingSave | undefined
  let indexReplaced = false
  try {
    pending = await beginPendingSave(fs, dir, ids, revision)
    await restoreBackupTranscripts(fs, dir, backupId, ids)
    await writeFileDurably(fs, indexPath(dir), text).catch((e: unknown) => {
      indexReplaced = wasReplaced(e)
      throw e
    })
  } catch (e) {
    throw new SaveFailed(e, async () => {
      if (indexReplaced) await writeFileDurably(fs, indexPath(dir), currentText())
      indexReplaced = false
      if (pending) await undoPendingSave(fs, dir, pending)
      pending = undefined
    })
  }
  await endPendingSave(fs, dir, pending).catch(() => undefined)
  return checkpointHash(text)
}
