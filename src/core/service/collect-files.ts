import { lstat, readdir, realpath } from 'node:fs/promises'
import { basename, join, resolve, sep } from 'node:path'

export interface Collected {
  files: string[]
  problems: { file: string; error: string }[]
}

/**
 * Expands what the user chose (files and folders) into files to import. Inside a chosen folder,
 * links are not followed and hidden files are passed over: an import never reads a path outside
 * what the user picked.
 */
export async function collectFiles(chosen: string[]): Promise<Collected> {
  const files: string[] = []
  const problems: Collected['problems'] = []
  for (const path of chosen) {
    const full = resolve(path)
    let stat
    try {
      stat = await lstat(full)
    } catch {
      problems.push({ file: path, error: 'The file or folder does not exist.' })
      continue
    }
    if (stat.isSymbolicLink()) {
      // A link the user named directly is what they chose: follow it once, to a file only.
      const target = await realpath(full).catch(() => null)
      const targetStat = target ? await lstat(target).catch(() => null) : null
      if (target && targetStat?.isFile()) files.push(target)
      else problems.push({ file: path, error: 'The link does not lead to a file.' })
    } else if (stat.isDirectory()) {
      await walk(full, full, files)
    } else if (stat.isFile()) {
      files.push(full)
    } else {
      problems.push({ file: path, error: 'This is not a regular file.' })
    }
  }
  return { files, problems }
}

async function walk(root: string, dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true })
  entries.sort((a, b) => a.name.localeCompare(b.name))
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue
    const full = join(dir, entry.name)
    if (!full.startsWith(root + sep)) continue
    if (entry.isDirectory()) await walk(root, full, out)
    else if (entry.isFile()) out.push(full)
    // Links inside a chosen folder are skipped: they may point anywhere.
  }
}

export const displayName = (file: string): string => basename(file)
