// Claims through the API: the board (each claim with its suggested and chosen status, voices,
// evidence in full and conflicts), evidence proposals, and turning a proposal into evidence.
import type { ClaimReview, ConflictView, EvidenceView } from '../../shared/claims'
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, Claim, Quote, Segment, Stance } from '../../shared/model'
import { quoteTextOf } from '../../shared/anchor'
import { newId, type ArchiveStore } from '../archive/store'
import { ClaimContext, analyseClaim, withSuggestedStatus, type ConflictSide } from '../claims/analyse'
import { proposeEvidence, type Proposal } from '../claims/propose'
import { claimIdsOfDraft } from '../../shared/claim-refs'
import { checkNewQuote } from './quotes'
import { findRecord } from './records'
import type { SearchService } from './search'

/** Where a quote stands in its transcript, read once per interview per question. */
class TranscriptPlaces {
  private readonly cache = new Map<string, Promise<Segment[]>>()
  constructor(private readonly store: ArchiveStore) {}
  segments(interviewId: string): Promise<Segment[]> {
    let s = this.cache.get(interviewId)
    if (!s) {
      s = this.store.transcript(interviewId).catch(() => [] as Segment[])
      this.cache.set(interviewId, s)
    }
    return s
  }
  async of(quote: Quote): Promise<{ segmentIndex?: number; segmentId?: string; startSeconds?: number | null; offRecord?: boolean }> {
    const segments = await this.segments(quote.interviewId)
    const at = segments.findIndex((s) => s.id === quote.start.segmentId)
    if (at < 0) return {}
    const seg = segments[at] as Segment
    return { segmentIndex: at, segmentId: seg.id, startSeconds: seg.startSeconds, ...(quote.spansOffRecord ? { offRecord: true } : {}) }
  }
}

export interface ReviewFilter {
  ids?: string[]
  draftId?: string
  status?: Claim['status']
  sourceId?: string
}

/** The claims board: every claim (or those asked for) with what its evidence says, weakest first. */
export async function reviewClaims(store: ArchiveStore, filter: ReviewFilter = {}): Promise<{ claims: ClaimReview[] }> {
  const index = store.index
  const ctx = new ClaimContext(index)
  const places = new TranscriptPlaces(store)
  let claims = index.claims
  if (filter.ids) {
    const wanted = new Set(filter.ids)
    for (const id of wanted) findRecord(index, 'claims', id)
    claims = claims.filter((c) => wanted.has(c.id))
  }
  if (filter.draftId) {
    const inDraft = new Set(claimIdsOfDraft(findRecord(index, 'drafts', filter.draftId)))
    claims = claims.filter((c) => inDraft.has(c.id))
  }
  if (filter.status) claims = claims.filter((c) => c.status === filter.status)
  const draftsOf = draftIndex(index)
  const out: ClaimReview[] = []
  for (const claim of claims) {
    const review = await reviewOne(claim, ctx, places, draftsOf)
    if (filter.sourceId && ![...review.supporting, ...review.contradicting].some((v) => v.sourceId === filter.sourceId) && !review.evidence.some((e) => e.sourceId === filter.sourceId)) continue
    out.push(review)
  }
  out.sort(byWeakness)
  return { claims: out }
}

const STRENGTH: Record<Claim['status'], number> = { false: 0, disputed: 1, unverified: 2, corroborated: 3, 'verified-by-document': 4 }

/** Weakest first: false and disputed, then what rests on one voice or none, then the rest. */
function byWeakness(a: ClaimReview, b: ClaimReview): number {
  return STRENGTH[a.status] - STRENGTH[b.status] || a.distinctSources - b.distinctSources || b.conflicts.length - a.conflicts.length || a.createdAt.localeCompare(b.createdAt)
}

function draftIndex(index: Readonly<ArchiveIndex>): Map<string, { id: string; title: string }[]> {
  const map = new Map<string, { id: string; title: string }[]>()
  for (const d of index.drafts) for (const id of claimIdsOfDraft(d)) map.set(id, [...(map.get(id) ?? []), { id: d.id, title: d.title }])
  return map
}

async function reviewOne(claim: Claim, ctx: ClaimContext, places: TranscriptPlaces, draftsOf: Map<string, { id: string; title: string }[]>): Promise<ClaimReview> {
  const analysis = analyseClaim(claim, ctx)
  const titles = new Map(ctx.index.interviews.map((i) => [i.id, i.title]))
  const evidence: EvidenceView[] = []
  for (const e of claim.evidence) {
    const base = { id: e.id, kind: e.kind, stance: e.relation, relation: e.relation, ...(e.note ? { note: e.note } : {}) }
    if (e.kind === 'quote') {
      const q = e.quoteId ? ctx.quotes.get(e.quoteId) : undefined
      if (!q) {
        evidence.push({ ...base, ...(e.quoteId ? { quoteId: e.quoteId } : {}), speaker: '', text: '', missing: true })
        continue
      }
      const voices = ctx.voicesOfQuote(q)
      const place = await places.of(q)
      evidence.push({
        ...base,
        quoteId: q.id,
        speaker: voices.map((v) => v.name).join(', ') || q.speaker || '',
        ...(voices[0]?.sourceId ? { sourceId: voices[0].sourceId } : {}),
        interviewId: q.interviewId,
        interviewTitle: titles.get(q.interviewId) ?? q.interviewId,
        ...place,
        text: q.text,
        quoteStatus: q.status
      })
    } else {
      const d = e.sourceId ? ctx.sources.get(e.sourceId) : undefined
      evidence.push({
        ...base,
        ...(e.sourceId ? { sourceId: e.sourceId } : {}),
        speaker: d?.name ?? '',
        text: [d?.name, d?.publisher, d?.date].filter(Boolean).join(', '),
        ...(d ? {} : { missing: true as const })
      })
    }
  }
  const side = async (s: ConflictSide) => {
    const view = evidence.find((e) => e.id === s.evidenceId)
    return {
      evidenceId: s.evidenceId,
      speaker: view?.speaker || s.voice.name,
      ...(s.voice.sourceId ? { sourceId: s.voice.sourceId } : {}),
      said: s.said,
      text: s.text,
      ...(view?.interviewId ? { interviewId: view.interviewId, interviewTitle: view.interviewTitle } : {}),
      ...(view?.segmentIndex !== undefined ? { segmentIndex: view.segmentIndex } : {}),
      ...(view?.startSeconds !== undefined ? { startSeconds: view.startSeconds } : {})
    }
  }
  const conflicts: ConflictView[] = []
  for (const c of analysis.conflicts) conflicts.push({ kind: c.kind, about: c.about, a: await side(c.a), b: await side(c.b) })
  return {
    id: claim.id,
    text: claim.text,
    status: claim.status,
    suggestedStatus: analysis.suggestedStatus,
    statusSetBy: claim.statusSetBy,
    overridden: claim.statusSetBy === 'editor' && claim.status !== analysis.suggestedStatus,
    ...(claim.overrideReason ? { overrideReason: claim.overrideReason } : {}),
    reason: analysis.reason,
    distinctSources: analysis.distinctSources,
    restsOnOneVoice: analysis.supporting.length === 1,
    supporting: analysis.supporting,
    contradicting: analysis.contradicting,
    evidence,
    conflicts,
    drafts: draftsOf.get(claim.id) ?? [],
    ...(claim.note ? { note: claim.note } : {}),
    createdAt: claim.createdAt,
    updatedAt: claim.updatedAt
  }
}

export interface ProposeInput {
  claimId?: string
  text?: string
  includeOffRecord?: boolean
  limit?: number
}

/** Proposals for a claim (saved or only typed), best first; nothing is saved. */
export async function proposeFor(store: ArchiveStore, search: SearchService, input: ProposeInput): Promise<{ proposals: Proposal[] }> {
  const claim = input.claimId ? findRecord(store.index, 'claims', input.claimId) : undefined
  const text = (claim?.text ?? input.text ?? '').trim()
  if (!text) throw new VerbatimError('invalid-input', 'Give the claim’s text (or the id of a saved claim) to look for evidence.')
  const linked = new Set<string>()
  if (claim) {
    const quotes = new Map(store.index.quotes.map((q) => [q.id, q]))
    for (const e of claim.evidence) {
      const q = e.quoteId ? quotes.get(e.quoteId) : undefined
      if (q) linked.add(`${q.interviewId}:${q.start.segmentId}`)
    }
  }
  // The interviewer's questions are not evidence: their words are skipped.
  const interviewers = new Map(store.index.interviews.filter((i) => i.interviewer).map((i) => [i.id, i.interviewer as string]))
  const people = new ClaimContext(store.index)
  const proposals = await proposeEvidence(text, (query, limit) => search.search(query, limit), {
    ...(input.includeOffRecord ? { includeOffRecord: true } : {}),
    ...(input.limit ? { limit: input.limit } : {}),
    linked,
    skip: (interviewId, speaker) => {
      const interviewer = interviewers.get(interviewId)
      return !!interviewer && !!speaker && people.samePerson(speaker, interviewer)
    }
  })
  return { proposals }
}

export interface AddEvidenceInput {
  claimId: string
  interviewId: string
  segmentId: string
  stance: Stance
  /** A span within the segment (character offsets, end exclusive); the whole segment when absent. */
  start?: number
  end?: number
  note?: string
  tagIds?: string[]
}

/**
 * One action turns a proposal into evidence: a quote of the segment (or the part chosen), saved
 * like any quote, and linked to the claim with a stance. A quote of exactly those words that
 * already exists is reused; the same quote is never linked to one claim twice.
 */
export function addEvidence(store: ArchiveStore, input: AddEvidenceInput): Promise<{ claim: Claim; quote: Quote }> {
  return store.commit(async (next) => {
    const claim = findRecord(next, 'claims', input.claimId)
    findRecord(next, 'interviews', input.interviewId)
    const segments = await store.transcript(input.interviewId)
    const segment = segments.find((s) => s.id === input.segmentId)
    if (!segment) throw new VerbatimError('not-found', `No segment ${input.segmentId} in that interview.`)
    const from = input.start ?? 0
    const to = input.end ?? segment.text.length
    if (from < 0 || to > segment.text.length || from >= to) throw new VerbatimError('invalid-input', `The span ${from}–${to} is not inside the segment (it has ${segment.text.length} characters).`)
    const start = { segmentId: segment.id, offset: from }
    const end = { segmentId: segment.id, offset: to }
    let quote = next.quotes.find((q) => q.interviewId === input.interviewId && q.start.segmentId === start.segmentId && q.start.offset === from && q.end.segmentId === end.segmentId && q.end.offset === to)
    const now = new Date().toISOString()
    if (!quote) {
      const text = quoteTextOf(segments, start, end)
      if (!text) throw new VerbatimError('invalid-input', 'There are no words there to quote.')
      for (const id of input.tagIds ?? []) findRecord(next, 'tags', id)
      quote = await checkNewQuote(store, {
        id: newId(),
        interviewId: input.interviewId,
        start,
        end,
        text,
        tagIds: input.tagIds ?? [],
        status: 'exact',
        spansOffRecord: false,
        sourceIds: [],
        createdAt: now,
        updatedAt: now
      })
      next.quotes.push(quote)
    }
    const quoteId = quote.id
    const existing = claim.evidence.find((e) => e.quoteId === quoteId)
    if (existing) {
      existing.relation = input.stance
      if (input.note !== undefined) existing.note = input.note
    } else {
      claim.evidence.push({ id: newId(), kind: 'quote', quoteId, relation: input.stance, ...(input.note ? { note: input.note } : {}) })
    }
    claim.updatedAt = now
    const updated = withSuggestedStatus(claim, new ClaimContext(next))
    Object.assign(claim, updated)
    return { claim: structuredClone(claim), quote: structuredClone(quote) }
  })
}
