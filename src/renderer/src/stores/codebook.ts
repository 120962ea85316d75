import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { suggestDuplicates, tagTree } from '../../../shared/codebook'
import type { Tag } from '../../../shared/model'
import { plural } from '../../../shared/words'
import { api } from '../api'
import { useConfirm } from './confirm'
import { useHistory } from './history'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useTags } from './records'
import { cleanTagName, tagNamed, type TagOption } from './transcript-logic'
import { useTrash } from './trash'

type Usage = Record<string, { quotes: number; segments: number }>

/** Managing the archive's tags: the tree, what uses each, new tags, renames, merges, likely duplicates. */
export const useCodebook = defineStore('codebook', () => {
  const tags = useTags()
  const usage = ref<Usage>({})
  const tree = computed(() => tagTree(tags.items))
  const duplicates = computed(() => suggestDuplicates(tags.items))

  async function loadUsage(): Promise<void> {
    usage.value = await api.call('tags.usage', {})
  }

  /**
   * Makes a new tag as one undoable step; the archive gives it the palette colour its tags use
   * least. Undo puts it in the trash, redo brings the same tag back. Its id, or null.
   */
  async function createTag(name: string): Promise<string | null> {
    let id: string | null = null
    let trashId: string | null = null
    const ok = await useHistory().perform({
      label: `Create tag “${name}”`,
      redo: async () => {
        if (trashId) {
          await api.call('trash.restore', { id: trashId })
          await Promise.all([tags.load(), useQuotes().load()])
        } else id = (await tags.create({ name })).id
      },
      undo: async () => {
        if (!id) return
        trashId = (await tags.remove(id)).trashId
        await useQuotes().load()
      }
    })
    return ok ? id : null
  }

  /** The tag a picker's option means: the one chosen, the one of that name, or a new one. */
  async function tagFor(option: TagOption): Promise<string | null> {
    if (option.kind === 'tag') return option.tag.id
    const name = cleanTagName(option.name)
    if (!name) return null
    return tagNamed(tags.items, name)?.id ?? createTag(name)
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
    const uses = n ? `${plural(n.quotes, 'quote')} and ${plural(n.segments, 'transcript segment')}` : 'Everything that carries it'
    const ok = await useConfirm().ask({
      title: `Merge “${from.name}” into “${into.name}”?`,
      message: `${uses} will carry “${into.name}” instead, and “${from.name}” is removed. A merge cannot be undone.`,
      confirm: 'Merge tags'
    })
    if (!ok) return
    const result = await useNotices().attempt(() => api.call('tags.merge', { from: from.id, into: into.id }))
    if (!result) return
    useNotices().push('info', `Merged “${from.name}” into “${into.name}”: ${plural(result.moved.quotes, 'quote')}, ${plural(result.moved.segments, 'segment')}.`)
    await Promise.all([tags.load(), useQuotes().load(), loadUsage()])
  }

  /** Deletes a tag after asking; undo puts it back on every quote and segment that carried it. */
  async function remove(tag: Tag): Promise<void> {
    await useTrash().deleteWithUndo('tags', tag.id, tag.name)
  }

  return { usage, tree, duplicates, loadUsage, createTag, tagFor, edit, merge, remove }
})
