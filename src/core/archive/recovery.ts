// Repairs made while opening (or on a transcript's first read): a damaged or missing archive.json
// is replaced by the newest snapshot, a damaged transcript by the newest readable copy of it, a
// journal that cannot be applied is kept aside. Nothing damaged is ever written over: it is moved
// to damaged/ byte for byte. And every repair is told in sentences a reporter can read.
import { join } from 'node:path'
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex } from '../../shared/model'
import { listBackups, restoreBackupFiles, type BackupInfo } from './backup'
import { syncFolder, writeFileDurably } from './durable-write'
import { explainFsError } from './fs-errors'
import type { ArchiveFs } from './fs'
import { INDEX_FILE, TRANSCRIPTS_DIR, backupsPath, indexPath, journalPath, quarantinePath, transcriptPath, transcriptsPath } from './layout'
import { checkIndexText, checkTranscriptText } from './validate'

/** What opening found and did, for the app to tell the user. */
export interface OpenReport {
  created: boolean
  /** archive.json was damaged or missing and this snapshot was put back. */
  restoredFrom?: BackupInfo
  /** Where the damaged archive.json was moved, byte for byte as it was found. */
  movedAside?: string
  /** Where the transcripts as they were before the restore were kept (hard links). */
  keptAside?: string
  problem?: string
  /** Transcript files that were damaged or missing, and what was done about each. */
  transcripts?: TranscriptRecovery[]
  /** Saves in the journal that could not be applied, and where the journal was kept. */
  journal?: JournalRecovery
  /** The whole story in sentences a reporter can read: what was wrong, what was restored, what may be missing. */
  message?: string
}

export interface TranscriptRecovery {
  interviewId: string
  title: string
  problem: string
  /** Where the damaged file was moved (absent when the file was missing). */
  movedAside?: string
  /** The snapshot whose copy was put back; absent when no snapshot had a readable copy. */
  restoredFrom?: BackupInfo
}

export interface JournalRecovery {
  problem: string
  /** Saves (lines) from the problem on that were not applied. */
  unapplied: number
  /** The revision the archive was opened at: changes saved after it may be missing. */
  revision: number
  movedAside?: string
}

export const stampNow = (): string => new Date().toISOString().replace(/[:.]/g, '-')

async function exists(fs: ArchiveFs, file: string): Promise<boolean> {
  return fs.stat(file).then(
    () => true,
    () => false
  )
}

/**
 * archive.json is missing or damaged: never write over it. Move it aside where the user can find
 * it, keep the transcripts as they are (links, in case they are newer than the snapshot), put the
 * newest good snapshot back, and say so. Returns the restored archive.json's text.
 */
export async function recoverIndex(fs: ArchiveFs, dir: string, problem: string, report: OpenReport): Promise<string> {
  report.problem = problem
  const newest = await newestReadable(fs, dir)
  if (!newest) {
    // Nothing to put back: leave every file where it is for a person (or a newer Verbatim) to look at.
    throw new VerbatimError(
      'corrupt',
      `The archive in ${dir} cannot be opened: ${problem}, and it has no backup to restore. Nothing was changed; the files are as they were found.`
    )
  }
  const stamp = stampNow()
  if (await exists(fs, indexPath(dir))) {
    await fs.mkdir(quarantinePath(dir), { recursive: true })
    const aside = join(quarantinePath(dir), `archive-${stamp}.json`)
    await fs.rename(indexPath(dir), aside)
    await syncFolder(fs, quarantinePath(dir))
    report.movedAside = aside
  }
  const current = (await fs.readdir(transcriptsPath(dir)).catch(() => [] as string[])).filter((n) => n.endsWith('.json') && !n.startsWith('.'))
  if (current.length) {
    const keep = join(quarantinePath(dir), `interviews-before-restore-${stamp}`)
    await fs.mkdir(keep, { recursive: true })
    for (const name of current) {
      await fs.link(join(transcriptsPath(dir), name), join(keep, name)).catch(() => fs.copyFile(join(transcriptsPath(dir), name), join(keep, name)))
    }
    await syncFolder(fs, keep)
    report.keptAside = keep
  }
  await restoreBackupFiles(fs, dir, newest.id)
  report.restoredFrom = newest
  return fs.readFile(indexPath(dir), 'utf8')
}

/** The newest snapshot whose archive.json reads (the list itself trusts each snapshot's snapshot.json). */
async function newestReadable(fs: ArchiveFs, dir: string): Promise<BackupInfo | undefined> {
  for (const b of await listBackups(fs, dir)) {
    const text = await fs.readFile(join(backupsPath(dir), b.id, INDEX_FILE), 'utf8').catch(() => '')
    if (checkIndexText(text).ok) return b
  }
  return undefined
}

/** A journal whose saves cannot be applied is moved aside whole, never cut or written over. */
export async function setJournalAside(fs: ArchiveFs, dir: string): Promise<string> {
  await fs.mkdir(quarantinePath(dir), { recursive: true })
  const aside = join(quarantinePath(dir), `archive-journal-${stampNow()}.jsonl`)
  await fs.rename(journalPath(dir), aside)
  await syncFolder(fs, quarantinePath(dir))
  return aside
}

/** The snapshot list, read once however many transcripts need it. */
export class BackupCache {
  private list: Promise<BackupInfo[]> | undefined
  constructor(
    private readonly fs: ArchiveFs,
    private readonly dir: string
  ) {}
  get(): Promise<BackupInfo[]> {
    return (this.list ??= listBackups(this.fs, this.dir))
  }
}

/**
 * Reads every transcript the index names, and repairs the ones that are damaged or missing (see
 * recoverTranscript). Done on open when the last session may not have ended cleanly; otherwise a
 * transcript is checked when it is first read, so that a clean open never reads every transcript.
 */
export async function checkTranscripts(fs: ArchiveFs, dir: string, index: ArchiveIndex, report: OpenReport): Promise<void> {
  const backups = new BackupCache(fs, dir)
  for (const interview of index.interviews) {
    const file = transcriptPath(dir, interview.id)
    const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'ENOENT') throw explainFsError(e, file, 'corrupt')
      return null
    })
    const checked = text === null ? 'the file is missing' : checkTranscriptText(text, interview.id)
    if (typeof checked !== 'string') continue
    ;(report.transcripts ??= []).push(await recoverTranscript(fs, dir, interview, checked, text !== null, backups))
  }
}

/**
 * One transcript is damaged (or missing): never write over it. The damaged file is moved to
 * damaged/ as it is, and the copy from the newest snapshot that holds a readable one is put back.
 * (Snapshots hold hard links, so a file damaged in place is damaged in the snapshots that share
 * it; an older snapshot from before its last rewrite may still have it.)
 */
export async function recoverTranscript(
  fs: ArchiveFs,
  dir: string,
  interview: { id: string; title: string },
  problem: string,
  present: boolean,
  backups: BackupCache
): Promise<TranscriptRecovery> {
  const file = transcriptPath(dir, interview.id)
  const entry: TranscriptRecovery = { interviewId: interview.id, title: interview.title, problem }
  if (present) {
    const folder = join(quarantinePath(dir), `interviews-${stampNow()}`)
    await fs.mkdir(folder, { recursive: true })
    const aside = join(folder, `${interview.id}.json`)
    await fs.rename(file, aside)
    await syncFolder(fs, folder)
    entry.movedAside = aside
  }
  for (const backup of await backups.get()) {
    const copy = await fs.readFile(join(backupsPath(dir), backup.id, TRANSCRIPTS_DIR, `${interview.id}.json`), 'utf8').catch(() => null)
    if (copy === null || typeof checkTranscriptText(copy, interview.id) === 'string') continue
    await writeFileDurably(fs, file, copy)
    entry.restoredFrom = backup
    break
  }
  return entry
}

export function describeTranscriptRecovery(t: TranscriptRecovery): string {
  const what = `The transcript of “${t.title}” (${t.interviewId}) could not be read: ${t.problem}.`
  const moved = t.movedAside ? ` The damaged file was moved, unchanged, to ${t.movedAside}.` : ''
  const fix = t.restoredFrom
    ? ` Its copy from the backup of ${t.restoredFrom.createdAt} was restored; corrections made to it after that time may be missing.`
    : ' No backup holds a readable copy: the interview is kept without its transcript.'
  return what + moved + fix
}

const counts = (b: BackupInfo): string => `${b.interviews} interviews, ${b.quotes} quotes, ${b.claims} claims`

/** What opening found and did, in sentences. */
export function describeRecovery(report: OpenReport): string {
  const out: string[] = []
  if (report.problem && report.restoredFrom) {
    const b = report.restoredFrom
    out.push(`The archive could not be opened as it was: ${report.problem}.`)
    if (report.movedAside) out.push(`The damaged file was moved, unchanged, to ${report.movedAside}.`)
    out.push(`Verbatim restored the backup of ${b.createdAt} (${counts(b)}).`)
    out.push(`Changes made after ${b.createdAt} are not in the restored archive and may be missing.`)
    if (report.keptAside) out.push(`The transcript files as they were before the restore are kept in ${report.keptAside}.`)
  }
  const j = report.journal
  if (j) {
    out.push(`The archive's journal of recent saves could not be applied in full: ${j.problem}.`)
    out.push(`The archive opened as of revision ${j.revision}; ${j.unapplied === 1 ? 'one save' : `${j.unapplied} saves`} after it may be missing.`)
    if (j.movedAside) out.push(`The journal was moved, unchanged, to ${j.movedAside}.`)
  }
  for (const t of report.transcripts ?? []) out.push(describeTranscriptRecovery(t))
  return out.join(' ')
}
