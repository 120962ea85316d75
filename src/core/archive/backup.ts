import { join } from 'node:path'
import { TRANSCRIPTS_DIR, INDEX_FILE, backupsPath, indexPath, transcriptsPath } from './layout'
import { checkIndexText } from './validate'
import { syncFolder, writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import type { ArchiveIndex } from '../../shared/model'
import type { BackupSummary } from '../../shared/api/contract'

/** What a snapshot holds, as every door reports it: one type, defined in the contract. */
export type BackupInfo = BackupSummary

/** Keep every snapshot of the last day, then at most this many in all, none older than 30 days. */
const KEEP_RECENT_MS = 24 * 3600_000
const KEEP_MAX = 40
const KEEP_MAX_AGE_MS = 30 * 24 * 3600_000

/** The transcripts a snapshot holds: the interviews', and those of deleted interviews the trash can still bring back. */
function transcriptIds(index: ArchiveIndex): string[] {
  return [...index.interviews.map((i) => i.id), ...index.trash.filter((e) => e.kind === 'interviews').map((e) => String(e.record.id))]
}

const stampOf = (date: Date): string => date.toISOString().replace(/[:.]/g, '-')

/**
 * A snapshot is a folder holding a copy of archive.json and a hard link to every transcript.
 * Transcripts are only ever replaced by rename, never written in place, so a link keeps the old
 * words for as long as the snapshot lives, at the cost of one directory entry.
 */
export async function createBackup(fs: ArchiveFs, dir: string, indexText: string, now = new Date()): Promise<BackupInfo> {
  const check = checkIndexText(indexText)
  if (!check.ok) throw new Error(`not backing up an archive that does not validate: ${check.problem}`)
  // Two snapshots in the same millisecond (a backup right after opening) get distinct names.
  let id = stampOf(now)
  for (let n = 1; await exists(fs, join(backupsPath(dir), id)); n++) id = `${stampOf(now)}-${n}`
  const target = join(backupsPath(dir), id)
  const staging = `${target}.partial`
  await fs.rm(staging, { recursive: true, force: true })
  await fs.mkdir(join(staging, TRANSCRIPTS_DIR), { recursive: true })
  for (const id of transcriptIds(check.index)) {
    const from = join(transcriptsPath(dir), `${id}.json`)
    const to = join(staging, TRANSCRIPTS_DIR, `${id}.json`)
    await fs.link(from, to).catch(async (e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return
      await fs.copyFile(from, to)
    })
  }
  // The links are entries in the snapshot's own folder: flushed too, or a power cut could leave a
  // snapshot whose archive.json names transcripts it does not hold.
  await syncFolder(fs, join(staging, TRANSCRIPTS_DIR))
  await writeFileDurably(fs, join(staging, INDEX_FILE), indexText)
  await fs.rename(staging, target)
  await syncFolder(fs, backupsPath(dir))
  return {
    id,
    createdAt: now.toISOString(),
    interviews: check.index.interviews.length,
    quotes: check.index.quotes.length,
    claims: check.index.claims.length
  }
}

async function exists(fs: ArchiveFs, path: string): Promise<boolean> {
  return fs.stat(path).then(
    () => true,
    () => false
  )
}

export async function listBackups(fs: ArchiveFs, dir: string): Promise<BackupInfo[]> {
  let names: string[]
  try {
    names = await fs.readdir(backupsPath(dir))
  } catch {
    return []
  }
  const out: BackupInfo[] = []
  for (const name of names.filter((n) => !n.endsWith('.partial')).sort().reverse()) {
    try {
      const check = checkIndexText(await fs.readFile(join(backupsPath(dir), name, INDEX_FILE), 'utf8'))
      if (!check.ok) continue
      const stat = await fs.stat(join(backupsPath(dir), name, INDEX_FILE))
      out.push({
        id: name,
        createdAt: stat.mtime.toISOString(),
        interviews: check.index.interviews.length,
        quotes: check.index.quotes.length,
        claims: check.index.claims.length
      })
    } catch {
      // An unreadable snapshot is not offered; pruning removes it in time.
    }
  }
  return out
}

export async function pruneBackups(fs: ArchiveFs, dir: string, now = Date.now()): Promise<void> {
  const all = await listBackups(fs, dir)
  const doomed = all.filter((b, i) => {
    const age = now - Date.parse(b.createdAt)
    if (i < 3 || age < KEEP_RECENT_MS) return false
    return i >= KEEP_MAX || age > KEEP_MAX_AGE_MS
  })
  for (const b of doomed) {
    // Renamed out of the list first: a crash half way through removing it must not leave a
    // snapshot that is offered for restore with some of its transcripts gone.
    const gone = join(backupsPath(dir), `${b.id}.pruned.partial`)
    await fs.rename(join(backupsPath(dir), b.id), gone)
    await fs.rm(gone, { recursive: true, force: true })
  }
}

/** Copies a snapshot's files back over the archive (the caller holds the lock and reopens). */
export async function restoreBackupFiles(fs: ArchiveFs, dir: string, backupId: string): Promise<void> {
  if (!/^[0-9TZ-]+$/.test(backupId)) throw new Error(`no such backup: ${backupId}`)
  const from = join(backupsPath(dir), backupId)
  const indexText = await fs.readFile(join(from, INDEX_FILE), 'utf8')
  const check = checkIndexText(indexText)
  if (!check.ok) throw new Error(`backup ${backupId} does not validate: ${check.problem}`)
  await fs.mkdir(transcriptsPath(dir), { recursive: true })
  for (const id of transcriptIds(check.index)) {
    const text = await fs.readFile(join(from, TRANSCRIPTS_DIR, `${id}.json`), 'utf8').catch(() => null)
    if (text !== null) await writeFileDurably(fs, join(transcriptsPath(dir), `${id}.json`), text)
  }
  await writeFileDurably(fs, indexPath(dir), indexText)
}
