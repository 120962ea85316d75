import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useNotices } from './notices'

export interface HistoryEntry {
  /** What the Edit menu and the notice call it: "Correct segment", "Tag quote". */
  label: string
  undo: () => Promise<void>
  redo: () => Promise<void>
}

/**
 * Undo and redo for archive edits. Every edit is saved at once; undoing one is another save that
 * puts the old value back, so the archive on disk is always what the screen shows.
 */
export const useHistory = defineStore('history', () => {
  const past = ref<HistoryEntry[]>([])
  const future = ref<HistoryEntry[]>([])
  const busy = ref(false)
  const notices = useNotices()

  /** Runs an edit and remembers how to take it back. */
  async function perform(entry: HistoryEntry): Promise<boolean> {
    const ok = await step(entry.redo)
    if (ok) {
      past.value = [...past.value.slice(-199), entry]
      future.value = []
    }
    return ok
  }

  async function step(action: () => Promise<void>): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    try {
      await action()
      return true
    } catch (e) {
      notices.push('error', e instanceof Error ? e.message : String(e))
      return false
    } finally {
      busy.value = false
    }
  }

  async function undo(): Promise<void> {
    const entry = past.value.at(-1)
    if (!entry) return notices.push('info', 'Nothing to undo.')
    if (await step(entry.undo)) {
      past.value = past.value.slice(0, -1)
      future.value = [...future.value, entry]
      notices.push('info', `Undone: ${entry.label}`)
    }
  }

  async function redo(): Promise<void> {
    const entry = future.value.at(-1)
    if (!entry) return notices.push('info', 'Nothing to redo.')
    if (await step(entry.redo)) {
      future.value = future.value.slice(0, -1)
      past.value = [...past.value, entry]
      notices.push('info', `Redone: ${entry.label}`)
    }
  }

  const canUndo = computed(() => past.value.length > 0)
  const canRedo = computed(() => future.value.length > 0)

  return { past, future, busy, perform, undo, redo, canUndo, canRedo }
})
