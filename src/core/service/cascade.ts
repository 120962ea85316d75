import type { ArchiveIndex, Claim, Draft } from '../../shared/model'
import { touch } from './crud'

// What a delete does to the records that pointed at what was deleted. Every record it changes is
// stamped (a new updatedAt): a window still holding the old copy is then refused if it saves
// it, instead of putting the dangling reference back.

/** Removes the evidence links a delete leaves dangling. Returns the claims that lost one. */
export function dropEvidence(next: ArchiveIndex, gone: (e: Claim['evidence'][number]) => boolean): string[] {
  const lost: string[] = []
  for (const c of next.claims) {
    if (!c.evidence.some(gone)) continue
    c.evidence = c.evidence.filter((e) => !gone(e))
    touch(c)
    lost.push(c.id)
  }
  return lost
}

/** Removes the draft blocks a delete leaves dangling. */
export function dropBlocks(next: ArchiveIndex, gone: (b: Draft['sections'][number]['blocks'][number]) => boolean): void {
  for (const d of next.drafts) {
    if (!d.sections.some((s) => s.blocks.some(gone))) continue
    for (const s of d.sections) s.blocks = s.blocks.filter((b) => !gone(b))
    touch(d)
  }
}
