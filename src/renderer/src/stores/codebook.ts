import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { suggestDuplicates, tagTree } from '../../../shared/codebook'
import type { Tag } from '../../../shared/model'
import { api } from '../api'
import { useHistory } from './history'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useTags } from './records'

type Usage = Record<string, { quotes: number; segments: number }>

/** Managing the archive's tags: the tree, what uses each, renames, merges, likely duplicates. */
export const useCodebook = defineStore('codebook', () => {
  const tags = useTags()
  const usage = ref<Usage>({})
  const tree = computed(() => tagTree(tags.items))
  const duplicates = computed(() => suggestDuplicates(tags.items))

  async function loadUsage(): Promise<void> {
    usage.value = await api.call('tags.usage', {})
  }

  /** Changes a tag's name, colour or description as one undoable step. */
  async function edit(tag: Tag, patch: Partial<Pick<Tag, 'name' | 'color' | 'description'>>): Promise<void> {
    const before = { name: tag.name, color: tag.color, description: tag.description ?? '' }
    let basedOn = tag.updatedAt
    await useHistory().perform({
      label: patch.name ? `Rename tag “${before.name}”` : `Edit tag “${before.name}”`,
      // Undo and redo each save over the version the step before saved: never over a change made elsewhere.
      redo: async () => void (basedOn = (await tags.update(tag.id, patch, basedOn)).updatedAt),
      undo: async () => void (basedOn = (await tags.update(tag.id, before, basedOn)).updatedAt)
    })
  }

  /** Moves every use of one tag onto another and removes it. Asks first: a merge cannot be undone. */
  async function merge(from: Tag, into: Tag): Promise<void> {
    const n = usage.value[from.id]
    const uses = n ? `${n.quotes} quotes and ${n.segments} transcript segments` : 'its uses'
    if (!window.confirm(`Merge “${from.name}” into “${into.name}”? ${uses} will carry “${into.name}” instead, and “${from.name}” is removed. This cannot be undone.`)) return
    const result = await useNotices().attempt(() => api.call('tags.merge', { from: from.id, into: into.id }))
    if (!result) return
    useNotices().push('info', `Merged “${from.name}” into “${into.name}”: ${result.moved.quotes} quotes, ${result.moved.segments} segments.`)
    await Promise.all([tags.load(), useQuotes().load(), loadUsage()])
  }

  async function remove(tag: Tag): Promise<void> {
    const n = usage.value[tag.id] ?? { quotes: 0, segments: 0 }
    const what = n.quotes || n.segments ? ` It is on ${n.quotes} quotes and ${n.segments} transcript segments; they keep everything else.` : ''
    if (!window.confirm(`Delete the tag “${tag.name}”?${what} This cannot be undone.`)) return
    if (await useNotices().attempt(() => tags.remove(tag.id))) {
      await Promise.all([useQuotes().load(), loadUsage()])
    }
  }

  return { usage, tree, duplicates, loadUsage, edit, merge, remove }
})
