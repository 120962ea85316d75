// Drafts through the API: checking one (integrity, leaks, missing quotes, unsourced statements),
// exporting it (Markdown or HTML, whole or one section), and turning a statement into a claim.
import type { DraftCheck, DraftExport } from '../../shared/drafts'
import { isBlocking } from '../../shared/drafts'
import { claimIdsOfDraft, claimRef } from '../../shared/claim-refs'
import { VerbatimError } from '../../shared/errors'
import type { Claim, Draft } from '../../shared/model'
import { newId, type ArchiveStore } from '../archive/store'
import { ClaimContext, withSuggestedStatus } from '../claims/analyse'
import { checkDraft, exportDraft } from '../export/draft'
import { articleHtml } from '../export/html'
import { offRecordPassages } from '../export/passages'
import { LeakCheck, protectedPeople, pseudonymise } from '../export/protect'
import { proseSentences } from '../export/statements'
import { reviewClaims } from './claims'
import { findRecord } from './records'

export function checkDraftById(store: ArchiveStore, id: string): DraftCheck {
  return checkDraft(findRecord(store.index, 'drafts', id), store.index)
}

/** A file name for a title: letters, digits and dashes. */
function fileNameOf(title: string, ext: string): string {
  const base = title.normalize('NFKD').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80).toLowerCase()
  return `${base || 'draft'}.${ext}`
}

/**
 * Exports a draft, or one of its sections. Refuses, saying every problem, when a quote is not
 * faithful (and not overridden with a reason), a quote is missing, or anything confidential would
 * be printed; nothing is returned to write then.
 */
export async function exportDraftById(store: ArchiveStore, input: { id: string; format: 'md' | 'html'; sectionId?: string }): Promise<DraftExport> {
  const index = store.index
  const full = findRecord(index, 'drafts', input.id)
  let draft: Draft = full
  if (input.sectionId) {
    const section = full.sections.find((s) => s.id === input.sectionId)
    if (!section) throw new VerbatimError('not-found', `The draft “${full.title}” has no section ${input.sectionId}.`)
    draft = { ...full, sections: [section] }
  }
  const people = protectedPeople(index.sources)
  const leakCheck = new LeakCheck(people, await offRecordPassages(store))
  const { claims } = await reviewClaims(store, { ids: claimIdsOfDraft(draft).filter((id) => index.claims.some((c) => c.id === id)) })
  const result = exportDraft({ draft, index, claims: new Map(claims.map((c) => [c.id, c])), people, leakCheck })
  const refusals = result.problems.filter(isBlocking)
  if (refusals.length) {
    const where = (p: (typeof refusals)[number]): string => {
      const section = full.sections.find((s) => s.id === p.sectionId)
      if (!section) return 'the draft'
      const name = section.heading.trim() ? `“${section.heading.trim()}”` : `section ${full.sections.indexOf(section) + 1}`
      return p.blockIndex >= 0 ? `${name}, block ${p.blockIndex + 1}` : name
    }
    throw new VerbatimError('conflict', `The draft “${full.title}” was not exported:\n${refusals.map((p) => `- ${p.kind} (${where(p)}): ${p.message}`).join('\n')}`)
  }
  const protect = (value: string) => pseudonymise(value, people).text
  let content = result.markdown
  if (input.format === 'html') {
    content = articleHtml(result.tree, { title: protect(draft.title), ...(draft.byline ? { byline: protect(draft.byline) } : {}) })
    // The page is read again as written: the same guard as the Markdown.
    const leaks = leakCheck.check(content.replace(/<[^>]*>/g, ' '))
    if (leaks.length) throw new VerbatimError('conflict', `The draft “${full.title}” was not exported: the HTML page would reveal “${leaks[0]?.found}”.`)
  }
  return {
    format: input.format,
    content,
    filename: fileNameOf(full.title, input.format),
    heldBack: result.heldBack,
    warnings: result.problems.filter((p) => !isBlocking(p))
  }
}

/**
 * Turns one sentence of a prose block into a claim: the claim holds the sentence's words, and the
 * sentence is tied to it (`[[claim:ID]]` after it), ready to look for evidence.
 */
export function makeClaimFromSentence(store: ArchiveStore, input: { id: string; sectionId: string; blockIndex: number; start: number }): Promise<{ claim: Claim; draft: Draft }> {
  return store.commit((next) => {
    const draft = findRecord(next, 'drafts', input.id)
    const section = draft.sections.find((s) => s.id === input.sectionId)
    const block = section?.blocks[input.blockIndex]
    if (!section || !block || block.type !== 'prose') throw new VerbatimError('not-found', 'That block is not a prose block of this draft.')
    const sentence = [...proseSentences(block.text)].find((s) => s.start <= input.start && input.start < s.end)
    if (!sentence) throw new VerbatimError('invalid-input', 'There is no sentence there.')
    const words = sentence.sentence.replace(/\s*\[\[claim:[^\]]*\]\]/g, '').replace(/[*_`]/g, '').trim()
    if (!words) throw new VerbatimError('invalid-input', 'That sentence has no words to make a claim of.')
    const now = new Date().toISOString()
    const base: Claim = { id: newId(), text: words.slice(0, 10_000), status: 'unverified', statusSetBy: 'suggestion', evidence: [], createdAt: now, updatedAt: now }
    const claim = withSuggestedStatus(base, new ClaimContext(next))
    next.claims.push(claim)
    block.text = `${block.text.slice(0, sentence.end)} ${claimRef(claim.id)}${block.text.slice(sentence.end)}`
    draft.updatedAt = now
    return { claim: structuredClone(claim), draft: structuredClone(draft) }
  })
}
