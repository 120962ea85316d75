// Reading an archive folder as bytes, to prove a failed save changed nothing on disk.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { LOCK_FILE } from '../../../src/core/archive/lock'
import { SEARCH_INDEX_FILE } from '../../../src/core/service/search'

/** The search index is a cache beside the archive (SQLite keeps its own journal files): not the archive. */
const isSearchCache = (name: string): boolean => name.startsWith(SEARCH_INDEX_FILE)

/**
 * Every file of the archive proper (archive.json, interviews/*, and anything else at the top
 * level or in interviews/, hidden or not: temp files, kept copies, notes), by relative path.
 * Snapshots, the lock and the search cache are left out: a failed save may still snapshot, the
 * lock is the running store's, and the search index follows saves on its own.
 */
export async function archiveFiles(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const name of await readdir(dir, { withFileTypes: true })) {
    if (name.isFile() && name.name !== LOCK_FILE && !isSearchCache(name.name)) out.set(name.name, await readFile(join(dir, name.name), 'latin1'))
  }
  for (const name of await readdir(join(dir, 'interviews')).catch(() => [] as string[])) {
    out.set(`interviews/${name}`, await readFile(join(dir, 'interviews', name), 'latin1'))
  }
  return out
}

/** Byte-for-byte copy of every file under `dir` (recursively), keyed by relative path. */
export async function treeBytes(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  const walk = async (rel: string): Promise<void> => {
    for (const e of await readdir(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name
      if (e.isDirectory()) await walk(path)
      else out.set(path, await readFile(join(dir, path)))
    }
  }
  await walk('')
  return out
}
