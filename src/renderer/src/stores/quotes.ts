import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Quote } from '../../../shared/model'
import { HouseStyleSchema } from '../../../shared/model'
import { plural } from '../../../shared/words'
import { api } from '../api'
import { copyAndSay } from '../clipboard'
import { useArchive } from './archive'
import { quoteAttribution } from './attribution'
import { useHistory } from './history'
import { useInterviews } from './interviews'
import { recordStore } from './records'
import { useSources } from './sources'

export type QuoteSort = 'newest' | 'oldest' | 'interview' | 'speaker'

/** The archive's quotes: the browser's filters and sort, and every edit of a saved quote (each undoable). */
export const useQuotes = defineStore('quotes', () => {
  const records = recordStore('quotes')
  const filter = ref({ tagId: '', speaker: '', interviewId: '', from: '', to: '', status: '' })
  const sort = ref<QuoteSort>('newest')
  const selected = ref<Set<string>>(new Set())

  const speakers = computed(() => [...new Set(records.items.value.map((q) => q.speaker).filter((s): s is string => !!s))].sort())

  /** The quotes the browser shows: filtered by tag, speaker, interview and interview date, sorted. */
  const shown = computed(() => {
    const interviews = useInterviews()
    const f = filter.value
    const dateOf = (q: Quote) => interviews.byId.get(q.interviewId)?.date ?? ''
    const list = records.items.value.filter(
      (q) =>
        (!f.tagId || q.tagIds.includes(f.tagId)) &&
        (!f.speaker || q.speaker === f.speaker) &&
        (!f.interviewId || q.interviewId === f.interviewId) &&
        (!f.status || (f.status === 'review' ? q.status === 'changed' || q.status === 'missing' : q.status === f.status)) &&
        (!f.from || dateOf(q) >= f.from) &&
        (!f.to || (dateOf(q) !== '' && dateOf(q) <= f.to))
    )
    const title = (q: Quote) => interviews.byId.get(q.interviewId)?.title ?? ''
    const by: Record<QuoteSort, (a: Quote, b: Quote) => number> = {
      newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
      oldest: (a, b) => a.createdAt.localeCompare(b.createdAt),
      interview: (a, b) => title(a).localeCompare(title(b)),
      speaker: (a, b) => (a.speaker ?? '').localeCompare(b.speaker ?? '')
    }
    return [...list].sort(by[sort.value])
  })

  /** Quotes changed elsewhere (a correction re-anchored them): take the server's copies. */
  function replace(quotes: Quote[]): void {
    const fresh = new Map(quotes.map((q) => [q.id, q]))
    records.items.value = records.items.value.map((q) => fresh.get(q.id) ?? q)
  }

  /** Every quote of one interview as the archive has it now (after a correction re-anchored them). */
  function applyInterviewQuotes(interviewId: string, quotes: Quote[]): void {
    const fresh = new Map(quotes.map((q) => [q.id, q]))
    const kept = records.items.value.filter((q) => q.interviewId !== interviewId || fresh.has(q.id)).map((q) => fresh.get(q.id) ?? q)
    const known = new Set(kept.map((q) => q.id))
    records.items.value = [...kept, ...quotes.filter((q) => !known.has(q.id))]
  }

  function toggle(id: string): void {
    const next = new Set(selected.value)
    if (next.has(id)) next.delete(id)
    else next.add(id)
    selected.value = next
  }

  /** Changes one quote's note and tags as one undoable step. */
  async function edit(id: string, patch: { note?: string; tagIds?: string[] }): Promise<boolean> {
    const q = records.byId.value.get(id)
    if (!q) return false
    const before = { note: q.note ?? '', tagIds: q.tagIds }
    const after = { note: patch.note ?? before.note, tagIds: patch.tagIds ?? before.tagIds }
    if (after.note === before.note && after.tagIds.join() === before.tagIds.join()) return true
    const what = after.note !== before.note && after.tagIds.join() !== before.tagIds.join() ? 'note and tags' : after.note !== before.note ? 'note' : 'tags'
    // Undo and redo each save over the version the step before saved: never over a change made elsewhere.
    let basedOn = q.updatedAt
    return useHistory().perform({
      label: `Edit quote ${what}`,
      redo: async () => void (basedOn = (await records.update(id, after, basedOn)).updatedAt),
      undo: async () => void (basedOn = (await records.update(id, before, basedOn)).updatedAt)
    })
  }

  /** Adds or removes one tag on every selected quote, as one undoable step. */
  async function retagSelected(tagId: string, add: boolean): Promise<void> {
    const chosen = records.items.value.filter((q) => selected.value.has(q.id))
    const before = chosen.map((q) => ({ id: q.id, tagIds: q.tagIds }))
    // Each save is based on the version this step last saw, so neither it nor its undo overwrites a change made elsewhere.
    const basedOn = new Map(chosen.map((q) => [q.id, q.updatedAt]))
    const apply = async (tags: (q: { id: string; tagIds: string[] }) => string[]) => {
      const results = await Promise.allSettled(
        before.map((q) => api.call('quotes.update', { id: q.id, patch: { tagIds: tags(q) }, expectedUpdatedAt: basedOn.get(q.id) }))
      )
      const updated = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
      for (const q of updated) basedOn.set(q.id, q.updatedAt)
      replace(updated)
      const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (refused) {
        await Promise.all(before.filter((q) => !updated.some((u) => u.id === q.id)).map((q) => records.refresh(q.id).catch(() => undefined)))
        throw refused.reason
      }
    }
    await useHistory().perform({
      label: `${add ? 'Tag' : 'Untag'} ${plural(before.length, 'quote')}`,
      redo: () => apply((q) => (add ? [...new Set([...q.tagIds, tagId])] : q.tagIds.filter((id) => id !== tagId))),
      undo: () => apply((q) => q.tagIds)
    })
  }

  /** “words,” says NAME — by the source's naming rule and the house style — on the clipboard. */
  async function copyWithAttribution(id: string): Promise<void> {
    const q = records.byId.value.get(id)
    if (!q) return
    const style = useArchive().settings?.houseStyle ?? HouseStyleSchema.parse({})
    const { line } = quoteAttribution(q, useSources().byId, style)
    await copyAndSay(line, 'the quote with its attribution')
  }

  return { ...records, filter, sort, selected, speakers, shown, replace, applyInterviewQuotes, toggle, edit, retagSelected, copyWithAttribution }
})
