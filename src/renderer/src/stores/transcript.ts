import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { TextRange } from '../../../shared/search'
import { useInterviews } from './interviews'

const FLASH_MS = 2200

/**
 * The open transcript as the view reads it: its segments, which segment has the keyboard, the
 * brief highlight on a segment jumped to, and the words a search found there. What is selected,
 * quoted, corrected or shown over it lives in stores of their own (selection, quote-draft,
 * correction, transcript-marks, transcript-popups).
 */
export const useTranscript = defineStore('transcript', () => {
  const interviews = useInterviews()

  const segments = computed(() => interviews.transcript?.segments ?? [])
  const interviewId = computed(() => interviews.transcript?.id ?? null)
  const interview = computed(() => (interviewId.value ? interviews.byId.get(interviewId.value) : undefined))
  const texts = computed(() => segments.value.map((s) => s.text))
  /** Segment id → index; the first of a duplicated id wins, as in quoteTextOf. */
  const indexById = computed(() => {
    const map = new Map<string, number>()
    segments.value.forEach((s, i) => {
      if (!map.has(s.id)) map.set(s.id, i)
    })
    return map
  })

  // ——— keyboard focus, the brief highlight, the words a search found ———

  const focusedIndex = ref(0)
  const flashIndex = ref<number | null>(null)
  /** The words a search hit found in one segment: marked until the next search or transcript. */
  const found = ref<{ index: number; ranges: TextRange[] } | null>(null)
  let flashTimer: ReturnType<typeof setTimeout> | undefined

  function flash(index: number): void {
    flashIndex.value = index
    clearTimeout(flashTimer)
    flashTimer = setTimeout(() => (flashIndex.value = null), FLASH_MS)
  }

  /** A new transcript: the keyboard where the opener asked for it, the search's words marked. */
  function reset(): void {
    const focus = interviews.focus
    focusedIndex.value = focus?.index ?? 0
    flashIndex.value = null
    found.value = focus?.ranges?.length ? { index: focus.index, ranges: focus.ranges } : null
  }

  return { segments, interviewId, interview, texts, indexById, focusedIndex, flashIndex, found, flash, reset }
})
