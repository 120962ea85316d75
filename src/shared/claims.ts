// What the claims board shows, shared by the core that works it out and every caller that shows it.
import type { ClaimStatus, Stance } from './model'

/** One independent voice: a person (merged aliases included), a document, or a speaker not yet linked to a person. */
export interface Voice {
  key: string
  kind: 'person' | 'document' | 'speaker'
  name: string
  sourceId?: string
}

/** One piece of a claim's evidence, with the exact words and where they were said. */
export interface EvidenceView {
  id: string
  kind: 'quote' | 'document'
  /** supports / contradicts / context (the same as `relation`, the name the CLI prints). */
  stance: Stance
  relation: Stance
  quoteId?: string
  sourceId?: string
  /** Who says it: the person (or document title). */
  speaker: string
  interviewId?: string
  interviewTitle?: string
  segmentIndex?: number
  segmentId?: string
  startSeconds?: number | null
  /** The exact words (a quote), or the document's title, publisher and date. */
  text: string
  quoteStatus?: 'exact' | 'moved' | 'changed' | 'missing'
  /** The quote or document it pointed at is gone. */
  missing?: true
  offRecord?: boolean
  note?: string
}

export interface ConflictSideView {
  evidenceId: string
  speaker: string
  sourceId?: string
  /** The figure or date as this side words it: "nearly three thousand". */
  said: string
  /** This side's exact words. */
  text: string
  interviewId?: string
  interviewTitle?: string
  segmentIndex?: number
  startSeconds?: number | null
}

export interface ConflictView {
  kind: 'figure' | 'date'
  /** What the two disagree about, as the claim writes it. */
  about: string
  a: ConflictSideView
  b: ConflictSideView
}

export interface ClaimReview {
  id: string
  text: string
  /** The status the claim carries: the suggestion, or the editor's choice. */
  status: ClaimStatus
  /** What the evidence says. */
  suggestedStatus: ClaimStatus
  statusSetBy: 'suggestion' | 'editor'
  /** The editor's choice differs from the suggestion. */
  overridden: boolean
  overrideReason?: string
  /** Why the suggestion is what it is. */
  reason: string
  /** Distinct voices supporting it: two quotes of one person count once. */
  distinctSources: number
  restsOnOneVoice: boolean
  supporting: Voice[]
  contradicting: Voice[]
  evidence: EvidenceView[]
  conflicts: ConflictView[]
  /** Drafts that state it. */
  drafts: { id: string; title: string }[]
  note?: string
  createdAt: string
  updatedAt: string
}

export const claimStatusLabels: Record<ClaimStatus, string> = {
  unverified: 'Unverified',
  corroborated: 'Corroborated',
  disputed: 'Disputed',
  false: 'False',
  'verified-by-document': 'Verified by document'
}

/** Why a segment was proposed as evidence: one thing it shares with the claim. */
export interface MatchReason {
  kind: 'number' | 'date' | 'name' | 'term'
  /** What matched, as the segment says it. */
  text: string
  /** The claim's own wording, when the segment says it differently (a figure in words, a name in another script). */
  claim?: string
  /** The segment gives a different figure or date for the same thing. */
  differs?: true
  /** A date that agrees only as far as it goes ("in January" for "6 January 2022"): weak. */
  loose?: true
  /** A figure's value. */
  value?: number
}

/** One segment proposed as evidence for a claim, best first, with why it matched. */
export interface EvidenceProposal {
  interviewId: string
  interviewTitle?: string
  segmentId: string
  segmentIndex: number
  speaker: string
  text: string
  /** What matched, in words: "number 2,500; name CSTO; terms: troops". */
  why: string
  matches: MatchReason[]
  score: number
  /** The stance the words suggest: a different figure or date contradicts, the same one supports. */
  stance: 'supports' | 'contradicts' | 'context'
  /** Said off the record: shown only when asked for, and never to leave the archive. */
  offRecord?: true
  /** Already linked to this claim as evidence. */
  linked?: true
}
