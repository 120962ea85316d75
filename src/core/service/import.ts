import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { isVerbatimError } from '../../shared/errors'
import { emptyReport, type ImportReport } from '../../shared/import-report'
import type { Segment } from '../../shared/model'
import { newId, type ArchiveStore } from '../archive/store'
import { ImportError, MAX_IMPORT_BYTES } from '../import/types'
import { isCodebook, parseCodebook, parseInterviewFile } from '../import'
import { collectFiles } from './collect-files'
import { summarise } from './interviews'
import { sourceFor, tagFor } from './link-records'

export interface IncomingFile {
  /** What the report calls it: the path the user chose, or an uploaded file's name. */
  label: string
  name: string
  read: () => Promise<Uint8Array>
  size: number
}

const megabytes = (n: number): string => `${Math.round(n / 1024 / 1024)} MB`

function reasonOf(e: unknown): string {
  if (e instanceof ImportError || isVerbatimError(e)) return e.message
  return `Verbatim could not read this file (${e instanceof Error ? e.message : String(e)}).`
}

/**
 * Imports one batch. Each file is its own save: it comes in whole (interview, transcript, new
 * sources and tags) or not at all, and a failed file does not stop the others.
 */
export async function importFiles(store: ArchiveStore, files: IncomingFile[], allowDuplicate: boolean): Promise<ImportReport> {
  const report = emptyReport()
  const contents: { file: IncomingFile; bytes: Uint8Array }[] = []
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES) {
      report.failed.push({ file: file.label, error: `The file is ${megabytes(file.size)}; Verbatim imports files up to ${megabytes(MAX_IMPORT_BYTES)}.` })
      continue
    }
    try {
      contents.push({ file, bytes: await file.read() })
    } catch (e) {
      report.failed.push({ file: file.label, error: `The file could not be read (${(e as NodeJS.ErrnoException).code ?? reasonOf(e)}).` })
    }
  }
  // Codebooks first, so the tags the transcripts bring find their descriptions waiting.
  const codebooks = contents.filter((c) => isCodebook(c.file.name, c.bytes))
  for (const { file, bytes } of codebooks) {
    try {
      const entries = parseCodebook(bytes)
      await store.commit((next) => {
        const now = new Date().toISOString()
        for (const entry of entries) tagFor(next, entry.name, now, entry.description)
      })
      report.codebooks.push({ file: file.label, tags: entries.length })
    } catch (e) {
      report.failed.push({ file: file.label, error: reasonOf(e) })
    }
  }
  for (const { file, bytes } of contents.filter((c) => !codebooks.includes(c))) {
    try {
      await importOne(store, file, bytes, allowDuplicate, report)
    } catch (e) {
      report.failed.push({ file: file.label, error: reasonOf(e) })
    }
  }
  return report
}

async function importOne(store: ArchiveStore, file: IncomingFile, bytes: Uint8Array, allowDuplicate: boolean, report: ImportReport): Promise<void> {
  const contentHash = createHash('sha256').update(bytes).digest('hex')
  const twin = store.index.interviews.find((i) => i.contentHash === contentHash)
  if (twin && !allowDuplicate) {
    report.skipped.push({ file: file.label, reason: `Already imported as “${twin.title}”.`, interviewId: twin.id })
    return
  }
  const parsed = await parseInterviewFile(file.name, bytes)
  const interviewId = newId()
  const meta = parsed.metadata
  const title = meta.title ?? meta.interviewee ?? mainSpeaker(parsed.segments, meta.interviewer) ?? basename(file.name).replace(/\.[^.]+$/, '')
  await store.commit((next, tx) => {
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
    next.interviews.push({
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
    })
  })
  const speakers = [...new Set(parsed.segments.map((s) => s.speaker).filter(Boolean))]
  report.imported.push({
    file: file.label,
    interviewId,
    format: parsed.format,
    encoding: parsed.encoding,
    segments: parsed.segments.length,
    speakers,
    title,
    warnings: parsed.warnings
  })
}

/**
 * A file that names no interview is titled after the person interviewed: the speaker, other than
 * the interviewer, who says the most.
 */
function mainSpeaker(segments: { speaker: string; text: string }[], interviewer?: string): string | undefined {
  const words = new Map<string, number>()
  for (const s of segments) {
    if (!s.speaker || s.speaker === interviewer) continue
    words.set(s.speaker, (words.get(s.speaker) ?? 0) + s.text.split(/\s+/).length)
  }
  return [...words].sort((a, b) => b[1] - a[1])[0]?.[0]
}

const withSource = (sourceId: string | undefined): { sourceId?: string } => (sourceId ? { sourceId } : {})

/** Files named by path (CLI, desktop drag and drop): folders are walked. */
export async function importPaths(store: ArchiveStore, paths: string[], allowDuplicate: boolean): Promise<ImportReport> {
  const { files, problems } = await collectFiles(paths)
  const incoming: IncomingFile[] = []
  for (const path of files) {
    const size = (await stat(path).catch(() => null))?.size ?? 0
    incoming.push({ label: path, name: basename(path), size, read: async () => new Uint8Array(await readFile(path)) })
  }
  const report = await importFiles(store, incoming, allowDuplicate)
  report.failed.unshift(...problems)
  return report
}

/** Files sent as bytes (the browser host, drag and drop in any window). */
export function importUploads(store: ArchiveStore, uploads: { name: string; data: string }[], allowDuplicate: boolean): Promise<ImportReport> {
  return importFiles(
    store,
    uploads.map((u) => {
      const bytes = new Uint8Array(Buffer.from(u.data, 'base64'))
      return { label: u.name, name: basename(u.name), size: bytes.length, read: async () => bytes }
    }),
    allowDuplicate
  )
}
