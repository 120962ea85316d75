// Opening an archive, step by step: the path checked, the lock taken, archive.json read (or
// created, or recovered), the journal replayed on top of it, a save a crash cut short settled,
// and what was found written into the open report. Each step is its own function below; the store
// gets the result and never comes back here.
import { VerbatimError, isVerbatimError } from '../../shared/errors'
import { SCHEMA_VERSION, type ArchiveIndex } from '../../shared/model'
import { checkpointHash, revisionsIn, trustedIndex, RecordRevisions } from './checkpoint'
import { createArchive, creatingPath, type SeedArchive } from './create'
import { isTempFile } from './durable-write'
import { explainFsError, reasonOf } from './fs-errors'
import { realFs, type ArchiveFs } from './fs'
import { headerOf, parseJournal } from './journal'
import { indexPath, journalPath, transcriptsPath } from './layout'
import { ArchiveLock } from './lock'
import { checkArchivePath } from './path-check'
import { settlePendingSave } from './pending-save'
import { checkTranscripts, describeRecovery, recoverIndex, type OpenReport } from './recovery'
import { applyOlderJournal, replayJournal, type Replayed } from './replay'
import { indexShape } from './shape'
import { checkIndexText, type IndexCheck } from './validate'

export interface OpenOptions {
  /** `read` takes no lock and refuses every write: for a CLI listing while the app has the archive. */
  mode?: 'write' | 'read'
  /**
   * Make a new archive when there is none (in a new or empty folder, never in one holding other
   * files). Off by default: a mistyped path is `not-found`, not a new archive.
   */
  create?: boolean
  /** Who holds the lock, as the refusal message will name it. */
  app?: string
  fs?: ArchiveFs
  /** What a brand-new archive starts with (the demo archive, or nothing). */
  seed?: () => Promise<SeedArchive | null>
  /** Minutes between automatic snapshots while edits are made. */
  backupEveryMinutes?: number
  /**
   * Fold the journal into archive.json (a checkpoint) once it holds this many bytes. By default a
   * quarter of archive.json's size, kept between 1 and 16 MB: the rewrite is paid for by that many
   * small saves, and replaying the journal on open stays a fraction of reading archive.json.
   */
  checkpointAfterBytes?: number
}

/** Everything the store starts from. */
export interface OpenedArchive {
  fs: ArchiveFs
  index: ArchiveIndex
  revs: RecordRevisions
  lock: ArchiveLock | null
  readOnlyReason: string | undefined
  report: OpenReport
  /** The journal as replayed (null when there was none): where it ends, and what could not be applied. */
  replay: Replayed
  journalPresent: boolean
  /** Bytes of archive.json: how big the journal may grow before the next checkpoint. */
  checkpointBytes: number
  /** The SHA-256 of archive.json as read (and checked), for the header of a journal that will follow it. */
  checkpointHash: string
  /**
   * archive.json (with its journal) was in an older format and was migrated in memory: opening
   * for writing keeps the old files in a snapshot and writes the new format at once, so that a
   * journal never mixes two formats.
   */
  migratedFrom?: { text: string; version: number }
}

/** archive.json and the journal are read whole: bounded first, and never a pipe or a device. */
const MAX_INDEX_BYTES = 400 * 1024 * 1024

async function readBounded(fs: ArchiveFs, file: string): Promise<string | null> {
  let stat: Awaited<ReturnType<ArchiveFs['stat']>>
  try {
    stat = await fs.stat(file)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw explainFsError(e, file, 'corrupt')
  }
  if (!stat.isFile()) throw new VerbatimError('corrupt', `The archive cannot be read: ${file} is not a file.`)
  if (stat.size > MAX_INDEX_BYTES) throw new VerbatimError('corrupt', `The archive cannot be read: ${file} is ${Math.round(stat.size / 1e6)} MB, more than Verbatim reads (${MAX_INDEX_BYTES / 1e6} MB).`)
  return fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null
    throw explainFsError(e, file, 'corrupt')
  })
}

async function hasTranscripts(fs: ArchiveFs, dir: string): Promise<boolean> {
  const names = await fs.readdir(transcriptsPath(dir)).catch(() => [] as string[])
  return names.some((n) => n.endsWith('.json') && !isTempFile(n))
}

const exists = (fs: ArchiveFs, file: string): Promise<boolean> =>
  fs.stat(file).then(
    () => true,
    () => false
  )

/** Checks the path, then takes the lock for writing (or falls back to reading on a disk that cannot be written). */
async function lockFolder(fs: ArchiveFs, dir: string, options: OpenOptions): Promise<{ lock: ArchiveLock | null; mode: 'read' | 'write'; cannotWrite?: string }> {
  const mode = options.mode ?? 'write'
  // The CLI and the app check the path the user gave before they open a session (the same check,
  // with their own rule for missing parent folders); the store checks it again for every caller.
  const folder = await checkArchivePath(dir, { create: mode === 'write' && (options.create ?? false), createParents: true, fs })
  if (mode === 'read') {
    if (folder !== 'archive') throw new VerbatimError('not-found', `There is no Verbatim archive in ${dir}.`)
    return { lock: null, mode }
  }
  let lock: ArchiveLock | null = null
  try {
    if (folder !== 'archive') await fs.mkdir(dir, { recursive: true })
    lock = await ArchiveLock.acquire(fs, dir, options.app ?? 'Verbatim')
    return { lock, mode }
  } catch (e) {
    await lock?.release().catch(() => undefined)
    // A read-only disk or a folder we may not write: show the archive, change nothing.
    if (isVerbatimError(e)) throw e
    if (!['EROFS', 'EACCES', 'EPERM'].includes((e as NodeJS.ErrnoException).code ?? '')) {
      throw new VerbatimError('not-saved', `Verbatim could not open the archive for writing: ${reasonOf(e)} (${dir}).`)
    }
    return { lock: null, mode: 'read', cannotWrite: `Verbatim cannot write to this archive's folder: ${reasonOf(e)} (${dir}). It is open read-only; nothing can be changed until that is fixed.` }
  }
}

type Checked = Extract<IndexCheck, { ok: true }> & { revs: RecordRevisions }

/**
 * archive.json as found, made (a new archive), or put back from a snapshot (damaged or missing).
 * Checked record by record by the schema, unless it is byte for byte the checkpoint the journal
 * names (`trustedHash`), which was made of checked records.
 */
async function readCheckpoint(
  fs: ArchiveFs,
  dir: string,
  mode: 'read' | 'write',
  options: OpenOptions,
  report: OpenReport,
  trustedHash: string | undefined,
  olderJournal: string | null
): Promise<{ text: string; hash: string; check: Checked; folded?: ReturnType<typeof applyOlderJournal> }> {
  let text = await readBounded(fs, indexPath(dir))
  if (text !== null && olderJournal) {
    // A journal in an older format: applied to the old JSON first, then migrated with it.
    let raw: unknown = null
    try {
      raw = JSON.parse(text)
    } catch {
      // Damaged: the careful path below says so.
    }
    const folded = raw && typeof raw === 'object' ? applyOlderJournal(raw as Record<string, unknown>, olderJournal) : null
    if (folded) {
      const check = checkIndexText(JSON.stringify(folded.raw))
      if (check.ok) return { text, hash: checkpointHash(text), check: { ...check, revs: revisionsIn(check.raw, indexShape) }, folded }
    }
  }
  if (text !== null && trustedHash) {
    const hash = checkpointHash(text)
    if (hash === trustedHash) {
      const revs = new RecordRevisions()
      let raw: unknown
      try {
        raw = JSON.parse(text)
      } catch {
        raw = null
      }
      const index = trustedIndex(raw, indexShape, revs)
      if (index) return { text, hash, check: { ok: true, index, newer: false, raw, revs } }
    }
  }
  if (text === null && mode === 'write' && (!(await hasTranscripts(fs, dir)) || (await exists(fs, creatingPath(dir))))) {
    if (!options.create) throw new VerbatimError('not-found', `There is no Verbatim archive in ${dir}.`)
    text = await createArchive(fs, dir, (await options.seed?.()) ?? null)
    report.created = true
  }
  if (text === null) {
    if (mode === 'read') throw new VerbatimError('not-found', `There is no Verbatim archive in ${dir}.`)
    text = await recoverIndex(fs, dir, 'archive.json is missing', report)
  }
  let check = checkIndexText(text)
  if (!check.ok && check.newerVersion !== undefined) {
    // Never "repair" what a newer build wrote: moving it aside for an old snapshot would lose its work.
    throw new VerbatimError(
      'unsupported',
      `The archive in ${dir} was saved by a newer Verbatim (format ${check.newerVersion}; this one knows ${SCHEMA_VERSION}) and this version cannot read it. Open it with the newer Verbatim; nothing was changed.`
    )
  }
  if (!check.ok && mode === 'write') {
    text = await recoverIndex(fs, dir, `archive.json is damaged: ${check.problem}`, report)
    check = checkIndexText(text)
  }
  if (!check.ok) throw new VerbatimError('corrupt', `The archive in ${dir} cannot be read: ${check.problem}.`)
  return { text, hash: checkpointHash(text), check: { ...check, revs: revisionsIn(check.raw, indexShape) } }
}

/** The journal's saves applied to archive.json; none after archive.json was put back from a snapshot. */
function replay(journalText: string | null, check: Checked, revs: RecordRevisions, restored: boolean): Replayed {
  if (!restored) return replayJournal(journalText, check.index, revs, indexShape, check.newer)
  // The journal continued the archive.json that was lost, and the snapshot's transcripts replaced
  // the ones its saves wrote: applying it would mix the two. It is kept aside instead.
  const parsed = journalText ? parseJournal(journalText) : null
  const saves = parsed?.lines.length ?? 0
  return {
    index: check.index,
    header: parsed?.header ?? null,
    applied: 0,
    deletedTranscripts: new Set(),
    goodLength: parsed?.goodLength ?? 0,
    tornBytes: parsed?.tornBytes ?? 0,
    headerBytes: parsed?.headerBytes ?? 0,
    ...(journalText ? { problem: 'archive.json was put back from a backup, which the saves in the journal did not follow' } : {}),
    unapplied: saves
  }
}

export async function openArchive(dir: string, options: OpenOptions): Promise<OpenedArchive> {
  const fs = options.fs ?? realFs
  const { lock, mode, cannotWrite } = await lockFolder(fs, dir, options)
  try {
    const report: OpenReport = { created: false }
    let readOnlyReason = cannotWrite ?? (mode === 'read' ? 'opened read-only' : undefined)
    const journalText = await readBounded(fs, journalPath(dir))
    const header = headerOf(journalText)
    const older = header !== null && (header.schemaVersion ?? SCHEMA_VERSION) < SCHEMA_VERSION
    const { text, hash, check, folded } = await readCheckpoint(fs, dir, mode, options, report, older ? undefined : header?.checkpoint, older ? journalText : null)
    if (check.newer) {
      readOnlyReason = `This archive was saved by a newer Verbatim (format ${check.version}; this one knows ${SCHEMA_VERSION}). It is open read-only so nothing of the newer format is lost.`
    }
    const revs = check.revs
    const replayed: Replayed = folded
      ? { index: check.index, header: null, applied: folded.applied, deletedTranscripts: folded.deletedTranscripts, goodLength: 0, tornBytes: 0, headerBytes: 0, unapplied: 0 }
      : replay(journalText, check, revs, report.restoredFrom !== undefined)
    const foundVersion = (check.raw as { schemaVersion?: unknown } | null)?.schemaVersion
    const migrated = !check.newer && typeof foundVersion === 'number' && foundVersion < SCHEMA_VERSION
    if (replayed.problem && replayed.unapplied > 0) {
      report.journal = { problem: replayed.problem, unapplied: replayed.unapplied, revision: replayed.index.revision }
    }
    if (mode === 'write' && !check.newer) {
      const interrupted = await settlePendingSave(fs, dir, { revision: replayed.index.revision, indexText: text, restored: report.restoredFrom !== undefined })
      // The last session may not have ended cleanly (its lock was stale, a save was cut short,
      // archive.json had to be restored): read every transcript now rather than on first use.
      if (lock?.tookOver || interrupted || report.problem) await checkTranscripts(fs, dir, replayed.index, report)
    }
    if (report.problem || report.transcripts?.length || report.journal) report.message = describeRecovery(report)
    return {
      fs,
      index: replayed.index,
      revs,
      lock,
      readOnlyReason,
      report,
      replay: replayed,
      journalPresent: journalText !== null,
      checkpointBytes: text.length,
      checkpointHash: hash,
      ...(migrated || folded ? { migratedFrom: { text, version: typeof foundVersion === 'number' ? foundVersion : SCHEMA_VERSION } } : {})
    }
  } catch (e) {
    await lock?.release().catch(() => undefined)
    throw e
  }
}
