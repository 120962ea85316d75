// What the index holds for each record. Every kind shares one index so that one query ranks
// segments, quotes, sources and interviews together; a document only carries the fields its kind
// has, and the others do not count.
import type { Interview, Quote, Segment, Source, Tag } from '../../shared/model'
import type { HitKind } from './query'

export type InterviewInput = Pick<Interview, 'id' | 'title'> & Partial<Pick<Interview, 'place' | 'notes'>>
export type SegmentInput = Pick<Segment, 'id' | 'speaker' | 'text'> & Partial<Pick<Segment, 'tagIds' | 'offRecord'>>
export type QuoteInput = Pick<Quote, 'id' | 'interviewId' | 'start' | 'end' | 'text'> & Partial<Pick<Quote, 'note' | 'tagIds'>>
export type SourceInput = Pick<Source, 'id' | 'name'> & Partial<Pick<Source, 'role' | 'affiliation' | 'notes'>>
export type TagInput = Pick<Tag, 'id' | 'name'>

export interface IndexedDoc {
  id: string
  text?: string
  speaker?: string
  title?: string
  place?: string
  name?: string
  role?: string
  affiliation?: string
  note?: string
  notes?: string
  /** Quotes only: a segment's interview is in its id, which saves a string per segment. */
  interviewId?: string
  startSegmentId?: string
  endSegmentId?: string
  tagIds?: string[]
  /** Only stored when true. */
  offRecord?: true
}

/** Field ids are positions in this list; the stored index depends on the order (see schema.ts FORMAT_VERSION). */
export const INDEXED_FIELDS = ['text', 'speaker', 'title', 'place', 'name', 'role', 'affiliation', 'note', 'notes'] as const
export type IndexedField = (typeof INDEXED_FIELDS)[number]

export const STORED_FIELDS: ReadonlyArray<keyof IndexedDoc> = [
  'text', 'speaker', 'title', 'place', 'name', 'role', 'affiliation', 'note', 'notes',
  'interviewId', 'startSegmentId', 'endSegmentId', 'tagIds', 'offRecord'
]

/** Where a phrase may stand, and which field a hit shows first, by kind. */
export const FIELDS_OF: Readonly<Record<HitKind, readonly IndexedField[]>> = {
  segment: ['text', 'speaker'],
  quote: ['text', 'note'],
  source: ['name', 'role', 'affiliation', 'notes'],
  interview: ['title', 'place', 'notes']
}

export const FIELD_BOOST: Partial<Record<IndexedField, number>> = { title: 2, name: 2 }

export const segmentDocId = (interviewId: string, segmentId: string): string => `seg:${interviewId}:${segmentId}`
export const quoteDocId = (id: string): string => `quote:${id}`
export const sourceDocId = (id: string): string => `source:${id}`
export const interviewDocId = (id: string): string => `interview:${id}`

export interface DocRef {
  kind: HitKind
  id: string
  interviewId?: string
}

export function kindOfDocId(docId: string): HitKind {
  if (docId.startsWith('seg:')) return 'segment'
  if (docId.startsWith('quote:')) return 'quote'
  if (docId.startsWith('source:')) return 'source'
  return 'interview'
}

/** Record ids hold only letters, digits, '-' and '_', so ':' separates the parts unambiguously. */
export function parseDocId(docId: string): DocRef {
  const colon = docId.indexOf(':')
  const prefix = docId.slice(0, colon)
  const rest = docId.slice(colon + 1)
  switch (prefix) {
    case 'seg': {
      const second = rest.indexOf(':')
      return { kind: 'segment', interviewId: rest.slice(0, second), id: rest.slice(second + 1) }
    }
    case 'quote':
      return { kind: 'quote', id: rest }
    case 'source':
      return { kind: 'source', id: rest }
    default:
      return { kind: 'interview', id: rest, interviewId: rest }
  }
}

export function segmentDoc(interviewId: string, segment: SegmentInput): IndexedDoc {
  return {
    id: segmentDocId(interviewId, segment.id),
    text: segment.text,
    speaker: segment.speaker,
    tagIds: segment.tagIds && segment.tagIds.length > 0 ? [...segment.tagIds] : undefined,
    offRecord: segment.offRecord ? true : undefined
  }
}

export function quoteDoc(quote: QuoteInput): IndexedDoc {
  return {
    id: quoteDocId(quote.id),
    text: quote.text,
    note: quote.note,
    interviewId: quote.interviewId,
    startSegmentId: quote.start.segmentId,
    endSegmentId: quote.end.segmentId,
    tagIds: quote.tagIds && quote.tagIds.length > 0 ? [...quote.tagIds] : undefined
  }
}

export function sourceDoc(source: SourceInput): IndexedDoc {
  return { id: sourceDocId(source.id), name: source.name, role: source.role, affiliation: source.affiliation, notes: source.notes }
}

export function interviewDoc(interview: InterviewInput): IndexedDoc {
  return { id: interviewDocId(interview.id), title: interview.title, place: interview.place, notes: interview.notes }
}

export function sameSegment(doc: IndexedDoc, stored: Record<string, unknown> | undefined): boolean {
  if (!stored) return false
  const tags = (stored.tagIds as string[] | undefined) ?? []
  const next = doc.tagIds ?? []
  return (
    stored.text === doc.text &&
    stored.speaker === doc.speaker &&
    (stored.offRecord === true) === (doc.offRecord === true) &&
    tags.length === next.length &&
    tags.every((t, i) => t === next[i])
  )
}
