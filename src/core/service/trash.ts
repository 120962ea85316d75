// The trash: every delete keeps what it removed, and `trash.restore` puts exactly that back. A
// restore re-adds only what is missing, so edits made since the delete are never overwritten: a
// claim that gained evidence keeps it, a quote whose tags changed keeps them, a segment linked to
// someone else stays linked to them.
import { reanchorAll, quoteTextOf, spansOffRecord } from '../../shared/anchor'
import type { TrashRestore, TrashSummary } from '../../shared/api/contract'
import { VerbatimError } from '../../shared/errors'
import { plural } from '../../shared/words'
import {
  recordSchemas,
  type ArchiveIndex,
  type DraftBlock,
  type Quote,
  type RecordKind,
  type RecordOf,
  type Removed,
  type Segment,
  type TrashEntry
} from '../../shared/model'
import { newId, snapshotOf, type ArchiveStore, type Transaction } from '../archive/store'
import { touch } from './crud'
import { summarise } from './interviews'
import { refreshClaims, refreshQuotes } from './people'
import { collection, labelOf } from './records'

/** The trash keeps the newest 50 deletes, none older than 30 days. */
export const TRASH_KEEP = 50
export const TRASH_DAYS = 30
const DAY_MS = 24 * 3600_000

/** Puts a deleted record and what its cascade removed into the trash; returns the entry's id. */
export function putInTrash<K extends RecordKind>(next: ArchiveIndex, tx: Transaction, kind: K, record: RecordOf<K>, removed: Removed, position: number, now = new Date()): string {
  const entry: TrashEntry = {
    id: newId(),
    kind,
    record: snapshotOf(record) as unknown as TrashEntry['record'],
    label: labelOf(kind, record as { id: string }),
    deletedAt: now.toISOString(),
    position,
    ...removed
  }
  next.trash = [entry, ...next.trash]
  purgeTrash(next, tx, now.getTime())
  return entry.id
}

/** Lets go of entries beyond the newest 50 or older than 30 days; a deleted interview's transcript file goes with its entry. */
export function purgeTrash(next: ArchiveIndex, tx: Transaction, now = Date.now()): void {
  const keep: TrashEntry[] = []
  for (const entry of next.trash) {
    if (keep.length < TRASH_KEEP && now - Date.parse(entry.deletedAt) < TRASH_DAYS * DAY_MS) {
      keep.push(entry)
      continue
    }
    const id = String(entry.record.id)
    if (entry.kind === 'interviews' && !next.interviews.some((i) => i.id === id)) tx.deleteTranscript(id)
  }
  next.trash = keep
}


/** What an entry holds besides its record, in words: "2 quotes, 1 piece of evidence". */
function describeRemoved(e: Removed): string {
  const parts: string[] = []
  if (e.quotes.length) parts.push(plural(e.quotes.length, 'quote'))
  if (e.evidence.length) parts.push(`${plural(e.evidence.length, 'piece')} of evidence`)
  if (e.blocks.length) parts.push(plural(e.blocks.length, 'draft block'))
  const links = e.segmentSources.reduce((n, s) => n + s.segmentIds.length, 0)
  if (links) parts.push(plural(links, 'speaker link'))
  const tagUses = e.quoteTags.length + e.segmentTags.reduce((n, s) => n + s.segmentIds.length, 0)
  if (tagUses) parts.push(plural(tagUses, 'tag use'))
  return parts.join(', ')
}

export function trashList(index: Readonly<ArchiveIndex>): TrashSummary[] {
  return index.trash.map((e) => ({
    id: e.id,
    kind: e.kind,
    recordId: String(e.record.id),
    label: e.label,
    deletedAt: e.deletedAt,
    took: describeRemoved(e)
  }))
}

/** A quote coming back to a transcript that may have been corrected since: it reads its words again, or says they changed. */
function reanchored(quote: Quote, segments: readonly Segment[]): Quote {
  if (quoteTextOf(segments, quote.start, quote.end) === quote.text) return quote
  const [r] = reanchorAll([quote], segments)
  if (!r) return quote
  const out: Quote = { ...quote, status: r.status, ...(r.start && r.end ? { start: r.start, end: r.end, spansOffRecord: spansOffRecord(segments, r.start, r.end) } : {}) }
  if (r.status === 'changed' && r.currentText !== undefined) out.currentText = r.currentText
  else delete out.currentText
  return out
}

const byPlace = <T extends { at: number }>(list: readonly T[]): T[] => [...list].sort((a, b) => a.at - b.at)

/** Puts one trash entry back: the record, and whatever of its cascade is missing now. */
export function restoreFromTrash(store: ArchiveStore, trashId: string): Promise<TrashRestore> {
  return store.commit(async (next, tx) => {
    const entry = next.trash.find((e) => e.id === trashId)
    if (!entry) {
      throw new VerbatimError('not-found', `Nothing in the trash has the id ${trashId}: it was restored already, or let go (the trash keeps the last ${TRASH_KEEP} deletes for ${TRASH_DAYS} days).`)
    }
    const now = new Date().toISOString()
    const kind = entry.kind
    const parsed = recordSchemas[kind].safeParse(entry.record)
    if (!parsed.success) throw new VerbatimError('corrupt', `The trash entry for ${entry.label} cannot be read back.`)
    const record = parsed.data as RecordOf<typeof kind> & { id: string }
    const restored: TrashRestore['restored'] = { record: false, quotes: 0, evidence: 0, blocks: 0, links: 0 }
    const exists = {
      quote: (id: string) => next.quotes.some((q) => q.id === id),
      tag: (id: string) => next.tags.some((t) => t.id === id),
      source: (id: string) => next.sources.some((s) => s.id === id),
      claim: (id: string) => next.claims.some((c) => c.id === id),
      interview: (id: string) => next.interviews.some((i) => i.id === id)
    }
    const list = collection(next, kind) as { id: string }[]
    if (!list.some((r) => r.id === record.id)) {
      let back: { id: string } = record
      if (kind === 'quotes') {
        const quote = record as Quote
        if (!exists.interview(quote.interviewId)) {
          throw new VerbatimError('conflict', `The interview of ${entry.label} is not in the archive: restore the interview first.`)
        }
        const revived: Quote = { ...reanchored(quote, await store.transcript(quote.interviewId)), tagIds: quote.tagIds.filter(exists.tag) }
        back = revived
      } else if (kind === 'tags') {
        const name = (record as RecordOf<'tags'>).name
        const clash = next.tags.find((t) => t.name.toLowerCase() === name.toLowerCase())
        if (clash) throw new VerbatimError('conflict', `A tag named “${clash.name}” exists now: rename it, then restore “${name}”.`)
      } else if (kind === 'claims') {
        const claim = record as RecordOf<'claims'>
        const kept: RecordOf<'claims'> = { ...claim, evidence: claim.evidence.filter((e) => (e.quoteId ? exists.quote(e.quoteId) : e.sourceId ? exists.source(e.sourceId) : false)) }
        back = kept
      }
      // Stamped anew: a window that still holds the copy from before the delete cannot save over it.
      touch(back as unknown as { updatedAt: string })
      list.splice(Math.min(entry.position ?? list.length, list.length), 0, back)
      restored.record = true
    }

    // An interview's quotes: its transcript cannot have changed while it was deleted.
    for (const { at, quote } of byPlace(entry.quotes)) {
      if (exists.quote(quote.id) || !exists.interview(quote.interviewId)) continue
      next.quotes.splice(Math.min(at, next.quotes.length), 0, { ...quote, tagIds: quote.tagIds.filter(exists.tag) })
      restored.quotes++
    }

    const claims = new Set<string>()
    for (const { claimId, at, evidence } of byPlace(entry.evidence)) {
      const claim = next.claims.find((c) => c.id === claimId)
      if (!claim || claim.evidence.some((e) => e.id === evidence.id)) continue
      if (evidence.quoteId ? !exists.quote(evidence.quoteId) : evidence.sourceId ? !exists.source(evidence.sourceId) : true) continue
      claim.evidence.splice(Math.min(at, claim.evidence.length), 0, evidence)
      touch(claim)
      claims.add(claimId)
      restored.evidence++
    }

    const points = (b: DraftBlock): boolean => (b.type === 'quote' ? exists.quote(b.quoteId) : b.type === 'claim' ? exists.claim(b.claimId) : true)
    for (const { draftId, sectionId, at, block } of byPlace(entry.blocks)) {
      const draft = next.drafts.find((d) => d.id === draftId)
      const section = draft?.sections.find((s) => s.id === sectionId)
      if (!draft || !section || !points(block)) continue
      section.blocks.splice(Math.min(at, section.blocks.length), 0, block)
      touch(draft)
      restored.blocks++
    }

    for (const { draftId, sectionId, at } of entry.imageCredits) {
      const draft = next.drafts.find((d) => d.id === draftId)
      const block = draft?.sections.find((s) => s.id === sectionId)?.blocks[at]
      if (!draft || block?.type !== 'image' || block.sourceId) continue
      block.sourceId = record.id
      touch(draft)
      restored.links++
    }

    for (const { quoteId, at } of entry.quoteTags) {
      const quote = next.quotes.find((q) => q.id === quoteId)
      if (!quote || quote.tagIds.includes(record.id)) continue
      quote.tagIds.splice(Math.min(at, quote.tagIds.length), 0, record.id)
      touch(quote)
      restored.links++
    }

    // Segments live in the transcripts: each one is rewritten once, only where something comes back.
    const quoteIds: string[] = []
    const relink = async (interviewId: string, segmentIds: string[], change: (s: Segment) => Segment | null): Promise<void> => {
      const interview = next.interviews.find((i) => i.id === interviewId)
      if (!interview) return
      const ids = new Set(segmentIds)
      let changed = 0
      const after = (await store.transcript(interviewId)).map((s) => {
        const updated = ids.has(s.id) ? change(s) : null
        if (!updated) return s
        changed++
        return updated
      })
      if (!changed) return
      tx.writeTranscript(interviewId, after)
      Object.assign(interview, summarise(after))
      touch(interview)
      quoteIds.push(...refreshQuotes(next, interviewId, after, now))
      restored.links += changed
    }
    for (const { interviewId, segmentIds } of entry.segmentSources) {
      await relink(interviewId, segmentIds, (s) => (s.sourceId ? null : { ...s, sourceId: record.id }))
    }
    for (const { interviewId, segmentIds } of entry.segmentTags) {
      await relink(interviewId, segmentIds, (s) => (s.tagIds.includes(record.id) ? null : { ...s, tagIds: [...s.tagIds, record.id] }))
    }

    if (kind === 'claims' && restored.record) claims.add(record.id)
    refreshClaims(next, quoteIds, kind === 'sources' ? [record.id] : [], claims)
    next.trash = next.trash.filter((e) => e.id !== trashId)
    return { kind, id: record.id, label: entry.label, restored }
  })
}
