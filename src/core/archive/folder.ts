import { VerbatimError } from '../../shared/errors'
import { reasonOf } from './fs-errors'
import type { ArchiveFs } from './fs'
import { BACKUPS_DIR, INDEX_FILE, JOURNAL_FILE, TRANSCRIPTS_DIR } from './layout'

/** Present while a new archive's first files are being written. */
export const CREATING_FILE = '.verbatim-creating'

/** What is at the path an archive is opened from. */
export type FolderState = 'missing' | 'empty' | 'archive' | 'other'

/** Names only an archive folder holds (with the lock, a stale one left by an older Verbatim's bug). */
const MARKS = new Set([INDEX_FILE, JOURNAL_FILE, TRANSCRIPTS_DIR, BACKUPS_DIR, CREATING_FILE, '.verbatim.lock'])

/**
 * Looks at the path before anything is written there. The user's word is checked, never trusted:
 * an empty path (which would be the current folder), a file, a device or any other non-folder is
 * refused at once with a message; nothing here opens a file, so a FIFO or a device cannot hang it.
 */
export async function inspectFolder(fs: ArchiveFs, dir: string): Promise<FolderState> {
  if (dir.trim() === '') throw new VerbatimError('invalid-input', 'No archive folder was given: the path is empty.')
  let stat: Awaited<ReturnType<ArchiveFs['stat']>>
  try {
    stat = await fs.stat(dir)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return 'missing'
    if (code === 'ENOTDIR') throw new VerbatimError('invalid-input', `${dir} cannot be an archive folder: a part of the path is a file, not a folder.`)
    throw new VerbatimError('not-found', `Verbatim cannot look at ${dir}: ${reasonOf(e)}.`)
  }
  if (!stat.isDirectory()) {
    const what = stat.isFile() ? 'a file' : stat.isFIFO() ? 'a pipe' : stat.isSocket() ? 'a socket' : stat.isCharacterDevice() || stat.isBlockDevice() ? 'a device' : 'not a folder'
    throw new VerbatimError('invalid-input', `${dir} is ${what}, not an archive folder.`)
  }
  let names: string[]
  try {
    names = await fs.readdir(dir)
  } catch (e) {
    throw new VerbatimError('not-found', `Verbatim cannot read the folder ${dir}: ${reasonOf(e)}.`)
  }
  if (names.some((n) => MARKS.has(n))) return 'archive'
  // A folder a file manager has touched may hold its own hidden files; they do not count.
  return names.every((n) => n === '.DS_Store' || n === 'Thumbs.db' || n === 'desktop.ini') ? 'empty' : 'other'
}

/** Refuses to open (or make) an archive where there is none. */
export function noArchive(dir: string, state: FolderState, create: boolean, reading: boolean): VerbatimError | null {
  if (state === 'archive') return null
  if (state === 'other') {
    return create && !reading
      ? new VerbatimError('invalid-input', `${dir} is a folder with other files in it and no Verbatim archive. Verbatim makes a new archive only in an empty or new folder.`)
      : new VerbatimError('not-found', `There is no Verbatim archive in ${dir} (the folder holds other files).`)
  }
  if (!create || reading) return new VerbatimError('not-found', `There is no Verbatim archive in ${dir}.`)
  return null
}
