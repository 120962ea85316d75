// What the claims board says about a claim, kept apart from the store so it can be tested without
// a window: who decided the status (the evidence or the editor), where a piece of evidence was
// said, the board's order, and the fact-check sheet's file name.
import { claimStatusLabels, type ClaimReview, type EvidenceView } from '../../../shared/claims'
import type { ClaimStatus, Stance } from '../../../shared/model'
import { formatTime } from '../../../shared/time'

export type ClaimSort = 'weakest' | 'newest'

export const stanceLabels: Record<Stance, string> = { supports: 'Supports', contradicts: 'Contradicts', context: 'Context' }

/** The status with who wins: the editor's choice beats the evidence, and says so. */
export interface StatusLine {
  status: ClaimStatus
  label: string
  /** "from the evidence" or "your choice". */
  who: string
  /** When the editor's choice differs: what the evidence suggests. */
  suggests?: string
  reason?: string
}

export function statusLine(c: Pick<ClaimReview, 'status' | 'suggestedStatus' | 'statusSetBy' | 'overridden' | 'overrideReason'>): StatusLine {
  const label = claimStatusLabels[c.status]
  if (c.statusSetBy !== 'editor') return { status: c.status, label, who: 'from the evidence' }
  if (!c.overridden) return { status: c.status, label, who: 'your choice, and the evidence agrees', ...(c.overrideReason ? { reason: c.overrideReason } : {}) }
  return {
    status: c.status,
    label,
    who: 'your choice',
    suggests: claimStatusLabels[c.suggestedStatus].toLowerCase(),
    ...(c.overrideReason ? { reason: c.overrideReason } : {})
  }
}

/** "Verified by document — your choice; the evidence suggests disputed", as one sentence. */
export function statusSentence(c: Parameters<typeof statusLine>[0]): string {
  const s = statusLine(c)
  return `${s.label} — ${s.who}${s.suggests ? `; the evidence suggests ${s.suggests}` : ''}`
}

/** Where in the recording (or, without times, which segment) the words were said. */
export function placeOf(e: Pick<EvidenceView, 'startSeconds' | 'segmentIndex'>): string {
  const time = formatTime(e.startSeconds)
  if (time) return time
  return e.segmentIndex !== undefined ? `segment ${e.segmentIndex + 1}` : ''
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`

/** "2 pieces of evidence · 1 independent source · 2 conflicts" */
export function boardCounts(c: Pick<ClaimReview, 'evidence' | 'distinctSources' | 'conflicts'>): string {
  return [
    plural(c.evidence.length, 'piece') + ' of evidence',
    plural(c.distinctSources, 'independent source'),
    ...(c.conflicts.length ? [plural(c.conflicts.length, 'conflict')] : [])
  ].join(' · ')
}

/**
 * The board's order. Weakest first is the archive's own order (claims.review sorts it); newest
 * first is by when the claim was written down.
 */
export function sortBoard(list: readonly ClaimReview[], sort: ClaimSort): ClaimReview[] {
  if (sort === 'weakest') return [...list]
  return [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/** "fact-check-the-bridge-2024-04-05.md": a name any file system takes. */
export function factcheckFileName(title: string, day: Date): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  const date = day.toISOString().slice(0, 10)
  return `fact-check-${slug || 'claims'}-${date}.md`
}
