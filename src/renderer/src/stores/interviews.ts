import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { SegmentEdit, Transcript } from '../../../shared/api/contract'
import type { Interview } from '../../../shared/model'
import type { TextRange } from '../../../shared/search'
import { api } from '../api'
import { listInterviews, type InterviewFilter, type InterviewSort } from './interview-list'
import { recordStore } from './records'

/** Where the keyboard goes when a transcript opens: a segment, whether it flashes, the words a search found in it. */
export interface TranscriptFocus {
  index: number
  /** Briefly highlight the segment (a jump from a quote or a search hit); false for the first segment of a plain open. */
  flash: boolean
  ranges?: TextRange[]
}

export const useInterviews = defineStore('interviews', () => {
  const records = recordStore('interviews')
  const openId = ref<string | null>(null)
  // A transcript can hold thousands of segments: no deep reactivity on them.
  const transcript = shallowRef<Transcript | null>(null)
  const loadingTranscript = ref(false)
  /** The segment to bring into view when the transcript opens (from a search hit, a quote, the keyboard). */
  const focus = ref<TranscriptFocus | null>(null)
  /** Counts opens: opening the transcript that is already open (another search hit in it) starts it afresh too. */
  const opened = ref(0)

  // ——— the list: sorted and filtered ———
  const filter = ref<InterviewFilter>({ text: '', speaker: '', language: '', consent: '' })
  const sort = ref<InterviewSort>({ by: 'imported', descending: true })
  const shown = computed(() => listInterviews(records.items.value, filter.value, sort.value))
  const speakers = computed(() => [...new Set(records.items.value.flatMap((i) => i.speakers))].sort((a, b) => a.localeCompare(b)))
  const languages = computed(() => [...new Set(records.items.value.map((i) => i.language).filter((l): l is string => !!l))].sort())

  function sortBy(by: InterviewSort['by']): void {
    sort.value = sort.value.by === by ? { by, descending: !sort.value.descending } : { by, descending: by === 'imported' || by === 'date' }
  }

  async function open(id: string, where: TranscriptFocus | null = null): Promise<void> {
    openId.value = id
    focus.value = where
    opened.value++
    loadingTranscript.value = true
    try {
      const t = await api.call('transcript.get', { id })
      if (openId.value === id) transcript.value = t
    } finally {
      loadingTranscript.value = false
    }
  }

  function closeTranscript(): void {
    openId.value = null
    transcript.value = null
  }

  /** Reads the open transcript again, in place (who speaks changed: a merge, a person deleted or back). */
  async function reloadTranscript(): Promise<void> {
    const id = transcript.value?.id
    if (!id) return
    const t = await api.call('transcript.get', { id })
    if (openId.value === id) transcript.value = t
  }

  /** Takes in an interview the archive changed (its counts after a correction, its details). */
  function applyInterview(interview: Interview): void {
    records.items.value = records.items.value.map((i) => (i.id === interview.id ? interview : i))
  }

  /** Takes in what a correction saved: the segment in the open transcript, and the interview's counts. */
  function applySegmentEdit(result: SegmentEdit): void {
    const t = transcript.value
    if (t && t.id === result.interview.id) transcript.value = { ...t, segments: t.segments.map((s) => (s.id === result.segment.id ? result.segment : s)) }
    applyInterview(result.interview)
  }

  return { ...records, openId, transcript, loadingTranscript, focus, opened, filter, sort, shown, speakers, languages, sortBy, open, closeTranscript, reloadTranscript, applyInterview, applySegmentEdit }
})
