import { reanchorAll, spansOffRecord } from '../../shared/anchor'
import type { SegmentEdit } from '../../shared/api/contract'
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, Quote, Segment } from '../../shared/model'
import type { ArchiveStore } from '../archive/store'
import { summarise } from './interviews'

/**
 * Re-anchors every quote of one interview against its corrected transcript. A quote whose words
 * changed is flagged with the new words beside the saved ones, never rewritten.
 */
export function reanchorQuotes(next: ArchiveIndex, interviewId: string, before: readonly Segment[], after: readonly Segment[], now: string): Quote[] {
  const quotes = next.quotes.filter((q) => q.interviewId === interviewId)
  const results = reanchorAll(quotes, after, { previous: before })
  return quotes.map((quote, i) => {
    const r = results[i]
    if (!r) return quote
    const updated: Quote = {
      ...quote,
      status: r.status,
      ...(r.start && r.end ? { start: r.start, end: r.end } : {}),
      spansOffRecord: r.start && r.end ? spansOffRecord(after, r.start, r.end) : quote.spansOffRecord
    }
    if (r.status === 'changed' && r.currentText !== undefined) updated.currentText = r.currentText
    else delete updated.currentText
    // A quote that moved to another segment starts at that segment's time.
    const time = after.find((s) => s.id === updated.start.segmentId)?.startSeconds
    if (typeof time === 'number') updated.startSeconds = time
    else delete updated.startSeconds
    if (JSON.stringify(updated) === JSON.stringify(quote)) return quote
    updated.updatedAt = now
    Object.assign(quote, updated)
    return quote
  })
}

export function updateSegment(
  store: ArchiveStore,
  input: { interviewId: string; segmentId: string; text?: string; speaker?: string; offRecord?: boolean }
): Promise<SegmentEdit> {
  return store.commit(async (next, tx) => {
    const interview = next.interviews.find((i) => i.id === input.interviewId)
    if (!interview) throw new VerbatimError('not-found', `No interview with id ${input.interviewId}.`)
    const before = await store.transcript(input.interviewId)
    const at = before.findIndex((s) => s.id === input.segmentId)
    const current = before[at]
    if (!current) throw new VerbatimError('not-found', `No segment ${input.segmentId} in “${interview.title}”.`)
    const segment: Segment = {
      ...current,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.speaker !== undefined ? { speaker: input.speaker } : {}),
      ...(input.offRecord !== undefined ? { offRecord: input.offRecord } : {})
    }
    const after = before.map((s, i) => (i === at ? segment : s))
    const now = new Date().toISOString()
    tx.writeTranscript(interview.id, after)
    Object.assign(interview, summarise(after), { updatedAt: now })
    const quotes = reanchorQuotes(next, interview.id, before, after, now)
    return { segment, interview, quotes }
  })
}
