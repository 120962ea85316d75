import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, Claim, Draft, Quote, Tag } from '../../shared/model'
import { newId, type ArchiveStore } from '../archive/store'
import { checkNewQuote } from './quotes'
import { touch, type KindRules } from './crud'
import { findRecord } from './records'

function checkTag(tag: Tag, next: ArchiveIndex): Tag {
  const name = tag.name.trim().replace(/\s+/g, ' ')
  const clash = next.tags.find((t) => t.id !== tag.id && t.name.toLowerCase() === name.toLowerCase())
  if (clash) throw new VerbatimError('conflict', `A tag named “${clash.name}” already exists.`)
  return { ...tag, name }
}

function checkQuote(quote: Quote, next: ArchiveIndex): Quote {
  findRecord(next, 'interviews', quote.interviewId)
  for (const id of quote.tagIds) findRecord(next, 'tags', id)
  return { ...quote, tagIds: [...new Set(quote.tagIds)] }
}

function checkClaim(claim: Claim, next: ArchiveIndex): Claim {
  const evidence = claim.evidence.map((e) => {
    if (e.kind === 'quote') {
      if (!e.quoteId) throw new VerbatimError('invalid-input', 'Evidence from a quote must name the quote.')
      findRecord(next, 'quotes', e.quoteId)
    } else {
      if (!e.sourceId) throw new VerbatimError('invalid-input', 'Evidence from a document must name the document source.')
      findRecord(next, 'sources', e.sourceId)
    }
    return { ...e, id: e.id ?? newId() }
  })
  return { ...claim, evidence }
}

/** Removes the evidence links a delete leaves dangling; a claim that loses one is stamped changed. */
export function dropEvidence(next: ArchiveIndex, gone: (e: Claim['evidence'][number]) => boolean): void {
  for (const c of next.claims) {
    if (!c.evidence.some(gone)) continue
    c.evidence = c.evidence.filter((e) => !gone(e))
    touch(c)
  }
}

/** Removes the draft blocks a delete leaves dangling; a draft that loses one is stamped changed. */
function dropBlocks(next: ArchiveIndex, gone: (b: Draft['sections'][number]['blocks'][number]) => boolean): void {
  for (const d of next.drafts) {
    if (!d.sections.some((s) => s.blocks.some(gone))) continue
    for (const s of d.sections) s.blocks = s.blocks.filter((b) => !gone(b))
    touch(d)
  }
}

export function recordRules(store: ArchiveStore) {
  return {
    tags: {
      check: checkTag,
      cascade: async (tag, next, tx) => {
        // A record a cascade changes gets a new updatedAt, so a window holding the old copy cannot save over it.
        for (const q of next.quotes) {
          if (!q.tagIds.includes(tag.id)) continue
          q.tagIds = q.tagIds.filter((id) => id !== tag.id)
          touch(q)
        }
        // Segment codes live in the transcripts: rewrite only the ones that use the tag.
        for (const interview of next.interviews) {
          const segments = await store.transcript(interview.id)
          if (segments.some((s) => s.tagIds.includes(tag.id))) {
            tx.writeTranscript(interview.id, segments.map((s) => ({ ...s, tagIds: s.tagIds.filter((id) => id !== tag.id) })))
          }
        }
      }
    } satisfies KindRules<'tags'>,
    quotes: {
      create: (input: Omit<Quote, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'spansOffRecord' | 'currentText' | 'speaker'>, base) =>
        checkNewQuote(store, { ...input, ...base, status: 'exact', spansOffRecord: false }),
      check: checkQuote,
      cascade: (quote, next) => {
        dropEvidence(next, (e) => e.quoteId === quote.id)
        dropBlocks(next, (b) => b.type === 'quote' && b.quoteId === quote.id)
      }
    } satisfies KindRules<'quotes'>,
    claims: {
      create: (input: Omit<Claim, 'id' | 'createdAt' | 'updatedAt' | 'evidence'> & { evidence: Array<Omit<Claim['evidence'][number], 'id'> & { id?: string }> }, base) =>
        ({ ...input, ...base, evidence: input.evidence.map((e) => ({ ...e, id: e.id ?? newId() })) }),
      check: checkClaim,
      cascade: (claim, next) => dropBlocks(next, (b) => b.type === 'claim' && b.claimId === claim.id)
    } satisfies KindRules<'claims'>,
    sources: {
      cascade: (source, next) => dropEvidence(next, (e) => e.sourceId === source.id)
    } satisfies KindRules<'sources'>
  }
}
