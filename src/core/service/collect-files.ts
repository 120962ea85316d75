import { lstat, readdir, realpath } from 'node:fs/promises'
import type { Dirent, Stats } from 'node:fs'
import { basename, join, resolve, sep } from 'node:path'

export interface Collected {
  files: string[]
  /** Chosen paths that cannot be imported at all (missing, not a file): these fail. */
  problems: { file: string; error: string }[]
  /** What a chosen folder held that is not imported, and why: nothing is passed over in silence. */
  skipped: { file: string; reason: string }[]
}

const fsErrorCode = (e: unknown): string => (e as NodeJS.ErrnoException | null)?.code ?? 'unknown error'

/** What a directory entry or a stat is, when it is neither a file nor a folder. */
function otherKind(s: Dirent | Stats): string | null {
  if (s.isSymbolicLink()) return 'link'
  if (s.isFIFO()) return 'fifo'
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device'
  if (s.isSocket()) return 'socket'
  return null
}

const REASONS: Record<string, string> = {
  link: 'A link inside a chosen folder is not followed, so an import never reads outside what you chose. Choose the file it points to to import it.',
  fifo: 'A named pipe (FIFO), not a file: reading it could wait forever.',
  device: 'A device, not a file.',
  socket: 'A socket, not a file.',
  other: 'Not a regular file.'
}

/**
 * Expands what the user chose (files and folders) into files to import. Inside a chosen folder,
 * links are not followed and hidden files, pipes, devices and sockets are passed over, each listed
 * with its reason: an import never reads a path outside what the user picked, never waits on a
 * pipe, and never leaves the user wondering where a file went.
 */
export async function collectFiles(chosen: string[]): Promise<Collected> {
  const out: Collected = { files: [], problems: [], skipped: [] }
  for (const path of chosen) {
    const full = resolve(path)
    let stat: Stats
    try {
      stat = await lstat(full)
    } catch (e) {
      const code = fsErrorCode(e)
      out.problems.push({ file: path, error: code === 'ENOENT' ? 'The file or folder does not exist.' : `The file or folder could not be read (${code}).` })
      continue
    }
    if (stat.isSymbolicLink()) {
      // A link the user named directly is what they chose: follow it once, to a file only.
      const target = await realpath(full).catch(() => null)
      const targetStat = target ? await lstat(target).catch(() => null) : null
      if (target && targetStat?.isFile()) out.files.push(target)
      else out.problems.push({ file: path, error: 'The link does not lead to a file.' })
    } else if (stat.isDirectory()) {
      const before = out.files.length + out.skipped.length
      await walk(full, full, out)
      if (out.files.length + out.skipped.length === before) out.skipped.push({ file: path, reason: 'The folder holds no files to import.' })
    } else if (stat.isFile()) {
      out.files.push(full)
    } else {
      out.problems.push({ file: path, error: `This is not a regular file: ${REASONS[otherKind(stat) ?? 'other']}` })
    }
  }
  return out
}

async function walk(root: string, dir: string, out: Collected): Promise<void> {
  let entries: Dirent[]
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (e) {
    out.problems.push({ file: dir, error: `The folder could not be read (${fsErrorCode(e)}).` })
    return
  }
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    const full = join(dir, entry.name)
    if (!full.startsWith(root + sep)) continue
    if (entry.name.startsWith('.')) {
      out.skipped.push({
        file: full,
        reason: entry.isDirectory()
          ? 'A hidden folder (its name starts with a dot): passed over with everything in it. Choose it directly to import from it.'
          : 'A hidden file (its name starts with a dot), such as system or editor clutter: passed over. Choose it directly to import it.'
      })
      continue
    }
    const other = otherKind(entry)
    if (other !== null) out.skipped.push({ file: full, reason: REASONS[other] ?? REASONS.other ?? '' })
    else if (entry.isDirectory()) await walk(root, full, out)
    else if (entry.isFile()) out.files.push(full)
    else out.skipped.push({ file: full, reason: REASONS.other ?? '' })
  }
}

export const displayName = (file: string): string => basename(file)
