import { VerbatimError } from '../../shared/errors'
import type { ArchiveStore } from '../archive/store'
import { factcheckMarkdown } from '../claims/factcheck'
import { offRecordPassages } from '../export/passages'
import { LeakCheck, protectedPeople, pseudonymise } from '../export/protect'
import { reviewClaims } from './claims'
import { findRecord } from './records'
import { checkDraft } from '../export/draft'
import type { ArchiveIndex, Draft } from '../../shared/model'

/**
 * The copy desk's sheet for one draft's claims, or for every claim in the archive. It goes through
 * the same guards as an export: protected names replaced, and the finished sheet refused if a
 * protected name or off-the-record words are still in it.
 */
export async function factcheckSheet(store: ArchiveStore, draftId?: string): Promise<{ markdown: string; claims: number }> {
  const index = store.index
  const draft = draftId ? findRecord(index, 'drafts', draftId) : undefined
  const { claims } = await reviewClaims(store, draftId ? { draftId } : {})
  const people = protectedPeople(index.sources)
  const markdown = factcheckMarkdown(
    {
      title: draft?.title ?? 'all claims',
      archiveName: index.settings.name,
      claims,
      sources: new Map(index.sources.map((s) => [s.id, s])),
      style: index.settings.houseStyle,
      ...(draft ? { overrides: overridesOf(draft, index) } : {})
    },
    (text) => pseudonymise(text, people).text
  )
  const leaks = new LeakCheck(people, await offRecordPassages(store)).check(markdown)
  if (leaks.length) {
    const first = leaks[0]
    throw new VerbatimError(
      'conflict',
      `The fact-check sheet was not made: it would reveal ${first?.kind === 'name' ? `the name “${first.found}” of a source who may not be named` : `words said off the record (“${first?.found}”)`}.`
    )
  }
  return { markdown, claims: claims.length }
}

/** Quote blocks the editor prints despite a failed check, with their reason: the copy desk sees each. */
function overridesOf(draft: Draft, index: Readonly<ArchiveIndex>): { where: string; quote: string; problem: string; reason: string }[] {
  const quotes = new Map(index.quotes.map((q) => [q.id, q]))
  return checkDraft(draft, index)
    .problems.filter((p) => p.overridden)
    .map((p) => {
      const section = draft.sections.find((s) => s.id === p.sectionId)
      const block = section?.blocks[p.blockIndex]
      const quote = block?.type === 'quote' ? quotes.get(block.quoteId) : undefined
      return {
        where: `${section?.heading.trim() ? `“${section.heading.trim()}”` : 'a section'}, block ${p.blockIndex + 1}`,
        quote: block?.type === 'quote' ? (block.excerpt ?? quote?.text ?? '') : '',
        problem: p.message,
        reason: p.overridden ?? ''
      }
    })
}
