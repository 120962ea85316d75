import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { useNotices } from './notices'

export interface HistoryEntry {
  /** What the Edit menu and the notice call it: "Correct segment", "Tag quote". */
  label: string
  undo: () => Promise<void>
  redo: () => Promise<void>
}

/**
 * Undo and redo for archive edits. Every edit is saved at once; undoing one is another save that
 * puts the old value back, so the archive on disk is always what the screen shows. Steps run one
 * at a time in the order they were asked for: an edit, undo or redo that arrives while another
 * is saving waits its turn, never dropped.
 */
export const useHistory = defineStore('history', () => {
  // Shallow: the entries hold functions and stay the very objects that were given (undoEntry finds them).
  const past = shallowRef<HistoryEntry[]>([])
  const future = shallowRef<HistoryEntry[]>([])
  const pending = ref(0)
  const busy = computed(() => pending.value > 0)
  const notices = useNotices()
  let queue: Promise<unknown> = Promise.resolve()

  /** Runs `job` after every step asked for before it. */
  function enqueue<T>(job: () => Promise<T>): Promise<T> {
    pending.value++
    const run = queue.then(job, job).finally(() => pending.value--)
    queue = run.catch(() => undefined)
    return run
  }

  async function step(action: () => Promise<void>): Promise<boolean> {
    try {
      await action()
      return true
    } catch (e) {
      notices.push('error', e instanceof Error ? e.message : String(e))
      return false
    }
  }

  /** Runs an edit and remembers how to take it back. */
  function perform(entry: HistoryEntry): Promise<boolean> {
    return enqueue(async () => {
      const ok = await step(entry.redo)
      if (ok) {
        past.value = [...past.value.slice(-199), entry]
        future.value = []
      }
      return ok
    })
  }

  function undo(): Promise<void> {
    return enqueue(async () => {
      const entry = past.value.at(-1)
      if (!entry) return notices.push('info', 'Nothing to undo.')
      if (await step(entry.undo)) {
        past.value = past.value.slice(0, -1)
        future.value = [...future.value, entry]
        notices.push('info', `Undone: ${entry.label}`)
      }
    })
  }

  function redo(): Promise<void> {
    return enqueue(async () => {
      const entry = future.value.at(-1)
      if (!entry) return notices.push('info', 'Nothing to redo.')
      if (await step(entry.redo)) {
        future.value = future.value.slice(0, -1)
        past.value = [...past.value, entry]
        notices.push('info', `Redone: ${entry.label}`)
      }
    })
  }

  /**
   * Takes back one particular step (a notice's Undo button), even when others came after it:
   * those stay done, and redo can bring this one back.
   */
  function undoEntry(entry: HistoryEntry): Promise<void> {
    return enqueue(async () => {
      if (!past.value.includes(entry)) return
      if (await step(entry.undo)) {
        past.value = past.value.filter((e) => e !== entry)
        future.value = [...future.value, entry]
        notices.push('info', `Undone: ${entry.label}`)
      }
    })
  }

  const canUndo = computed(() => past.value.length > 0)
  const canRedo = computed(() => future.value.length > 0)

  return { past, future, busy, perform, undo, redo, undoEntry, canUndo, canRedo }
})
