import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { quoteTextOf } from '../../../shared/anchor'
import type { Anchor } from '../../../shared/model'
import { formatTime } from '../../../shared/time'
import { api } from '../api'
import { useCodebook } from './codebook'
import { useHistory } from './history'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useTags } from './records'
import { useSelection } from './selection'
import { useTranscript } from './transcript'
import { tagOptions, type TagOption, type TextSpan } from './transcript-logic'

/** A quote being made: the words, fixed when the panel opened, and what the editor adds to them. */
export interface QuoteDraft {
  interviewId: string
  start: Anchor
  end: Anchor
  startIndex: number
  endIndex: number
  text: string
  /** Speakers of the off-the-record segments the words reach into: the panel warns before saving. */
  offRecord: { index: number; speaker: string; time: string }[]
  tagIds: string[]
  note: string
}

/** Making a quote from the transcript: the panel's words, tags and note, and saving it (undoable). */
export const useQuoteDraft = defineStore('quote-draft', () => {
  const t = useTranscript()
  const quotes = useQuotes()
  const tags = useTags()
  const codebook = useCodebook()
  const history = useHistory()
  const notices = useNotices()

  const draft = ref<QuoteDraft | null>(null)
  let pendingTags: Promise<unknown> = Promise.resolve()

  /**
   * Opens the quote panel on the selected words or, with nothing selected, on the whole of the
   * focused segment (Q on a segment). False (with a notice) when there are no words to quote.
   */
  function openQuote(wholeSegment: number | null = null): boolean {
    const selection = useSelection()
    const span: TextSpan | null = selection.selection ?? (wholeSegment === null ? null : selection.segmentSpan(wholeSegment))
    const id = t.interviewId
    if (!span || !id) {
      notices.push('info', 'Select the words to quote first, or focus a segment, then press Q.')
      return false
    }
    const segments = t.segments
    const first = segments[span.start.index]
    const last = segments[span.end.index]
    if (!first || !last) return false
    const start = { segmentId: first.id, offset: span.start.offset }
    const end = { segmentId: last.id, offset: span.end.offset }
    const text = quoteTextOf(segments, start, end)
    if (!text) {
      notices.push('error', 'Those words could not be read back from the transcript: select them again.')
      return false
    }
    const offRecord = segments
      .slice(span.start.index, span.end.index + 1)
      .map((s, k) => ({ s, index: span.start.index + k }))
      .filter(({ s, index }) => {
        if (!s.offRecord) return false
        // A span that only touches a segment's very edge takes none of its words.
        const from = index === span.start.index ? span.start.offset : 0
        const to = index === span.end.index ? span.end.offset : s.text.length
        return to > from
      })
      .map(({ s, index }) => ({ index, speaker: s.speaker || 'Unknown speaker', time: formatTime(s.startSeconds) }))
    draft.value = { interviewId: id, start, end, startIndex: span.start.index, endIndex: span.end.index, text, offRecord, tagIds: [], note: '' }
    return true
  }

  function cancelQuote(): void {
    draft.value = null
  }

  const draftTags = computed(() => (draft.value?.tagIds ?? []).map((id) => tags.byId.get(id)).filter((t) => t !== undefined))

  function optionsFor(query: string): TagOption[] {
    return tagOptions(tags.items, query, draft.value?.tagIds ?? [])
  }

  /** Picks a tag for the draft, or makes a new one (an undoable step of its own) and picks that. */
  function chooseTag(option: TagOption): Promise<void> {
    const run = async (): Promise<void> => {
      if (!draft.value) return
      const id = await codebook.tagFor(option)
      const d = draft.value
      if (id && d && !d.tagIds.includes(id)) d.tagIds = [...d.tagIds, id]
    }
    const step = pendingTags.then(run, run)
    pendingTags = step.catch(() => undefined)
    return step
  }

  function removeDraftTag(id: string): void {
    const d = draft.value
    if (d) d.tagIds = d.tagIds.filter((t) => t !== id)
  }

  /**
   * Saves the draft as a quote with its exact words. Undo deletes it (into the trash); redo
   * brings that same quote back.
   */
  async function saveQuote(): Promise<boolean> {
    await pendingTags
    const d = draft.value
    if (!d) return false
    if (d.interviewId !== t.interviewId || quoteTextOf(t.segments, d.start, d.end) !== d.text) {
      notices.push('error', 'The transcript changed under the selected words: select them again.')
      return false
    }
    const note = d.note.trim()
    let id: string | null = null
    let trashId: string | null = null
    const ok = await history.perform({
      label: 'Make quote',
      redo: async () => {
        if (trashId) {
          await api.call('trash.restore', { id: trashId })
          await quotes.load()
          return
        }
        const input = {
          interviewId: d.interviewId,
          start: d.start,
          end: d.end,
          text: d.text,
          tagIds: d.tagIds.filter((tag) => tags.byId.has(tag)),
          ...(note ? { note } : {})
        }
        id = (await quotes.create(input)).id
      },
      undo: async () => {
        if (id) trashId = (await quotes.remove(id)).trashId
      }
    })
    if (ok) {
      draft.value = null
      useSelection().clear()
      t.focusedIndex = d.startIndex
      notices.push('info', d.offRecord.length ? 'Quote saved, marked as including off-the-record words.' : 'Quote saved.')
    }
    return ok
  }

  return { draft, draftTags, openQuote, cancelQuote, optionsFor, chooseTag, removeDraftTag, saveQuote }
})
