import { randomBytes } from 'node:crypto'
import { basename, dirname, join } from 'node:path'
import type { ArchiveFs } from './fs'

/**
 * Replace `file` with `data` so that a crash at any moment leaves either the old or the new
 * content, and once this resolves the new content survives a power cut.
 *
 * lowdb's own writer (steno) renames a fixed-name temp file and never fsyncs: two processes
 * would share the temp file, and a power cut can leave a renamed but empty file. Here the temp
 * name is unique, the data is flushed before the rename, and the folder after it.
 */
export async function writeFileDurably(fs: ArchiveFs, file: string, data: string): Promise<void> {
  const dir = dirname(file)
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: Awaited<ReturnType<ArchiveFs['open']>> | undefined
  try {
    handle = await fs.open(tmp, 'wx', 0o644)
    await handle.writeFile(data, 'utf8')
    await handle.sync()
    await handle.close()
    handle = undefined
    await fs.rename(tmp, file)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    await fs.rm(tmp, { force: true }).catch(() => undefined)
    throw error
  }
  try {
    await syncFolder(fs, dir)
  } catch (error) {
    // The new content is already in place, only not yet safe from a power cut: a caller that
    // reports the write as failed must put the old content back.
    if (typeof error === 'object' && error !== null) (error as { replaced?: boolean }).replaced = true
    throw error
  }
}

/** True for an error from `writeFileDurably` thrown after the file had been replaced. */
export function wasReplaced(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { replaced?: unknown }).replaced === true
}

/** Makes a rename or unlink in `dir` durable. Windows cannot open a folder for flushing. */
export async function syncFolder(fs: ArchiveFs, dir: string): Promise<void> {
  if (process.platform === 'win32') return
  const handle = await fs.open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Leftovers of writes that crashed before their rename: safe to delete, they were never acknowledged. */
export function isTempFile(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp')
}
