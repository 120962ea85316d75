// Every sentence of a draft's prose that states a number, a date or a named person or
// organisation must be tied to a claim (`[[claim:ID]]` in the sentence), or it is unsourced.
import { CLAIM_REF, claimIdsInProse } from '../../shared/claim-refs'
import type { Statement } from '../../shared/drafts'
import type { Draft } from '../../shared/model'
import { featuresOf } from '../claims/features'
import { termsOf } from '../text/terms'

/** Sentences of prose, with their offsets: ends at . ! ? … followed by a space, or a line break. */
export function* proseSentences(text: string): Generator<{ sentence: string; start: number; end: number }> {
  let start = 0
  const emit = function* (end: number) {
    const raw = text.slice(start, end)
    const lead = raw.length - raw.trimStart().length
    const body = raw.trim()
    if (body) yield { sentence: body, start: start + lead, end: start + lead + body.length }
  }
  for (const m of text.matchAll(/(?:[.!?…]+(?:\s*\[\[claim:[A-Za-z0-9_-]+\]\])*["”»’)]*)(?=\s|$)|\n\s*\n|\n(?=\s*[-*+] )/gu)) {
    const end = m.index + m[0].length
    yield* emit(end)
    start = end
  }
  yield* emit(text.length)
}

/** Why a sentence is a statement of fact, or nothing when it is not. */
export function factsIn(sentence: string): string[] {
  const plain = sentence.replace(CLAIM_REF, ' ').replace(/[*_`>#]/g, ' ')
  const f = featuresOf(plain)
  const reasons: string[] = []
  for (const n of f.figures) reasons.push(`number ${n.text.trim()}`)
  for (const d of f.dates) reasons.push(`date ${d.text.trim()}`)
  for (const t of termsOf(plain)) if (t.name) reasons.push(`name ${t.text}`)
  return reasons
}

/** The statements of fact in a draft's prose, tied or not. */
export function statementsOf(draft: Pick<Draft, 'sections'>): Statement[] {
  const out: Statement[] = []
  for (const section of draft.sections) {
    section.blocks.forEach((block, blockIndex) => {
      if (block.type !== 'prose') return
      for (const s of proseSentences(block.text)) {
        const reasons = factsIn(s.sentence)
        if (!reasons.length) continue
        out.push({ sectionId: section.id, blockIndex, ...s, reasons, claimIds: claimIdsInProse(s.sentence) })
      }
    })
  }
  return out
}
