import { defineStore } from 'pinia'
import { computed } from 'vue'
import type { Quote } from '../../../shared/model'
import { useQuoteDraft } from './quote-draft'
import { useQuotes } from './quotes'
import { useTags } from './records'
import { useTranscript } from './transcript'
import { changeParts, marksBySegment } from './transcript-logic'

/** The mark of the words a quote is being made of: not a saved quote, no card. */
export const DRAFT_MARK = 'draft'

/**
 * What is drawn over the open transcript: every saved quote's highlight, the words of the quote
 * being made, the quotes whose words a correction changed or took away.
 */
export const useTranscriptMarks = defineStore('transcript-marks', () => {
  const t = useTranscript()
  const quotes = useQuotes()
  const tags = useTags()
  const drafts = useQuoteDraft()

  const quotesHere = computed(() => quotes.items.filter((q) => q.interviewId === t.interviewId))
  /** Every quote's place in the transcript, and the words of the quote being made while its panel is open. */
  const marks = computed(() => {
    const d = drafts.draft
    const pending = d && d.interviewId === t.interviewId ? [{ id: DRAFT_MARK, start: d.start, end: d.end, status: 'exact' as const }] : []
    return marksBySegment(
      t.texts.map((text) => text.length),
      t.indexById,
      [...quotesHere.value, ...pending]
    )
  })
  const missing = computed(() => quotesHere.value.filter((q) => q.status === 'missing'))
  const changed = computed(() => quotesHere.value.filter((q) => q.status === 'changed'))
  /** Changed quotes by the segment they start in: each gets its review box under that segment. */
  const changedAt = computed(() => {
    const map = new Map<number, Quote[]>()
    for (const q of changed.value) {
      const i = t.indexById.get(q.start.segmentId)
      if (i === undefined) continue
      map.set(i, [...(map.get(i) ?? []), q])
    }
    return map
  })

  /** The saved quotes that touch one segment. */
  function quoteIdsAt(index: number): string[] {
    return [...new Set((marks.value.get(index) ?? []).map((m) => m.quoteId).filter((id) => id !== DRAFT_MARK))]
  }

  /** A highlight's colour: its quote's first tag, or the accent when it has none. */
  function colourOf(quoteId: string): string | null {
    const q = quotes.byId.get(quoteId)
    const tagId = q?.tagIds[0]
    return (tagId && tags.byId.get(tagId)?.color) || null
  }

  function reviewParts(q: Quote) {
    return changeParts(q.text, q.currentText ?? '')
  }

  return { quotesHere, marks, missing, changed, changedAt, quoteIdsAt, colourOf, reviewParts }
})
