import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, Claim, Quote, Source, Tag } from '../../shared/model'
import { ClaimContext, withSuggestedStatus } from '../claims/analyse'
import { nameKey, namesOf } from './link-records'
import { unlinkSource } from './people'
import { dropBlocks, dropQuoteUses } from './cascade'
import { nextTagColour } from '../../shared/codebook'
import { checkDraftBlocks } from './references'
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

function checkQuote(quote: Quote, next: ArchiveIndex, previous?: Quote): Quote {
  if (!previous || previous.interviewId !== quote.interviewId) findRecord(next, 'interviews', quote.interviewId)
  const had = new Set(previous?.tagIds ?? [])
  for (const id of quote.tagIds) if (!had.has(id)) findRecord(next, 'tags', id)
  return { ...quote, tagIds: [...new Set(quote.tagIds)] }
}

function checkClaim(claim: Claim, next: ArchiveIndex, previous?: Claim): Claim {
  return withSuggestedStatus(checkEvidence(claim, next, previous), new ClaimContext(next))
}

function checkEvidence(claim: Claim, next: ArchiveIndex, previous?: Claim): Claim {
  // A link that was already broken before this change (an archive edited by hand) may stay; a new one may not.
  const before = new Set((previous?.evidence ?? []).map((e) => `${e.quoteId ?? ''}:${e.sourceId ?? ''}`))
  const known = (e: { quoteId?: string; sourceId?: string }): boolean => before.has(`${e.quoteId ?? ''}:${e.sourceId ?? ''}`)
  const evidence = claim.evidence.map((e) => {
    if (e.kind === 'quote') {
      if (!e.quoteId) throw new VerbatimError('invalid-input', 'Evidence from a quote must name the quote.')
      if (!next.quotes.some((q) => q.id === e.quoteId) && !known(e)) throw new VerbatimError('not-found', `The evidence points at quote ${e.quoteId}, which is not in the archive (deleted?).`)
    } else {
      if (!e.sourceId) throw new VerbatimError('invalid-input', 'Evidence from a document must name the document source.')
      if (!next.sources.some((s) => s.id === e.sourceId) && !known(e)) throw new VerbatimError('not-found', `The evidence points at source ${e.sourceId}, which is not in the archive.`)
    }
    return { ...e, id: e.id ?? newId() }
  })
  return { ...claim, evidence }
}

/** A person's names stay distinct: an alias that is their own name, or another person's, would blur who said what. */
function checkSource(source: Source, next: ArchiveIndex): Source {
  // A patch lifts an embargo with null; the record simply has none.
  if ((source as { embargoUntil?: string | null }).embargoUntil === null) delete source.embargoUntil
  const name = source.name.trim().replace(/\s+/g, ' ')
  const own = new Set([nameKey(name)])
  const aliases: string[] = []
  for (const raw of source.aliases) {
    const alias = raw.trim().replace(/\s+/g, ' ')
    if (!alias || own.has(nameKey(alias))) continue
    own.add(nameKey(alias))
    aliases.push(alias)
  }
  if (source.kind === 'person') {
    for (const other of next.sources) {
      if (other.id === source.id || other.kind !== 'person') continue
      const clash = aliases.find((a) => namesOf(other).some((n) => nameKey(n) === nameKey(a)))
      if (clash) throw new VerbatimError('conflict', `“${clash}” is already a name of ${other.name}: merge the two people instead.`)
    }
  }
  if (source.naming === 'anonymous' && !source.anonymousAs?.trim()) {
    throw new VerbatimError('invalid-input', `${name} is anonymous: say how to describe them in print (for example “a lawyer in Almaty”).`)
  }
  return { ...source, name, aliases }
}

export function recordRules(store: ArchiveStore) {
  return {
    tags: {
      create: (input: Omit<Tag, 'id' | 'createdAt' | 'updatedAt' | 'color'> & { color?: string }, base, next) => ({
        ...input,
        ...base,
        color: input.color ?? nextTagColour(next.tags.map((t) => t.color))
      }),
      check: checkTag,
      cascade: async (tag, next, tx, removed) => {
        for (const q of next.quotes) {
          const at = q.tagIds.indexOf(tag.id)
          if (at < 0) continue
          removed.quoteTags.push({ quoteId: q.id, at })
          q.tagIds = q.tagIds.filter((id) => id !== tag.id)
          // A record a cascade changes gets a new updatedAt, so a window holding the old copy cannot save over it.
          touch(q)
        }
        // Segment codes live in the transcripts: rewrite only the ones that use the tag.
        for (const interview of next.interviews) {
          const segments = await store.transcript(interview.id)
          const tagged = segments.filter((s) => s.tagIds.includes(tag.id)).map((s) => s.id)
          if (!tagged.length) continue
          removed.segmentTags.push({ interviewId: interview.id, segmentIds: tagged })
          tx.writeTranscript(interview.id, segments.map((s) => ({ ...s, tagIds: s.tagIds.filter((id) => id !== tag.id) })))
        }
      }
    } satisfies KindRules<'tags'>,
    quotes: {
      create: (input: Omit<Quote, 'id' | 'createdAt' | 'updatedAt' | 'status' | 'spansOffRecord' | 'currentText' | 'speaker' | 'sourceIds'>, base) =>
        checkNewQuote(store, { ...input, ...base, status: 'exact', spansOffRecord: false, sourceIds: [] }),
      check: checkQuote,
      cascade: (quote, next, _tx, removed) => dropQuoteUses(next, new Set([quote.id]), removed)
    } satisfies KindRules<'quotes'>,
    claims: {
      create: (
        input: Omit<Claim, 'id' | 'createdAt' | 'updatedAt' | 'evidence' | 'status'> & {
          status?: Claim['status']
          evidence: Array<Omit<Claim['evidence'][number], 'id'> & { id?: string }>
        },
        base
      ) => ({ ...input, ...base, status: input.status ?? 'unverified', evidence: input.evidence.map((e) => ({ ...e, id: e.id ?? newId() })) }),
      check: checkClaim,
      cascade: (claim, next, _tx, removed) => dropBlocks(next, (b) => b.type === 'claim' && b.claimId === claim.id, removed)
    } satisfies KindRules<'claims'>,
    drafts: {
      check: (draft, next, previous) => {
        checkDraftBlocks(draft, next, previous)
        return draft
      }
    } satisfies KindRules<'drafts'>,
    sources: {
      create: (input: Omit<Source, 'id' | 'createdAt' | 'updatedAt'>, base) => ({ ...input, ...base }),
      check: checkSource,
      cascade: async (source, next, tx, removed) => {
        await unlinkSource(store, next, tx, source.id, removed)
        for (const d of next.drafts) {
          for (const s of d.sections) {
            s.blocks.forEach((b, at) => {
              if (b.type !== 'image' || b.sourceId !== source.id) return
              delete b.sourceId
              touch(d)
              removed.imageCredits.push({ draftId: d.id, sectionId: s.id, at })
            })
          }
        }
      }
    } satisfies KindRules<'sources'>
  }
}
