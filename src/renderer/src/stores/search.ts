import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { SearchHit } from '../../../shared/search'
import { api } from '../api'
import { useArchive } from './archive'
import { useInterviews, type TranscriptFocus } from './interviews'
import { useNotices } from './notices'
import { useQuotes } from './quotes'

const DEBOUNCE_MS = 60
/** Results asked for at once; a list that reaches it says it was cut. */
export const SEARCH_LIMIT = 50

/** Search as you type: one request in flight at a time, and an answer to an old query is dropped. */
export const useSearch = defineStore('search', () => {
  const query = ref('')
  const hits = ref<SearchHit[]>([])
  const busy = ref(false)
  const open = ref(false)
  /** The answer reached the limit: there may be more than is shown. */
  const cut = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  function type(text: string): void {
    query.value = text
    open.value = true
    clearTimeout(timer)
    timer = setTimeout(() => void run(), DEBOUNCE_MS)
  }

  async function run(): Promise<void> {
    const ticket = ++asked
    const text = query.value.trim()
    if (!text) {
      hits.value = []
      cut.value = false
      return
    }
    busy.value = true
    try {
      const answer = await api.call('search.query', { query: text, limit: SEARCH_LIMIT })
      if (ticket === asked) {
        hits.value = answer.hits
        cut.value = answer.hits.length >= SEARCH_LIMIT
      }
    } catch (e) {
      if (ticket === asked) useNotices().push('error', e instanceof Error ? e.message : String(e))
    } finally {
      if (ticket === asked) busy.value = false
    }
  }

  /** Takes the user to what a hit found: the segment in its transcript, the quote, the source. */
  async function go(hit: SearchHit): Promise<void> {
    open.value = false
    const archive = useArchive()
    const interviews = useInterviews()
    if (hit.kind === 'source') {
      archive.section = 'sources'
      return
    }
    const interviewId = hit.interviewId ?? (hit.kind === 'interview' ? hit.id : undefined)
    if (!interviewId) return
    // The segment to land on, and the words the search found there (marked in the transcript).
    let focus: TranscriptFocus | null = hit.segmentIndex !== undefined ? { index: hit.segmentIndex, flash: true, ranges: hit.highlights } : null
    if (hit.kind === 'quote') {
      const quote = useQuotes().byId.get(hit.id)
      const transcript = await api.call('transcript.get', { id: interviewId })
      const at = transcript.segments.findIndex((s) => s.id === quote?.start.segmentId)
      // A quote within one segment: its words' places, moved by where the quote starts.
      const shift = quote && quote.start.segmentId === quote.end.segmentId ? quote.start.offset : null
      const ranges = shift === null ? [] : hit.highlights.map((r) => ({ start: r.start + shift, end: r.end + shift }))
      focus = at >= 0 ? { index: at, flash: true, ranges } : null
    }
    if (hit.kind === 'interview') focus = { index: 0, flash: false }
    archive.section = 'interviews'
    await useNotices().attempt(() => interviews.open(interviewId, focus))
  }

  return { query, hits, busy, open, cut, type, run, go }
})
