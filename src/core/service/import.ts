import { createHash } from 'node:crypto'
import { open, readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { isVerbatimError } from '../../shared/errors'
import { emptyReport, type ImportReport } from '../../shared/import-report'
import type { Interview, Segment } from '../../shared/model'
import { newId, type ArchiveStore } from '../archive/store'
import { isCodebook, type ParsedInterview } from '../import'
import { DEFAULT_LIMITS, parseCodebookIsolated, parseIsolated, type IsolationLimits } from '../import/isolate'
import { ImportError, MAX_IMPORT_BYTES } from '../import/types'
import { collectFiles } from './collect-files'
import { summarise } from './interviews'
import { sourceFor, tagFor } from './link-records'

export interface IncomingFile {
  /** What the report calls it: the path the user chose, or an uploaded file's name. */
  label: string
  name: string
  size: number
  read: () => Promise<Uint8Array>
  /** The first bytes only: enough to tell a codebook from a transcript without reading the file. */
  head: (bytes: number) => Promise<Uint8Array>
}

export interface ImportOptions {
  allowDuplicate: boolean
  /** The import worker's limits; tests lower them to show what happens when a file reaches one. */
  limits?: IsolationLimits
}

const megabytes = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`
const HEAD_BYTES = 4096

function reasonOf(e: unknown): string {
  if (e instanceof ImportError || isVerbatimError(e)) return e.message
  return `Verbatim could not read this file (${e instanceof Error ? e.message : String(e)}).`
}

function unreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code
  return `The file could not be read (${code ?? reasonOf(e)}).`
}

function tooLarge(size: number): string {
  return `The file is ${megabytes(size)}; Verbatim imports files up to ${megabytes(MAX_IMPORT_BYTES)}.`
}

/** One file on its way in: read, hashed and parsed (on the worker), or the reason it stops here. */
type Prepared =
  | { file: IncomingFile; kind: 'parsed'; contentHash: string; parsed: ParsedInterview }
  | { file: IncomingFile; kind: 'twin'; twin: Interview }
  | { file: IncomingFile; kind: 'failed'; error: string }

/**
 * Imports one batch. Each file is its own save: it comes in whole (interview, transcript, new
 * sources and tags) or not at all, and a failed file does not stop the others. Files are read,
 * parsed and saved one at a time, the next one read and parsed while the current one is saved,
 * so memory holds about two files whatever the size of the batch. Parsing happens on the import
 * worker (isolate.ts): a file that reaches its memory or time limit fails alone.
 */
export async function importFiles(store: ArchiveStore, files: IncomingFile[], options: ImportOptions | boolean): Promise<ImportReport> {
  const { allowDuplicate, limits = DEFAULT_LIMITS } = typeof options === 'boolean' ? { allowDuplicate: options } : options
  const report = emptyReport()
  const codebooks: IncomingFile[] = []
  const transcripts: IncomingFile[] = []
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES) {
      report.failed.push({ file: file.label, error: tooLarge(file.size) })
      continue
    }
    try {
      ;(isCodebook(file.name, await file.head(HEAD_BYTES)) ? codebooks : transcripts).push(file)
    } catch (e) {
      report.failed.push({ file: file.label, error: unreadable(e) })
    }
  }

  // Codebooks first, so the tags the transcripts bring find their descriptions waiting.
  for (const file of codebooks) {
    try {
      const entries = await parseCodebookIsolated(file.name, await readBounded(file), limits)
      await store.commit((next) => {
        const now = new Date().toISOString()
        for (const entry of entries) tagFor(next, entry.name, now, entry.description)
      })
      report.codebooks.push({ file: file.label, tags: entries.length })
    } catch (e) {
      report.failed.push({ file: file.label, error: reasonOf(e) })
    }
  }

  // A content hash names an interview already in the archive, or one this batch brought.
  const byHash = new Map<string, Interview>()
  for (const interview of store.index.interviews) if (interview.contentHash) byHash.set(interview.contentHash, interview)

  const prepare = async (file: IncomingFile): Promise<Prepared> => {
    try {
      const bytes = await readBounded(file)
      const contentHash = createHash('sha256').update(bytes).digest('hex')
      const twin = byHash.get(contentHash)
      if (twin && !allowDuplicate) return { file, kind: 'twin', twin }
      return { file, kind: 'parsed', contentHash, parsed: await parseIsolated(file.name, bytes, limits) }
    } catch (e) {
      return { file, kind: 'failed', error: reasonOf(e) }
    }
  }

  let ahead: Promise<Prepared> | null = transcripts[0] === undefined ? null : prepare(transcripts[0])
  for (let i = 0; ahead !== null; i++) {
    const current: Prepared = await ahead
    const following = transcripts[i + 1]
    ahead = following === undefined ? null : prepare(following)
    try {
      await save(store, current, allowDuplicate, byHash, report)
    } catch (e) {
      report.failed.push({ file: current.file.label, error: reasonOf(e) })
    }
  }
  return report
}

/** Reads a file whole, refusing it if it grew past the limit since it was listed. */
async function readBounded(file: IncomingFile): Promise<Uint8Array> {
  let bytes: Uint8Array
  try {
    bytes = await file.read()
  } catch (e) {
    throw new ImportError(unreadable(e))
  }
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError(tooLarge(bytes.length))
  return bytes
}

/** A file with no title of its own is titled from its name, never from whoever speaks most in it. */
function titleOf(parsed: ParsedInterview, fileName: string): string {
  const fromName = basename(fileName).replace(/\.[^.]{1,8}$/, '').trim()
  return parsed.metadata.title ?? parsed.metadata.interviewee ?? (fromName === '' ? basename(fileName) : fromName)
}

async function save(store: ArchiveStore, prepared: Prepared, allowDuplicate: boolean, byHash: Map<string, Interview>, report: ImportReport): Promise<void> {
  const { file } = prepared
  if (prepared.kind === 'failed') {
    report.failed.push({ file: file.label, error: prepared.error })
    return
  }
  // The same bytes twice in one batch: the second meets the first here, after it was saved.
  const twin = prepared.kind === 'twin' ? prepared.twin : byHash.get(prepared.contentHash)
  if (twin && !allowDuplicate) {
    report.skipped.push({ file: file.label, reason: `Already imported as “${twin.title}”.`, interviewId: twin.id })
    return
  }
  if (prepared.kind !== 'parsed') return
  const { parsed, contentHash } = prepared
  const interviewId = newId()
  const meta = parsed.metadata
  const title = titleOf(parsed, file.name)
  const interview = await store.commit((next, tx) => {
    const now = new Date().toISOString()
    const segments: Segment[] = parsed.segments.map((s) => ({
      id: newId(),
      speaker: s.speaker,
      ...withSource(s.speaker ? sourceFor(next, s.speaker, now, { interviewer: meta.interviewer, interviewee: meta.interviewee }) : undefined),
      text: s.text,
      startSeconds: s.startSeconds,
      endSeconds: s.endSeconds,
      offRecord: s.offRecord,
      tagIds: [...new Set(s.tags.map((t) => tagFor(next, t, now)))]
    }))
    tx.writeTranscript(interviewId, segments)
    const added: Interview = {
      id: interviewId,
      title: title.slice(0, 500),
      ...(meta.date ? { date: meta.date.slice(0, 40) } : {}),
      ...(meta.place ? { place: meta.place.slice(0, 500) } : {}),
      ...(meta.interviewer ? { interviewer: meta.interviewer.slice(0, 200) } : {}),
      ...(meta.language ? { language: meta.language.slice(0, 40) } : {}),
      ...(meta.recordingFile ? { recordingFile: meta.recordingFile } : {}),
      ...(meta.notes ? { notes: meta.notes } : {}),
      consent: 'unknown',
      format: parsed.format,
      encoding: parsed.encoding,
      sourceFile: file.name,
      contentHash,
      ...summarise(segments),
      createdAt: now,
      updatedAt: now
    }
    next.interviews.push(added)
    return added
  })
  byHash.set(contentHash, interview)
  report.imported.push({
    file: file.label,
    interviewId,
    format: parsed.format,
    encoding: parsed.encoding,
    segments: parsed.segments.length,
    speakers: [...new Set(parsed.segments.map((s) => s.speaker).filter(Boolean))],
    title,
    warnings: parsed.warnings
  })
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead)
  } finally {
    await handle.close()
  }
}

const withSource = (sourceId: string | undefined): { sourceId?: string } => (sourceId ? { sourceId } : {})

/** Files named by path (CLI, desktop drag and drop): folders are walked, and what is passed over is listed. */
export async function importPaths(store: ArchiveStore, paths: string[], allowDuplicate: boolean, limits?: IsolationLimits): Promise<ImportReport> {
  const { files, problems, skipped } = await collectFiles(paths)
  const incoming: IncomingFile[] = []
  for (const path of files) {
    const size = (await stat(path).catch(() => null))?.size ?? 0
    incoming.push({
      label: path,
      name: basename(path),
      size,
      read: async () => {
        const buffer = await readFile(path)
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
      },
      head: (bytes) => readHead(path, bytes)
    })
  }
  const report = await importFiles(store, incoming, { allowDuplicate, ...(limits ? { limits } : {}) })
  report.failed.unshift(...problems)
  report.skipped.unshift(...skipped)
  return report
}

/** Files sent as bytes (the browser host, drag and drop in any window): decoded one at a time, as each is imported. */
export function importUploads(store: ArchiveStore, uploads: { name: string; data: string }[], allowDuplicate: boolean, limits?: IsolationLimits): Promise<ImportReport> {
  const base64Bytes = (data: string): number => Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0)
  return importFiles(
    store,
    uploads.map((u) => ({
      label: u.name,
      name: basename(u.name),
      size: base64Bytes(u.data),
      read: async () => new Uint8Array(Buffer.from(u.data, 'base64')),
      head: async (bytes) => new Uint8Array(Buffer.from(u.data.slice(0, Math.ceil(bytes / 3) * 4), 'base64'))
    })),
    { allowDuplicate, ...(limits ? { limits } : {}) }
  )
}
