import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { InputOf, OutputOf } from '../../../shared/api/contract'
import type { Source } from '../../../shared/model'
import { api } from '../api'
import { useClaims } from './claims'
import { useHistory } from './history'
import { useInterviews } from './interviews'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useSources } from './sources'
import { matchesQuery } from './sources-logic'

type Reassign = InputOf<'speakers.reassign'>

/** The small menu on a speaker's name in a transcript row. */
export interface SpeakerMenuState {
  interviewId: string
  index: number
  segmentId: string
  speaker: string
  sourceId?: string
  x: number
  y: number
  mode: 'menu' | 'rename' | 'assign'
}

/**
 * Renaming a speaker across a transcript, or saying which person they are, through
 * speakers.reassign. Each is one undoable step: undo puts every changed segment back to the label
 * and person it had.
 */
export const useSpeakers = defineStore('speakers', () => {
  const interviews = useInterviews()
  const sources = useSources()
  const notices = useNotices()
  const history = useHistory()

  const menu = ref<SpeakerMenuState | null>(null)
  const query = ref('')
  /** Only the segment the menu was opened on, not every segment with that label. */
  const onlyThis = ref(false)

  const segments = computed(() => interviews.transcript?.segments ?? [])
  /** How many segments of this transcript the label is on. */
  const labelCount = computed(() => (menu.value ? segments.value.filter((s) => s.speaker === menu.value?.speaker).length : 0))
  const person = computed(() => (menu.value?.sourceId ? sources.byId.get(menu.value.sourceId) : undefined))

  /** People to assign the speaker to: those whose name or alias matches what is typed. */
  const candidates = computed<Source[]>(() =>
    sources.items
      .filter((s) => s.kind === 'person' && matchesQuery(s, query.value))
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, 12)
  )

  function open(index: number, x: number, y: number): boolean {
    const t = interviews.transcript
    const s = t?.segments[index]
    if (!t || !s) return false
    menu.value = { interviewId: t.id, index, segmentId: s.id, speaker: s.speaker, ...(s.sourceId ? { sourceId: s.sourceId } : {}), x, y, mode: 'menu' }
    query.value = ''
    onlyThis.value = false
    return true
  }

  /** Opens the menu under a speaker's name, kept inside the window. */
  function openAt(index: number, under: DOMRect): boolean {
    const x = Math.max(8, Math.min(under.left, window.innerWidth - 340))
    const y = Math.max(8, Math.min(under.bottom + 4, window.innerHeight - 380))
    return open(index, x, y)
  }

  function close(): void {
    menu.value = null
  }

  // Another transcript: the menu belonged to the one before.
  watch(
    () => interviews.transcript?.id,
    () => close()
  )

  function setMode(mode: SpeakerMenuState['mode']): void {
    if (menu.value) menu.value = { ...menu.value, mode }
  }

  /** Renames the speaker; with `keepPerson` the segments stay linked to the person they were. */
  function rename(label: string, keepPerson: boolean): Promise<boolean> {
    const m = menu.value
    const name = label.trim().replace(/\s+/g, ' ')
    if (!m) return Promise.resolve(false)
    if (!name) {
      notices.push('error', 'A speaker needs a name.')
      return Promise.resolve(false)
    }
    if (name === m.speaker && !keepPerson) return Promise.resolve(true)
    return change(`Rename speaker “${m.speaker}” to “${name}”`, { rename: name, ...(keepPerson && m.sourceId ? { sourceId: m.sourceId } : {}) })
  }

  function assign(sourceId: string): Promise<boolean> {
    const m = menu.value
    const who = sources.byId.get(sourceId)
    if (!m || !who) return Promise.resolve(false)
    return change(`Assign “${m.speaker}” to ${who.name}`, { sourceId })
  }

  /**
   * One reassign as an undoable step. The segments it touches are fixed now, so redo changes the
   * same ones and undo gives each back its label and person.
   */
  async function change(label: string, what: Pick<Reassign, 'rename' | 'sourceId'>): Promise<boolean> {
    const m = menu.value
    if (!m) return false
    const touched = segments.value.filter((s) => s.speaker === m.speaker && (!onlyThis.value || s.id === m.segmentId))
    if (!touched.length) return false
    const ids = touched.map((s) => s.id)
    const newLabel = what.rename ?? m.speaker
    // Undo: one call per person the segments pointed at before.
    const groups = new Map<string, string[]>()
    for (const s of touched) groups.set(s.sourceId ?? '', [...(groups.get(s.sourceId ?? '') ?? []), s.id])
    const ok = await history.perform({
      label,
      redo: async () => {
        await apply({ interviewId: m.interviewId, speaker: m.speaker, segmentIds: ids, ...what })
      },
      undo: async () => {
        for (const [sourceId, segmentIds] of groups) {
          await apply({
            interviewId: m.interviewId,
            speaker: newLabel,
            segmentIds,
            ...(sourceId ? { sourceId } : {}),
            ...(newLabel !== m.speaker || !sourceId ? { rename: m.speaker } : {})
          })
        }
      }
    })
    if (ok) {
      notices.push('info', `${label}: ${touched.length} segment${touched.length === 1 ? '' : 's'}.`)
      close()
    }
    return ok
  }

  /** Calls the archive, then brings the transcript, its quotes, the people and their claims up to date. */
  async function apply(input: Reassign): Promise<OutputOf<'speakers.reassign'>> {
    const result = await api.call('speakers.reassign', input)
    interviews.items = interviews.items.map((i) => (i.id === result.interview.id ? result.interview : i))
    useQuotes().replace(result.quotes)
    const [transcript] = await Promise.all([api.call('transcript.get', { id: input.interviewId }), sources.load()])
    if (interviews.transcript?.id === transcript.id) interviews.transcript = transcript
    await useClaims().refreshForQuotes(result.quotes.map((q) => q.id))
    return result
  }

  return { menu, query, onlyThis, labelCount, person, candidates, open, openAt, close, setMode, rename, assign }
})
