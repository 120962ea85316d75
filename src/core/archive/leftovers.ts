import { join } from 'node:path'
import { creatingPath } from './create'
import { isTempFile } from './durable-write'
import type { ArchiveFs } from './fs'
import { backupsPath, transcriptsPath } from './layout'
import { isLockLeftover, removeLockLeftovers } from './lock'
import { isKeptCopy } from './pending-save'

/**
 * Removes what a crash can leave behind, none of it ever acknowledged: temp files of writes that
 * never reached their rename, transcripts kept for a pending save whose note was never written
 * (the note itself is settled before), a new archive's marker, snapshots half made or half
 * pruned. Run when a writer opens the archive, after any interrupted save was settled.
 */
export async function removeLeftovers(fs: ArchiveFs, dir: string): Promise<void> {
  for (const folder of [dir, transcriptsPath(dir)]) {
    const names = await fs.readdir(folder).catch(() => [] as string[])
    // A racer's lock file in the making is not ours to delete: removeLockLeftovers checks its pid.
    const leftovers = names.filter((n) => (isTempFile(n) && !isLockLeftover(n)) || (folder !== dir && isKeptCopy(n)))
    for (const name of leftovers) await fs.rm(join(folder, name), { force: true })
  }
  await removeLockLeftovers(fs, dir)
  await fs.rm(creatingPath(dir), { force: true })
  const backups = await fs.readdir(backupsPath(dir)).catch(() => [] as string[])
  for (const name of backups.filter((n) => n.endsWith('.partial'))) {
    await fs.rm(join(backupsPath(dir), name), { recursive: true, force: true }).catch(() => undefined)
  }
}
