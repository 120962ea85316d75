import { resolve } from 'node:path'
import { VerbatimError } from '../../shared/errors'
import { realFs, type ArchiveFs } from './fs'
import { BACKUPS_DIR, INDEX_FILE, TRANSCRIPTS_DIR } from './layout'

/** What a path the user named holds, as far as opening an archive there is concerned. */
export type ArchivePathState =
  /** archive.json is there, or what is left of an archive the store can recover (interviews/, backups/). */
  | 'archive'
  /** Nothing there yet: an archive can be created (its parent folder exists). */
  | 'missing'
  /** An empty folder (or one holding only what an OS leaves behind): an archive can be created in it. */
  | 'empty'

export interface ArchivePathOptions {
  /** Make an archive where there is none. Without it a missing archive is `not-found`. */
  create?: boolean
  /**
   * A missing folder may be made along with its missing parents. Off for a path the user typed
   * (a typo in a parent would otherwise grow a stray tree), on for the app's own default folder.
   */
  createParents?: boolean
  fs?: Pick<ArchiveFs, 'stat' | 'readdir'>
}

/** Files an operating system drops into any folder: they do not make a folder "not empty". */
const OS_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', '.directory', '.localized'])
/** What only an archive holds, even one a crash cut short (the store recovers those). */
const ARCHIVE_MARKERS = new Set([INDEX_FILE, TRANSCRIPTS_DIR, BACKUPS_DIR, '.verbatim-creating'])
/** A lock alone (left by a failed attempt) does not make an archive, nor a folder not empty. */
const isIgnorable = (name: string): boolean => OS_LITTER.has(name) || name.startsWith('.verbatim.lock')

const errnoOf = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? ''

/**
 * Checks the folder an archive is to be opened in before anything is read, created or locked
 * there. The path is the user's word: an empty one, a file, a device, or a folder that holds
 * other things (a documents folder, /proc/1) is refused with a message naming it, and nothing is
 * written. Reading never creates; creating happens only in a new or empty folder. Used by the CLI
 * and the desktop app before they open a session, and by the store itself.
 */
export async function checkArchivePath(dir: string, options: ArchivePathOptions = {}): Promise<ArchivePathState> {
  const fs = options.fs ?? realFs
  if (typeof dir !== 'string' || dir.trim() === '') {
    throw new VerbatimError('invalid-input', 'No archive folder was named (the path is empty). Name the folder of a Verbatim archive.')
  }
  if (dir.includes('\0')) throw new VerbatimError('invalid-input', 'The archive path holds a NUL character; name a real folder.')
  const full = resolve(dir)
  const state = await inspect(fs, full, options)
  if (state === 'archive' || options.create) return state
  throw new VerbatimError(
    'not-found',
    `There is no Verbatim archive in ${full}. Check the path; to make a new archive there, run a command that writes (such as import) or add --create.`
  )
}

async function inspect(fs: NonNullable<ArchivePathOptions['fs']>, full: string, options: ArchivePathOptions): Promise<ArchivePathState> {
  let stat
  try {
    stat = await fs.stat(full)
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT' && errnoOf(e) !== 'ENOTDIR') {
      throw new VerbatimError('invalid-input', `The archive folder ${full} cannot be reached (${errnoOf(e) || String(e)}).`)
    }
    if (errnoOf(e) === 'ENOTDIR') throw new VerbatimError('invalid-input', `${full} is not a folder: part of that path is a file.`)
    if (options.create && !options.createParents) await parentMustExist(fs, full)
    return 'missing'
  }
  if (!stat.isDirectory()) {
    throw new VerbatimError('invalid-input', `${full} is ${stat.isFile() ? 'a file' : 'not a folder (a device, a pipe or a socket)'}: a Verbatim archive is a folder.`)
  }
  let names: string[]
  try {
    names = await fs.readdir(full)
  } catch (e) {
    throw new VerbatimError('invalid-input', `The folder ${full} cannot be read (${errnoOf(e) || String(e)}).`)
  }
  if (names.some((n) => ARCHIVE_MARKERS.has(n))) {
    if (names.includes(INDEX_FILE)) {
      // A FIFO or a device named archive.json would make a read wait forever.
      const index = await fs.stat(resolve(full, INDEX_FILE)).catch(() => null)
      if (index && !index.isFile()) throw new VerbatimError('invalid-input', `${resolve(full, INDEX_FILE)} is not a regular file: this is not a Verbatim archive.`)
    }
    return 'archive'
  }
  const others = names.filter((n) => !isIgnorable(n))
  if (others.length === 0) return 'empty'
  if (!options.create) return 'missing'
  const shown = others.slice(0, 3).map((n) => `“${n}”`).join(', ')
  throw new VerbatimError(
    'invalid-input',
    `${full} is not a Verbatim archive and is not empty (it holds ${shown}${others.length > 3 ? ` and ${others.length - 3} more` : ''}). ` +
      'Verbatim makes a new archive only in a new or empty folder: name one, or the folder of an existing archive.'
  )
}

async function parentMustExist(fs: NonNullable<ArchivePathOptions['fs']>, full: string): Promise<void> {
  const parent = resolve(full, '..')
  const stat = await fs.stat(parent).catch(() => null)
  if (!stat) throw new VerbatimError('not-found', `The folder ${parent} does not exist, so no archive was made in ${full}. Check the path, or create that folder first.`)
  if (!stat.isDirectory()) throw new VerbatimError('invalid-input', `${parent} is not a folder, so no archive can be made in ${full}.`)
}
