import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { Quote } from '../../../shared/model'
import { api } from '../api'
import { useHistory } from './history'
import { useInterviews } from './interviews'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useTranscript } from './transcript'
import { useTranscriptMarks } from './transcript-marks'

export interface SegmentEditing {
  index: number
  segmentId: string
  draft: string
}

/**
 * Correcting a segment's words: one segment at a time, saved as one undoable step. The archive
 * re-anchors the interview's quotes and the stores that own interviews and quotes take in the
 * result; a quote whose words changed is flagged for review, never rewritten.
 */
export const useCorrection = defineStore('correction', () => {
  const t = useTranscript()
  const notices = useNotices()
  const editing = ref<SegmentEditing | null>(null)

  function startEdit(index: number): void {
    const s = t.segments[index]
    if (!s) return
    t.focusedIndex = index
    editing.value = { index, segmentId: s.id, draft: s.text }
  }

  function cancelEdit(): void {
    editing.value = null
  }

  /** Saves the correction; the archive re-anchors the interview's quotes and says which changed. */
  async function saveEdit(): Promise<boolean> {
    const e = editing.value
    const id = t.interviewId
    if (!e || !id) return false
    const current = t.segments[e.index]?.id === e.segmentId ? t.segments[e.index] : t.segments.find((s) => s.id === e.segmentId)
    if (!current) {
      editing.value = null
      return false
    }
    const before = current.text
    const after = e.draft
    if (after === before) {
      editing.value = null
      return true
    }
    const apply = (text: string) => async () => {
      const result = await api.call('segments.update', { interviewId: id, segmentId: e.segmentId, text })
      useInterviews().applySegmentEdit(result)
      useQuotes().applyInterviewQuotes(id, result.quotes)
    }
    const marks = useTranscriptMarks()
    const statusBefore = new Map(marks.quotesHere.map((q) => [q.id, q.status]))
    const ok = await useHistory().perform({ label: 'Correct segment', redo: apply(after), undo: apply(before) })
    if (ok) {
      editing.value = null
      const newly = (status: Quote['status']) => marks.quotesHere.filter((q) => q.status === status && statusBefore.get(q.id) !== status).length
      const count = (n: number) => (n === 1 ? 'a quote' : `${n} quotes`)
      const changedNow = newly('changed')
      const missingNow = newly('missing')
      if (changedNow) notices.push('info', `The correction changed the words of ${count(changedNow)}: review below the segment.`)
      if (missingNow) notices.push('info', `The correction took away the words of ${count(missingNow)}: listed above the transcript.`)
    }
    return ok
  }

  /** The editor keeps the corrected words as the quote. The archive has no way back, so no undo. */
  async function keepNewWords(id: string): Promise<void> {
    const saved = await notices.attempt(() => api.call('quotes.accept', { id }))
    if (saved) {
      useQuotes().replace([saved])
      notices.push('info', 'The quote now reads as the transcript does.')
    }
  }

  return { editing, startEdit, cancelEdit, saveEdit, keepNewWords }
})
