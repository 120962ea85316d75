// People across transcripts: which interviews a source speaks in, renaming or reassigning a
// speaker across a whole transcript, and merging two people (with its undo).
import type { SourceProfile } from '../../shared/api/contract'
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, Interview, Quote, Removed, Segment, Source, SourceMerge } from '../../shared/model'
import { newId, snapshotOf, type ArchiveStore, type Transaction } from '../archive/store'
import { ClaimContext, withSuggestedStatus } from '../claims/analyse'
import { dropEvidence, emptyRemoved } from './cascade'
import { touch } from './crud'
import { summarise } from './interviews'
import { nameKey, namesOf, sourceFor } from './link-records'
import { findRecord } from './records'

/** How many merges stay undoable. */
const KEPT_MERGES = 20

/**
 * The interviews a source speaks in. The index keeps each interview's sources; an interview from
 * an archive older than format 2 has not been summarised yet and is read to find out.
 */
export async function interviewsOf(store: ArchiveStore, index: Readonly<ArchiveIndex>, sourceId: string): Promise<Interview[]> {
  const out: Interview[] = []
  for (const interview of index.interviews) {
    if (interview.sourceIds) {
      if (interview.sourceIds.includes(sourceId)) out.push(interview)
      continue
    }
    const segments = await store.transcript(interview.id).catch(() => [] as Segment[])
    if (segments.some((s) => s.sourceId === sourceId)) out.push(interview)
  }
  return out
}

/** A quote's derived fields, from the segments it spans: who speaks, which sources they are, and when it starts. */
export function quoteSpeakers(segments: readonly Segment[], quote: Pick<Quote, 'start' | 'end'>): Pick<Quote, 'speaker' | 'sourceIds' | 'startSeconds'> {
  const first = segments.findIndex((s) => s.id === quote.start.segmentId)
  const last = segments.findIndex((s) => s.id === quote.end.segmentId)
  if (first < 0 || last < first) return { sourceIds: [] }
  const spanned = segments.slice(first, last + 1)
  const speaker = [...new Set(spanned.map((s) => s.speaker).filter(Boolean))].join(', ')
  const sourceIds = [...new Set(spanned.map((s) => s.sourceId).filter((id): id is string => !!id))]
  const startSeconds = segments[first]?.startSeconds
  return { ...(speaker ? { speaker } : {}), sourceIds, ...(typeof startSeconds === 'number' ? { startSeconds } : {}) }
}

/** Re-derives the speaker and sources of every quote on one interview after its speakers changed. */
function refreshQuotes(next: ArchiveIndex, interviewId: string, segments: readonly Segment[], now: string): string[] {
  const touched: string[] = []
  for (const q of next.quotes) {
    if (q.interviewId !== interviewId) continue
    const derived = quoteSpeakers(segments, q)
    if (derived.speaker === q.speaker && derived.sourceIds.join() === q.sourceIds.join() && derived.startSeconds === q.startSeconds) continue
    if (derived.speaker === undefined) delete q.speaker
    else q.speaker = derived.speaker
    if (derived.startSeconds === undefined) delete q.startSeconds
    else q.startSeconds = derived.startSeconds
    q.sourceIds = derived.sourceIds
    q.updatedAt = now
    touched.push(q.id)
  }
  return touched
}

/** Claims whose voices may have changed (through these quotes, documents or claims) follow their evidence again. */
function refreshClaims(next: ArchiveIndex, quoteIds: Iterable<string>, documentIds: Iterable<string> = [], claimIds: Iterable<string> = []): void {
  const quotes = new Set(quoteIds)
  const documents = new Set(documentIds)
  const claims = new Set(claimIds)
  const ctx = new ClaimContext(next)
  next.claims = next.claims.map((c) => {
    if (!(claims.has(c.id) || c.evidence.some((e) => (e.quoteId && quotes.has(e.quoteId)) || (e.sourceId && documents.has(e.sourceId))))) return c
    const followed = withSuggestedStatus(c, ctx)
    // A claim whose status moved is a changed record: stamped, so a stale copy of it is refused.
    if (followed !== c) touch(followed)
    return followed
  })
}

export interface ReassignInput {
  interviewId: string
  /** The label as the transcript writes it today. */
  speaker: string
  /** Only these segments; all segments with that label when absent. */
  segmentIds?: string[]
  /** Link them to this source. */
  sourceId?: string
  /** Write this label instead (a correction of the name as transcribed). */
  rename?: string
}

/**
 * Renames or reassigns a speaker across a whole transcript: every segment with that label gets the
 * new label and/or the chosen person, and the interview's quotes follow.
 */
export function reassignSpeaker(store: ArchiveStore, input: ReassignInput) {
  if (input.sourceId === undefined && input.rename === undefined) {
    return Promise.reject(new VerbatimError('invalid-input', 'Say who the speaker is (sourceId) or what to call them (rename).'))
  }
  return store.commit(async (next, tx) => {
    const interview = findRecord(next, 'interviews', input.interviewId)
    const now = new Date().toISOString()
    const label = input.rename?.trim()
    if (label === '') throw new VerbatimError('invalid-input', 'A speaker needs a name.')
    let target = input.sourceId
    if (target !== undefined) {
      const source = findRecord(next, 'sources', target)
      if (source.kind !== 'person') throw new VerbatimError('invalid-input', `${source.name} is a document, not a person who speaks.`)
    } else if (label !== undefined) {
      target = sourceFor(next, label, now, { ...(interview.interviewer ? { interviewer: interview.interviewer } : {}) })
    }
    const only = input.segmentIds ? new Set(input.segmentIds) : null
    const before = await store.transcript(interview.id)
    let changed = 0
    const after = before.map((s) => {
      if (s.speaker !== input.speaker || (only && !only.has(s.id))) return s
      changed++
      const updated: Segment = { ...s, ...(label !== undefined ? { speaker: label } : {}) }
      if (target) updated.sourceId = target
      else delete updated.sourceId
      return updated
    })
    if (changed === 0) throw new VerbatimError('not-found', `No segment of “${interview.title}” is spoken by “${input.speaker}”.`)
    tx.writeTranscript(interview.id, after)
    Object.assign(interview, summarise(after), { updatedAt: now })
    const quotes = refreshQuotes(next, interview.id, after, now)
    refreshClaims(next, quotes)
    return { interview: snapshotOf(interview), changed, quotes: snapshotOf(next.quotes.filter((q) => quotes.includes(q.id))) }
  })
}

/**
 * Merges one person into another (a duplicate, or a speaker label that was an alias): every segment,
 * quote and evidence link that points at `fromId` points at `intoId`, the other name becomes an
 * alias, and what moved is kept so that `unmergeSources` can move exactly it back.
 */
export function mergeSources(store: ArchiveStore, fromId: string, intoId: string) {
  if (fromId === intoId) return Promise.reject(new VerbatimError('invalid-input', 'A source cannot be merged into itself.'))
  return store.commit(async (next, tx) => {
    const from = findRecord(next, 'sources', fromId)
    const into = findRecord(next, 'sources', intoId)
    if (from.kind !== into.kind) throw new VerbatimError('invalid-input', `${from.name} is a ${from.kind} and ${into.name} a ${into.kind}: only two people or two documents can be merged.`)
    const now = new Date().toISOString()
    const merge: SourceMerge = { id: newId(), from: snapshotOf(from), intoId, intoAliasesBefore: [...into.aliases], segments: [], quoteIds: [], evidence: [], createdAt: now }
    await moveSegments(store, next, tx, fromId, intoId, now, merge)
    for (const c of next.claims) {
      for (const e of c.evidence) {
        if (e.sourceId !== fromId) continue
        e.sourceId = intoId
        merge.evidence.push({ claimId: c.id, evidenceId: e.id })
        c.updatedAt = now
      }
    }
    const known = new Set(namesOf(into).map(nameKey))
    for (const name of namesOf(from)) {
      if (known.has(nameKey(name))) continue
      known.add(nameKey(name))
      into.aliases.push(name)
    }
    into.updatedAt = now
    next.sources = next.sources.filter((s) => s.id !== fromId)
    next.sourceMerges = [merge, ...next.sourceMerges].slice(0, KEPT_MERGES)
    refreshClaims(next, merge.quoteIds, [intoId])
    return {
      source: snapshotOf(into),
      mergeId: merge.id,
      moved: { interviews: merge.segments.length, segments: merge.segments.reduce((n, s) => n + s.segmentIds.length, 0), quotes: merge.quoteIds.length, evidence: merge.evidence.length }
    }
  })
}

async function moveSegments(store: ArchiveStore, next: ArchiveIndex, tx: Transaction, fromId: string, intoId: string, now: string, merge: SourceMerge): Promise<void> {
  for (const interview of await interviewsOf(store, next, fromId)) {
    const before = await store.transcript(interview.id)
    const moved: string[] = []
    const after = before.map((s) => {
      if (s.sourceId !== fromId) return s
      moved.push(s.id)
      return { ...s, sourceId: intoId }
    })
    if (!moved.length) continue
    merge.segments.push({ interviewId: interview.id, segmentIds: moved })
    tx.writeTranscript(interview.id, after)
    Object.assign(interview, summarise(after), { updatedAt: now })
    merge.quoteIds.push(...refreshQuotes(next, interview.id, after, now))
  }
}

/** Takes a merge back: the person returns with their id, and exactly what moved moves back. */
export function unmergeSources(store: ArchiveStore, mergeId: string) {
  return store.commit(async (next, tx) => {
    const merge = next.sourceMerges.find((m) => m.id === mergeId)
    if (!merge) throw new VerbatimError('not-found', `No merge ${mergeId} to undo (only the last ${KEPT_MERGES} merges can be undone).`)
    if (next.sources.some((s) => s.id === merge.from.id)) throw new VerbatimError('conflict', `${merge.from.name} is already back in the archive.`)
    const into = next.sources.find((s) => s.id === merge.intoId)
    const now = new Date().toISOString()
    const quoteIds: string[] = []
    for (const { interviewId, segmentIds } of merge.segments) {
      const interview = next.interviews.find((i) => i.id === interviewId)
      if (!interview) continue
      const ids = new Set(segmentIds)
      const before = await store.transcript(interviewId)
      const after = before.map((s) => (ids.has(s.id) && s.sourceId === merge.intoId ? { ...s, sourceId: merge.from.id } : s))
      tx.writeTranscript(interviewId, after)
      Object.assign(interview, summarise(after), { updatedAt: now })
      quoteIds.push(...refreshQuotes(next, interviewId, after, now))
    }
    const evidence = new Set(merge.evidence.map((e) => `${e.claimId}:${e.evidenceId}`))
    for (const c of next.claims) {
      for (const e of c.evidence) {
        if (!evidence.has(`${c.id}:${e.id}`) || e.sourceId !== merge.intoId) continue
        e.sourceId = merge.from.id
        c.updatedAt = now
      }
    }
    if (into) {
      const added = new Set(namesOf(merge.from).map(nameKey))
      const before = new Set(merge.intoAliasesBefore.map(nameKey))
      into.aliases = into.aliases.filter((a) => before.has(nameKey(a)) || !added.has(nameKey(a)))
      into.updatedAt = now
    }
    const restored: Source = { ...merge.from, updatedAt: now }
    next.sources.push(restored)
    next.sourceMerges = next.sourceMerges.filter((m) => m.id !== mergeId)
    refreshClaims(next, quoteIds, [merge.from.id, merge.intoId])
    return { source: snapshotOf(restored) }
  })
}

/** Removes a person from every segment and evidence link that points at them (a source being deleted), noting what went in `removed`. */
export async function unlinkSource(store: ArchiveStore, next: ArchiveIndex, tx: Transaction, sourceId: string, removed: Removed = emptyRemoved()): Promise<void> {
  const now = new Date().toISOString()
  const quoteIds: string[] = []
  for (const interview of await interviewsOf(store, next, sourceId)) {
    const before = await store.transcript(interview.id)
    const unlinked: string[] = []
    const after = before.map((s) => {
      if (s.sourceId !== sourceId) return s
      unlinked.push(s.id)
      const { sourceId: _gone, ...rest } = s
      return rest
    })
    if (unlinked.length) removed.segmentSources.push({ interviewId: interview.id, segmentIds: unlinked })
    tx.writeTranscript(interview.id, after)
    Object.assign(interview, summarise(after), { updatedAt: now })
    quoteIds.push(...refreshQuotes(next, interview.id, after, now))
  }
  refreshClaims(next, quoteIds)
  dropEvidence(next, (e) => e.sourceId === sourceId, removed)
}

export { refreshClaims, refreshQuotes }

/** A person's page: where they speak, their saved quotes, the claims that rest on them, undoable merges. */
export async function profileOf(store: ArchiveStore, id: string): Promise<SourceProfile> {
  const index = store.index
  const source = findRecord(index, 'sources', id)
  const ctx = new ClaimContext(index)
  const interviews = (await interviewsOf(store, index, id)).map((i) => ({ id: i.id, title: i.title, ...(i.date ? { date: i.date } : {}), segments: i.segmentCount }))
  const quotes = index.quotes.filter((q) => ctx.voicesOfQuote(q).some((v) => v.sourceId === id))
  const quoteIds = new Set(quotes.map((q) => q.id))
  const claims: SourceProfile['claims'] = []
  for (const c of index.claims) {
    const e = c.evidence.find((e) => (e.quoteId && quoteIds.has(e.quoteId)) || e.sourceId === id)
    if (e) claims.push({ id: c.id, text: c.text, status: c.status, stance: e.relation })
  }
  const merges = index.sourceMerges.filter((m) => m.intoId === id).map((m) => ({ id: m.id, name: m.from.name, createdAt: m.createdAt }))
  return structuredClone({ source, interviews, quotes, claims, merges })
}
