// What a delete takes with it, done once and recorded as it goes: every cascade reports what it
// removed into a `Removed`, which becomes the delete's trash entry (trash.ts puts it back). Every
// record it changes is stamped (a new updatedAt): a window still holding the old copy is then
// refused if it saves it, instead of putting the dangling reference back.
import type { ArchiveIndex, DraftBlock, Evidence, Removed } from '../../shared/model'
import { snapshotOf } from '../archive/store'
import { touch } from './crud'
import { refreshClaims } from './people'

export function emptyRemoved(): Removed {
  return { quotes: [], evidence: [], blocks: [], imageCredits: [], segmentSources: [], quoteTags: [], segmentTags: [] }
}

/** Takes the matching evidence off every claim, noting each link's place; the claims follow their evidence again. */
export function dropEvidence(next: ArchiveIndex, match: (e: Evidence) => boolean, removed: Removed): string[] {
  const lost: string[] = []
  for (const claim of next.claims) {
    if (!claim.evidence.some(match)) continue
    claim.evidence.forEach((evidence, at) => {
      if (match(evidence)) removed.evidence.push({ claimId: claim.id, at, evidence: snapshotOf(evidence) })
    })
    claim.evidence = claim.evidence.filter((e) => !match(e))
    touch(claim)
    lost.push(claim.id)
  }
  if (lost.length) refreshClaims(next, [], [], lost)
  return lost
}

/** Takes the matching blocks out of every draft section, noting each block's place. */
export function dropBlocks(next: ArchiveIndex, match: (b: DraftBlock) => boolean, removed: Removed): void {
  for (const draft of next.drafts) {
    if (!draft.sections.some((s) => s.blocks.some(match))) continue
    touch(draft)
    for (const section of draft.sections) {
      if (!section.blocks.some(match)) continue
      section.blocks.forEach((block, at) => {
        if (match(block)) removed.blocks.push({ draftId: draft.id, sectionId: section.id, at, block: snapshotOf(block) })
      })
      section.blocks = section.blocks.filter((b) => !match(b))
    }
  }
}

/** Everything that points at these quotes: evidence links and quote blocks in drafts. */
export function dropQuoteUses(next: ArchiveIndex, quoteIds: ReadonlySet<string>, removed: Removed): void {
  if (!quoteIds.size) return
  dropEvidence(next, (e) => !!e.quoteId && quoteIds.has(e.quoteId), removed)
  dropBlocks(next, (b) => b.type === 'quote' && quoteIds.has(b.quoteId), removed)
}
