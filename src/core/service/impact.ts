// What a delete would take with it, said before anything goes: "3 quotes and 1 claim's evidence".
import type { Impact } from '../../shared/api/contract'
import { claimIdsInProse } from '../../shared/claim-refs'
import type { ArchiveIndex, RecordKind } from '../../shared/model'
import { joinWords, plural } from '../../shared/words'
import { findRecord } from './records'


export function impactOf(index: Readonly<ArchiveIndex>, kind: RecordKind, id: string): Impact {
  const record = findRecord(index, kind, id) as { id: string; name?: string; title?: string; text?: string }
  const label = record.title ?? record.name ?? record.text ?? id
  const counts: Impact['counts'] = {}
  let quoteIds = new Set<string>()
  const claims = new Map<string, string>()
  const drafts = new Map<string, string>()
  /** Claims that keep their evidence but lose the voice behind it (a person's quotes). */
  const resting = new Map<string, string>()
  let evidence = 0
  let blocks = 0
  const countEvidence = (match: (e: { quoteId?: string; sourceId?: string }) => boolean): void => {
    for (const c of index.claims) {
      const n = c.evidence.filter(match).length
      if (!n) continue
      evidence += n
      claims.set(c.id, c.text)
    }
  }
  const countBlocks = (match: (b: ArchiveIndex['drafts'][number]['sections'][number]['blocks'][number]) => boolean): void => {
    for (const d of index.drafts) {
      const n = d.sections.reduce((k, s) => k + s.blocks.filter(match).length, 0)
      if (!n) continue
      blocks += n
      drafts.set(d.id, d.title)
    }
  }
  const parts: string[] = []
  switch (kind) {
    case 'interviews': {
      quoteIds = new Set(index.quotes.filter((q) => q.interviewId === id).map((q) => q.id))
      counts.quotes = quoteIds.size
      if (quoteIds.size) parts.push(plural(quoteIds.size, 'quote'))
      break
    }
    case 'quotes':
      quoteIds = new Set([id])
      break
    case 'sources': {
      const interviews = index.interviews.filter((i) => i.sourceIds?.includes(id)).length
      counts.interviews = interviews
      if (interviews) parts.push(`its speaker links in ${plural(interviews, 'interview')} (the words stay)`)
      // The quotes they said keep their words but lose their speaker, and a claim resting on one loses a voice.
      const spoken = new Set(index.quotes.filter((q) => q.sourceIds.includes(id)).map((q) => q.id))
      counts.quotes = spoken.size
      if (spoken.size) parts.push(`its name on ${plural(spoken.size, 'quote')} (the quotes stay)`)
      for (const c of index.claims) if (c.evidence.some((e) => e.quoteId && spoken.has(e.quoteId))) resting.set(c.id, c.text)
      countEvidence((e) => e.sourceId === id)
      countBlocks((b) => b.type === 'image' && b.sourceId === id)
      break
    }
    case 'tags': {
      const quotes = index.quotes.filter((q) => q.tagIds.includes(id)).length
      counts.quotes = quotes
      if (quotes) parts.push(`its place on ${plural(quotes, 'quote')} (the quotes stay)`)
      break
    }
    case 'claims':
      countBlocks((b) => (b.type === 'claim' && b.claimId === id) || (b.type === 'prose' && claimIdsInProse(b.text).includes(id)))
      break
    case 'drafts':
      break
  }
  if (quoteIds.size) {
    countEvidence((e) => !!e.quoteId && quoteIds.has(e.quoteId))
    countBlocks((b) => b.type === 'quote' && quoteIds.has(b.quoteId))
  }
  counts.evidence = evidence
  counts.claims = claims.size
  counts.blocks = blocks
  counts.drafts = drafts.size
  if (evidence) parts.push(`${plural(evidence, 'piece')} of evidence from ${plural(claims.size, 'claim')}`)
  if (blocks) parts.push(`${plural(blocks, 'block')} in ${plural(drafts.size, 'draft')}`)
  for (const cid of claims.keys()) resting.delete(cid)
  if (resting.size) parts.push(`its voice in ${plural(resting.size, 'claim')} (the evidence stays)`)
  // "1 quote goes", "its place on 3 quotes goes": one part that is one thing takes "goes" ("its speaker links … go").
  const one = parts.length === 1 && /^(1 |its place )/.test(parts[0] ?? '')
  const summary = parts.length ? `${joinWords(parts)} go${one ? 'es' : ''} with it.` : 'Nothing else points at it.'
  return {
    kind,
    id,
    label,
    summary: summary.charAt(0).toUpperCase() + summary.slice(1),
    counts,
    claims: [...claims, ...resting].map(([cid, text]) => ({ id: cid, text })),
    drafts: [...drafts].map(([did, title]) => ({ id: did, title }))
  }
}
