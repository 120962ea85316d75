// What a search gives back, shared by the core that answers it and every caller that shows it.

export type HitKind = 'segment' | 'quote' | 'source' | 'interview'

/** A span of characters within a hit's text, end exclusive. */
export interface TextRange {
  start: number
  end: number
}

/** Plain text around the best match: never HTML, so a caller can never render markup by mistake. */
export interface Snippet {
  /** Which field of the record the snippet is taken from: `text`, `note`, `notes`, `title`… */
  field: string
  /** Plain text, never markup: the UI shows it as text. `…` marks text left out at either end. */
  before: string
  match: string
  after: string
}

export interface SearchHit {
  kind: HitKind
  /** The record's own id: the segment id for a segment (unique within its interview), else the quote, source or interview id. */
  id: string
  /** Unique across the index: `seg:<interviewId>:<segmentId>`, `quote:<id>`, `source:<id>`, `interview:<id>`. */
  docId: string
  interviewId?: string
  interviewTitle?: string
  segmentId?: string
  segmentIndex?: number
  /** A segment's speaker; for a quote, the speakers of the segments it spans. */
  speaker?: string
  /** The record's main text: segment or quote words, source name, interview title. Plain text. */
  text: string
  snippet: Snippet
  /** Matched words and phrases within `text`, in order, never overlapping. */
  highlights: TextRange[]
  /** Set on a segment said off the record: it is in the archive, and must never leave it. */
  offRecord?: true
  /** Higher is better; 0 for a query of filters only, which lists in archive order. */
  score: number
}
