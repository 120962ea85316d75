import { defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Transcript } from '../../../shared/api/contract'
import { api } from '../api'
import { recordStore } from './records'

export const useInterviews = defineStore('interviews', () => {
  const records = recordStore('interviews')
  const openId = ref<string | null>(null)
  // A transcript can hold thousands of segments: no deep reactivity on them.
  const transcript = shallowRef<Transcript | null>(null)
  const loadingTranscript = ref(false)
  /** The segment to bring into view when the transcript opens (from a search hit or a quote). */
  const focusIndex = ref<number | null>(null)

  async function open(id: string, focus: number | null = null): Promise<void> {
    openId.value = id
    focusIndex.value = focus
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

  return { ...records, openId, transcript, loadingTranscript, focusIndex, open, closeTranscript }
})
