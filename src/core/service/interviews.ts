import type { z } from 'zod'
import type { ArchiveIndex, Interview, Removed, Segment, createSchemas } from '../../shared/model'
import { newId, snapshotOf, type ArchiveStore, type Transaction } from '../archive/store'
import type { KindRules } from './crud'
import { dropQuoteUses } from './cascade'
import { checkSegments } from './references'

type NewSegment = z.output<typeof createSchemas.interviews>['segments'][number]

const wordsIn = (text: string): number => text.split(/\s+/).filter(Boolean).length

/** The counts and speaker list an interview carries in the index, so lists never open transcripts. */
export function summarise(segments: Segment[]): Pick<Interview, 'segmentCount' | 'wordCount' | 'speakers' | 'sourceIds' | 'offRecordSegments'> {
  const speakers = [...new Set(segments.map((s) => s.speaker).filter(Boolean))]
  const sourceIds = [...new Set(segments.map((s) => s.sourceId).filter((id): id is string => !!id))]
  const offRecordSegments = segments.filter((s) => s.offRecord).length
  return { segmentCount: segments.length, wordCount: segments.reduce((n, s) => n + wordsIn(s.text), 0), speakers, sourceIds, offRecordSegments }
}

export function withIds(segments: NewSegment[]): Segment[] {
  const seen = new Set<string>()
  return segments.map((s) => {
    const id = s.id && !seen.has(s.id) ? s.id : newId()
    seen.add(id)
    return { ...s, id }
  })
}

export const interviewRules: KindRules<'interviews'> = {
  create: (input: z.output<typeof createSchemas.interviews>, base, next, tx) => {
    const { segments: raw, ...meta } = input
    const segments = withIds(raw)
    checkSegments(segments, next)
    tx.writeTranscript(base.id, segments)
    return { ...meta, ...base, ...summarise(segments) }
  },
  // The transcript file stays on disk while the delete can be undone: purging its trash entry deletes it.
  cascade: (interview, next: ArchiveIndex, _tx: Transaction, removed: Removed) => {
    next.quotes.forEach((quote, at) => {
      if (quote.interviewId === interview.id) removed.quotes.push({ at, quote: snapshotOf(quote) })
    })
    const ids = new Set(removed.quotes.map(({ quote }) => quote.id))
    next.quotes = next.quotes.filter((q) => !ids.has(q.id))
    dropQuoteUses(next, ids, removed)
  }
}

export async function transcriptOf(store: ArchiveStore, id: string) {
  const interview = store.index.interviews.find((i) => i.id === id)
  const segments = await store.transcript(id)
  return { id, title: interview?.title ?? id, segments }
}
