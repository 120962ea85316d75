// A draft states a claim in a claim block, or inside prose with `[[claim:ID]]` standing in the
// sentence it ties to the claim. Shared: the editor inserts them, the core checks and exports them.
import type { Draft } from './model'

export const CLAIM_REF = /\[\[claim:([A-Za-z0-9_-]{1,64})\]\]/g

export function claimRef(id: string): string {
  return `[[claim:${id}]]`
}

/** The claim ids a prose text refers to, in order, each once. */
export function claimIdsInProse(text: string): string[] {
  return [...new Set([...text.matchAll(CLAIM_REF)].map((m) => m[1] as string))]
}

/** Every claim a draft states: claim blocks and references in prose. */
export function claimIdsOfDraft(draft: Pick<Draft, 'sections'>): string[] {
  const ids = new Set<string>()
  for (const section of draft.sections) {
    for (const block of section.blocks) {
      if (block.type === 'claim') ids.add(block.claimId)
      else if (block.type === 'prose') for (const id of claimIdsInProse(block.text)) ids.add(id)
    }
  }
  return [...ids]
}
