/** What importing a batch did, file by file. `verbatim import --json` prints exactly this. */
export interface ImportReport {
  imported: {
    file: string
    interviewId: string
    format: string
    encoding: string
    segments: number
    speakers: string[]
    title: string
    warnings: string[]
  }[]
  skipped: { file: string; reason: string; interviewId?: string }[]
  failed: { file: string; error: string }[]
  /** Codebook files (an OHD filters.csv) read as tag descriptions. */
  codebooks: { file: string; tags: number }[]
}

export const emptyReport = (): ImportReport => ({ imported: [], skipped: [], failed: [], codebooks: [] })

/** Larger files are refused before they are read: 50 MB is far above any transcript seen. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
