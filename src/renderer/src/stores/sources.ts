import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { OutputOf, SourceProfile } from '../../../shared/api/contract'
import type { Source } from '../../../shared/model'
import { api } from '../api'
import { useClaims } from './claims'
import { useHistory } from './history'
import { useInterviews } from './interviews'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { recordStore } from './records'
import { useTrash } from './trash'
import { filterSources, movedSummary, type SourceFilter, type SourcePatch } from './sources-logic'

type MergeResult = OutputOf<'sources.merge'>

/** The last merge made here, for the notice that offers to undo it. */
export interface MergeDone {
  mergeId: string
  fromName: string
  intoId: string
  intoName: string
  moved: MergeResult['moved']
  summary: string
  undone: boolean
}

/**
 * People and documents: the list and its filter, one person's profile (where they speak, what they
 * said, which claims rest on them), editing, deleting, and merging a duplicate into a person with its undo.
 */
export const useSources = defineStore('sources', () => {
  const records = recordStore('sources')
  const notices = useNotices()
  const history = useHistory()

  const filter = ref<SourceFilter>({ kind: '', naming: '', query: '' })
  const shown = computed(() => filterSources(records.items.value, filter.value))
  const unconfirmedCount = computed(() => records.items.value.filter((s) => s.kind === 'person' && s.naming === 'unconfirmed').length)

  // ——— one source's profile ———

  const openId = ref<string | null>(null)
  const profile = ref<SourceProfile | null>(null)
  const loadingProfile = ref(false)
  const openSource = computed(() => (openId.value ? records.byId.value.get(openId.value) : undefined))

  async function open(id: string): Promise<void> {
    openId.value = id
    merging.value = null
    await refreshProfile()
  }

  function close(): void {
    openId.value = null
    profile.value = null
    merging.value = null
  }

  async function refreshProfile(): Promise<void> {
    const id = openId.value
    if (!id) return
    loadingProfile.value = true
    try {
      const p = await notices.attempt(() => api.call('sources.profile', { id }))
      if (openId.value === id) profile.value = p ?? null
    } finally {
      loadingProfile.value = false
    }
  }

  async function add(input: { kind: Source['kind']; name: string }): Promise<Source | undefined> {
    const created = await notices.attempt(() => records.create({ kind: input.kind, name: input.name }))
    if (created) await open(created.id)
    return created
  }

  /** Saves what the form changed; false (with the archive's reason shown) when it was refused. */
  async function save(id: string, patch: SourcePatch): Promise<boolean> {
    if (Object.keys(patch).length === 0) return true
    const saved = await notices.attempt(() => records.update(id, patch))
    if (!saved) return false
    if (profile.value?.source.id === id) profile.value = { ...profile.value, source: saved }
    notices.push('info', `${saved.name}: saved.`)
    return true
  }

  /** The one-click decision for a person import found: how they may be named. */
  function decideNaming(id: string, naming: Source['naming'], anonymousAs?: string): Promise<boolean> {
    return save(id, { naming, ...(anonymousAs !== undefined ? { anonymousAs } : {}) })
  }

  /**
   * Deletes a person or document, asking first with what points at them (speaker links, evidence,
   * image credits). The trash's reload closes the profile if it was theirs; undo lists them again.
   */
  function deleteSource(id: string): Promise<boolean> {
    const source = records.byId.value.get(id)
    return source ? useTrash().deleteWithUndo('sources', id, source.name, source.kind === 'document' ? 'document' : 'person') : Promise.resolve(false)
  }

  // ——— merging a duplicate into the open person ———

  /** The duplicate picked to merge into the open source, with what would move. */
  const merging = ref<{ fromId: string; preview: SourceProfile | null } | null>(null)
  const lastMerge = ref<MergeDone | null>(null)
  const busy = ref(false)
  /** Merges already taken back (by a button), so that Mod+Z does not try again. */
  const undoneMerges = new Set<string>()

  /** Others of the same kind the open source could absorb. */
  const mergeCandidates = computed(() => {
    const into = openSource.value
    if (!into) return []
    return records.items.value.filter((s) => s.id !== into.id && s.kind === into.kind).sort((a, b) => a.name.localeCompare(b.name))
  })

  async function pickDuplicate(fromId: string): Promise<void> {
    if (!fromId) {
      merging.value = null
      return
    }
    merging.value = { fromId, preview: null }
    const preview = await notices.attempt(() => api.call('sources.profile', { id: fromId }))
    if (merging.value?.fromId === fromId) merging.value = { fromId, preview: preview ?? null }
  }

  function cancelMerge(): void {
    merging.value = null
  }

  /**
   * Merges the picked duplicate into the open person. Undo (the button on the result, a merge
   * listed on the profile, or Mod+Z) calls sources.unmerge, which moves exactly that back.
   */
  async function merge(): Promise<boolean> {
    const into = openSource.value
    const fromId = merging.value?.fromId
    const from = fromId ? records.byId.value.get(fromId) : undefined
    if (!into || !from) return false
    let done: MergeDone | null = null
    const ok = await history.perform({
      label: `Merge “${from.name}” into ${into.name}`,
      redo: async () => {
        const result = await api.call('sources.merge', { from: from.id, into: into.id })
        done = { mergeId: result.mergeId, fromName: from.name, intoId: into.id, intoName: into.name, moved: result.moved, summary: movedSummary(result.moved), undone: false }
        lastMerge.value = done
        await peopleChanged()
      },
      undo: async () => {
        if (done && !undoneMerges.has(done.mergeId)) await unmerge(done.mergeId)
      }
    })
    if (ok) merging.value = null
    return ok
  }

  /** Takes a merge back: the person returns with their own id, and what moved moves back. */
  async function unmerge(mergeId: string): Promise<boolean> {
    busy.value = true
    try {
      const result = await notices.attempt(() => api.call('sources.unmerge', { mergeId }))
      if (!result) return false
      undoneMerges.add(mergeId)
      if (lastMerge.value?.mergeId === mergeId) lastMerge.value = { ...lastMerge.value, undone: true }
      notices.push('info', `Merge undone: ${result.source.name} is a person of their own again.`)
      await peopleChanged()
      return true
    } finally {
      busy.value = false
    }
  }

  /**
   * A merge moved speakers, quotes and evidence between people: every list that shows who said
   * what is read again (merges are rare, and these lists are what the editor looks at next).
   */
  async function peopleChanged(): Promise<void> {
    const interviews = useInterviews()
    await Promise.all([records.load(), useQuotes().load(), interviews.load(), useClaims().reload(), interviews.reloadTranscript()])
    if (openId.value && !records.byId.value.has(openId.value)) close()
    else await refreshProfile()
  }

  /** The list, and the open profile: the app calls this at start, after an import and after a restore. */
  async function load(): Promise<void> {
    await records.load()
    if (openId.value && !records.byId.value.has(openId.value)) close()
    else await refreshProfile()
  }

  return {
    ...records,
    load,
    filter,
    shown,
    unconfirmedCount,
    openId,
    openSource,
    profile,
    loadingProfile,
    open,
    close,
    refreshProfile,
    add,
    save,
    decideNaming,
    deleteSource,
    merging,
    mergeCandidates,
    lastMerge,
    busy,
    pickDuplicate,
    cancelMerge,
    merge,
    unmerge,
    peopleChanged
  }
})
