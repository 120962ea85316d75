import {
  ArchiveIndexSchema,
  SCHEMA_VERSION,
  TranscriptFileSchema,
  type ArchiveIndex,
  type TranscriptFile
} from '../../shared/model'
import { describeIssues } from '../../shared/api/dispatch'
import { migrate } from './migrate'

export type IndexCheck =
  | { ok: true; index: ArchiveIndex; newer: false; /** The parsed JSON as found (it carries each record's `_rev`). */ raw: unknown }
  | { ok: true; index: ArchiveIndex; newer: true; version: number; raw: unknown }
  | { ok: false; problem: string; /** Set when a newer build wrote the file and this one cannot read it. */ newerVersion?: number }

/** Parses archive.json's text as far as it can, and says in words what is wrong when it cannot. */
export function checkIndexText(text: string): IndexCheck {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return { ok: false, problem: text.trim() === '' ? 'the file is empty' : `it is not valid JSON (${(e as Error).message})` }
  }
  const version = (raw as { schemaVersion?: unknown } | null)?.schemaVersion
  if (typeof version !== 'number') return { ok: false, problem: 'it has no schemaVersion' }
  if (version > SCHEMA_VERSION) {
    // A newer build wrote it: read what we understand, write nothing.
    const parsed = ArchiveIndexSchema.safeParse({ ...(raw as object), schemaVersion: SCHEMA_VERSION })
    if (!parsed.success) return { ok: false, problem: `it was written by a newer Verbatim (format ${version})`, newerVersion: version }
    return { ok: true, index: parsed.data, newer: true, version, raw }
  }
  let migrated: unknown
  try {
    migrated = migrate(raw as { schemaVersion: number })
  } catch (e) {
    return { ok: false, problem: (e as Error).message }
  }
  const parsed = ArchiveIndexSchema.safeParse(migrated)
  if (!parsed.success) return { ok: false, problem: `a record does not match the format: ${describeIssues(parsed.error)}` }
  return { ok: true, index: parsed.data, newer: false, raw }
}

export function checkTranscriptText(text: string, interviewId: string): TranscriptFile | string {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (e) {
    return `it is not valid JSON (${(e as Error).message})`
  }
  const parsed = TranscriptFileSchema.safeParse(raw)
  if (!parsed.success) return `a segment does not match the format: ${describeIssues(parsed.error)}`
  if (parsed.data.interviewId !== interviewId) return `it belongs to interview ${parsed.data.interviewId}`
  return parsed.data
}
