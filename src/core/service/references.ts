// Every reference a record makes must point at a record that exists: a segment's tags and
// person, a quote's interview, a claim's evidence, a draft's quotes, claims and image sources. A
// new dangling reference is refused with a message naming it; one that was already broken when
// the archive was opened (a hand-edited file, an archive from a colleague) is reported, and the
// record stays editable.
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, Draft, Segment } from '../../shared/model'

export interface Dangling {
  /** The record that points: "quote q1", "claim c3", "draft d2". */
  from: string
  /** What it points at that is not there: "interview i9", "tag t4". */
  to: string
}

const has = <T extends { id: string }>(list: readonly T[], id: string): boolean => list.some((r) => r.id === id)

/** New segments (an interview created through the API) must name existing tags and people, and end after they start. */
export function checkSegments(segments: readonly Segment[], next: Readonly<ArchiveIndex>): void {
  const tags = new Set(next.tags.map((t) => t.id))
  const people = new Set(next.sources.map((s) => s.id))
  segments.forEach((s, i) => {
    for (const id of s.tagIds) if (!tags.has(id)) throw new VerbatimError('not-found', `Segment ${i + 1} is tagged ${id}, which is not a tag in this archive.`)
    if (s.sourceId !== undefined && !people.has(s.sourceId)) throw new VerbatimError('not-found', `Segment ${i + 1} names source ${s.sourceId}, which is not in this archive.`)
    if (s.startSeconds !== null && s.endSeconds !== null && s.startSeconds > s.endSeconds) {
      throw new VerbatimError('invalid-input', `Segment ${i + 1} ends (${s.endSeconds} s) before it starts (${s.startSeconds} s).`)
    }
  })
}

/** A draft's blocks must point at quotes, claims and sources that exist, unless they already did not. */
export function checkDraftBlocks(draft: Draft, next: Readonly<ArchiveIndex>, previous?: Draft): void {
  const before = new Set(
    (previous?.sections ?? []).flatMap((s) => s.blocks.map((b) => (b.type === 'quote' ? `q:${b.quoteId}` : b.type === 'claim' ? `c:${b.claimId}` : b.type === 'image' && b.sourceId ? `s:${b.sourceId}` : '')))
  )
  for (const section of draft.sections) {
    section.blocks.forEach((b, i) => {
      const where = `${section.heading.trim() ? `“${section.heading.trim()}”` : `section ${section.id}`}, block ${i + 1}`
      if (b.type === 'quote' && !has(next.quotes, b.quoteId) && !before.has(`q:${b.quoteId}`)) throw new VerbatimError('not-found', `${where} shows quote ${b.quoteId}, which is not in this archive.`)
      if (b.type === 'claim' && !has(next.claims, b.claimId) && !before.has(`c:${b.claimId}`)) throw new VerbatimError('not-found', `${where} states claim ${b.claimId}, which is not in this archive.`)
      if (b.type === 'image' && b.sourceId && !has(next.sources, b.sourceId) && !before.has(`s:${b.sourceId}`)) throw new VerbatimError('not-found', `${where} credits source ${b.sourceId}, which is not in this archive.`)
    })
  }
  const ids = new Set<string>()
  for (const section of draft.sections) {
    if (ids.has(section.id)) throw new VerbatimError('invalid-input', `Two sections of the draft share the id ${section.id}.`)
    ids.add(section.id)
  }
}

/** Every broken reference in the index, for opening an archive someone else edited. Costs the index, never a transcript. */
export function danglingReferences(index: Readonly<ArchiveIndex>): Dangling[] {
  const interviews = new Set(index.interviews.map((i) => i.id))
  const tags = new Set(index.tags.map((t) => t.id))
  const quotes = new Set(index.quotes.map((q) => q.id))
  const claims = new Set(index.claims.map((c) => c.id))
  const sources = new Set(index.sources.map((s) => s.id))
  const out: Dangling[] = []
  for (const q of index.quotes) {
    if (!interviews.has(q.interviewId)) out.push({ from: `quote ${q.id}`, to: `interview ${q.interviewId}` })
    for (const t of q.tagIds) if (!tags.has(t)) out.push({ from: `quote ${q.id}`, to: `tag ${t}` })
  }
  for (const c of index.claims) {
    for (const e of c.evidence) {
      if (e.quoteId && !quotes.has(e.quoteId)) out.push({ from: `claim ${c.id}`, to: `quote ${e.quoteId}` })
      if (e.sourceId && !sources.has(e.sourceId)) out.push({ from: `claim ${c.id}`, to: `source ${e.sourceId}` })
    }
  }
  for (const d of index.drafts) {
    for (const s of d.sections) {
      for (const b of s.blocks) {
        if (b.type === 'quote' && !quotes.has(b.quoteId)) out.push({ from: `draft ${d.id}`, to: `quote ${b.quoteId}` })
        if (b.type === 'claim' && !claims.has(b.claimId)) out.push({ from: `draft ${d.id}`, to: `claim ${b.claimId}` })
        if (b.type === 'image' && b.sourceId && !sources.has(b.sourceId)) out.push({ from: `draft ${d.id}`, to: `source ${b.sourceId}` })
      }
    }
  }
  return out
}
