// What an importer gives back: one interview read from one file, before it touches the archive.
// Linking speakers to the archive's sources, tags to its codebook and saving is the service's job.

export type ImportFormat = 'webvtt' | 'srt' | 'otter' | 'notes' | 'docx' | 'ohd-csv' | 'ohms' | 'text'

export interface ParsedSegment {
  speaker: string
  text: string
  startSeconds: number | null
  endSeconds: number | null
  offRecord: boolean
  /** Codes applied to this segment by the file itself (OHD CSV `tags` column), as written after cleanup. */
  tags: string[]
}

export interface ParsedMetadata {
  title?: string
  date?: string
  place?: string
  interviewer?: string
  interviewee?: string
  language?: string
  recordingFile?: string
  notes?: string
  /** The consent line as the file words it ("on the record, except where marked"); mapping it to the archive's consent states is the service's job. */
  consent?: string
  /** The holding institution, from OHMS exports. */
  repository?: string
}

export interface ParsedInterview {
  format: ImportFormat
  /** The encoding the bytes were read as: utf-8, utf-16le, utf-16be, windows-1251, koi8-r, and for other legacy files pt154 (Kazakh) or windows-1252. */
  encoding: string
  metadata: ParsedMetadata
  segments: ParsedSegment[]
  /** Things a reporter should know that did not stop the import ("format not recognised"). */
  warnings: string[]
}

export interface CodebookEntry {
  name: string
  description?: string
}

/** A problem with the input itself. Its message is for a reporter: no stack, names the line when known. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`)
    this.name = 'ImportError'
  }
}

/** The size limit, shared with the app so it can refuse a large file before sending it. */
export { MAX_IMPORT_BYTES } from '../../shared/import-report'
