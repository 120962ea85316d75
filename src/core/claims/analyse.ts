// How strong a claim is, from its evidence alone: who supports it, who contradicts it, whether
// it rests on one voice, and where two voices give different figures or dates for the same thing.
// Works on the archive index (a quote keeps its exact words there), so it costs the claim's
// evidence, never a transcript read.
import type { Voice } from '../../shared/claims'
import type { ArchiveIndex, Claim, ClaimStatus, Evidence, Quote, Source } from '../../shared/model'
import { nameKey, namesOf } from '../service/link-records'
import { featuresOf, relevantDates, relevantFigures, type Features } from './features'
import { formatDate } from '../text/dates'
import { sameNameAcrossScripts } from '../text/translit'

export type { Voice }

export interface ConflictSide {
  evidenceId: string
  voice: Voice
  /** The figure or date as the evidence words it: "nearly three thousand". */
  said: string
  /** The evidence's exact words. */
  text: string
  quoteId?: string
}

export interface Conflict {
  kind: 'figure' | 'date'
  /** What the two disagree about, as the claim writes it: "2,500", "6 January 2022". */
  about: string
  a: ConflictSide
  b: ConflictSide
}

export interface ClaimAnalysis {
  suggestedStatus: ClaimStatus
  /** Why the suggestion is what it is, in a sentence. */
  reason: string
  /** Distinct voices supporting the claim: two quotes of one person are one. */
  distinctSources: number
  supporting: Voice[]
  contradicting: Voice[]
  conflicts: Conflict[]
  /** Evidence whose quote or document is gone. */
  dangling: string[]
}

/** Lookups built once per question over one state of the archive. */
export class ClaimContext {
  readonly quotes: Map<string, Quote>
  readonly sources: Map<string, Source>
  private readonly people = new Map<string, Source>()
  private readonly features = new Map<string, Features>()

  constructor(readonly index: Readonly<ArchiveIndex>) {
    this.quotes = new Map(index.quotes.map((q) => [q.id, q]))
    this.sources = new Map(index.sources.map((s) => [s.id, s]))
    for (const s of index.sources) {
      if (s.kind !== 'person') continue
      for (const name of namesOf(s)) if (!this.people.has(nameKey(name))) this.people.set(nameKey(name), s)
    }
  }

  /** Two labels name one person: the same name or alias, or one name in two scripts. */
  samePerson(a: string, b: string): boolean {
    if (nameKey(a) === nameKey(b)) return true
    const pa = this.people.get(nameKey(a))
    if (pa && pa === this.people.get(nameKey(b))) return true
    return sameNameAcrossScripts(a, b)
  }

  /** Text is read once per question however many claims share it. */
  featuresOf(text: string): Features {
    let f = this.features.get(text)
    if (!f) {
      f = featuresOf(text)
      this.features.set(text, f)
    }
    return f
  }

  /** Who a quote is a voice of: its segments' sources, else the people its speaker labels name. */
  voicesOfQuote(quote: Quote): Voice[] {
    const voices: Voice[] = []
    for (const id of quote.sourceIds) {
      const s = this.sources.get(id)
      if (s) voices.push({ key: `source:${s.id}`, kind: 'person', name: s.name, sourceId: s.id })
    }
    if (voices.length) return voices
    for (const label of (quote.speaker ?? '').split(', ').filter(Boolean)) {
      const s = this.people.get(nameKey(label))
      voices.push(s ? { key: `source:${s.id}`, kind: 'person', name: s.name, sourceId: s.id } : { key: `speaker:${nameKey(label)}`, kind: 'speaker', name: label })
    }
    return voices
  }

  voicesOf(e: Evidence): Voice[] | null {
    if (e.kind === 'quote') {
      const q = e.quoteId ? this.quotes.get(e.quoteId) : undefined
      return q ? this.voicesOfQuote(q) : null
    }
    const d = e.sourceId ? this.sources.get(e.sourceId) : undefined
    return d ? [{ key: `source:${d.id}`, kind: d.kind === 'document' ? 'document' : 'person', name: d.name, sourceId: d.id }] : null
  }

  /** The words a piece of evidence puts forward: a quote's exact words, a document's title and note. */
  wordsOf(e: Evidence): string {
    if (e.kind === 'quote') return (e.quoteId && this.quotes.get(e.quoteId)?.text) || ''
    return [e.sourceId && this.sources.get(e.sourceId)?.name, e.note].filter(Boolean).join('. ')
  }
}

const unique = (voices: Voice[]): Voice[] => [...new Map(voices.map((v) => [v.key, v])).values()]

export function analyseClaim(claim: Pick<Claim, 'text' | 'evidence'>, ctx: ClaimContext): ClaimAnalysis {
  const supporting: Voice[] = []
  const contradicting: Voice[] = []
  const dangling: string[] = []
  let supportingDocuments = 0
  let contradictingDocuments = 0
  for (const e of claim.evidence) {
    const voices = ctx.voicesOf(e)
    if (!voices) {
      dangling.push(e.id)
      continue
    }
    if (e.relation === 'supports') {
      supporting.push(...voices)
      if (voices.some((v) => v.kind === 'document')) supportingDocuments++
    } else if (e.relation === 'contradicts') {
      contradicting.push(...voices)
      if (voices.some((v) => v.kind === 'document')) contradictingDocuments++
    }
  }
  const supporters = unique(supporting)
  const contradictors = unique(contradicting)
  const conflicts = findConflicts(claim, ctx)
  const people = supporters.filter((v) => v.kind !== 'document').length
  let suggestedStatus: ClaimStatus
  let reason: string
  if (supportingDocuments > 0 && contradictingDocuments === 0) {
    suggestedStatus = 'verified-by-document'
    reason = 'A document supports it.'
  } else if (contradictors.length > 0 || contradictingDocuments > 0) {
    suggestedStatus = 'disputed'
    reason = `${contradictors.map((v) => v.name).join(', ')} contradict${contradictors.length === 1 ? 's' : ''} it.`
  } else if (conflicts.length > 0) {
    suggestedStatus = 'disputed'
    const c = conflicts[0] as Conflict
    reason = `${c.a.voice.name} and ${c.b.voice.name} give different ${c.kind === 'figure' ? 'figures' : 'dates'}.`
  } else if (people >= 2) {
    suggestedStatus = 'corroborated'
    reason = `${people} independent sources support it.`
  } else {
    suggestedStatus = 'unverified'
    reason = people === 1 ? `It rests on one voice: ${supporters[0]?.name}.` : 'Nothing supports it yet.'
  }
  return { suggestedStatus, reason, distinctSources: supporters.length, supporting: supporters, contradicting: contradictors, conflicts, dangling }
}

/**
 * Pairs of evidence from different voices that give different figures or dates for what the claim
 * states: 2,500 against nearly three thousand troops; 6 January against 5 January.
 */
function findConflicts(claim: Pick<Claim, 'text' | 'evidence'>, ctx: ClaimContext): Conflict[] {
  const claimFeatures = ctx.featuresOf(claim.text)
  if (!claimFeatures.figures.length && !claimFeatures.dates.length) return []
  interface Said {
    side: Omit<ConflictSide, 'said'>
    figures: ReturnType<typeof relevantFigures>
    dates: ReturnType<typeof relevantDates>
  }
  const said: Said[] = []
  for (const e of claim.evidence) {
    if (e.relation === 'context') continue
    const voices = ctx.voicesOf(e)
    if (!voices?.length) continue
    const text = ctx.wordsOf(e)
    const f = ctx.featuresOf(text)
    said.push({
      side: { evidenceId: e.id, voice: voices[0] as Voice, text, ...(e.quoteId ? { quoteId: e.quoteId } : {}) },
      figures: relevantFigures(f, claimFeatures),
      dates: relevantDates(f, claimFeatures)
    })
  }
  const conflicts: Conflict[] = []
  const seen = new Set<string>()
  for (let i = 0; i < said.length; i++) {
    for (let j = i + 1; j < said.length; j++) {
      const a = said[i] as Said
      const b = said[j] as Said
      if (a.side.voice.key === b.side.voice.key) continue
      for (const fa of a.figures) {
        for (const fb of b.figures) {
          if (fa.claimFigure !== fb.claimFigure || fa.figure.value === fb.figure.value) continue
          if (fa.relation === 'same' && fb.relation === 'same') continue
          const key = `f:${a.side.voice.key}:${b.side.voice.key}:${fa.figure.value}:${fb.figure.value}`
          if (seen.has(key)) continue
          seen.add(key)
          conflicts.push({ kind: 'figure', about: fa.claimFigure.text, a: { ...a.side, said: fa.figure.text }, b: { ...b.side, said: fb.figure.text } })
        }
      }
      for (const da of a.dates) {
        for (const db of b.dates) {
          if (da.claimDate !== db.claimDate || (da.relation === 'same' && db.relation === 'same')) continue
          if (da.date.day === db.date.day && da.date.year === db.date.year) continue
          const key = `d:${a.side.voice.key}:${b.side.voice.key}:${da.date.text}:${db.date.text}`
          if (seen.has(key)) continue
          seen.add(key)
          conflicts.push({ kind: 'date', about: formatDate(da.claimDate), a: { ...a.side, said: da.date.text }, b: { ...b.side, said: db.date.text } })
        }
      }
    }
  }
  return conflicts
}

/** Keeps a claim whose status follows its evidence in step with it; an editor's choice stays. */
export function withSuggestedStatus<C extends Claim>(claim: C, ctx: ClaimContext): C {
  if (claim.statusSetBy === 'editor') return claim
  const { suggestedStatus } = analyseClaim(claim, ctx)
  return claim.status === suggestedStatus ? claim : { ...claim, status: suggestedStatus }
}
