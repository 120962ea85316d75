import { defineStore } from 'pinia'
import { ref } from 'vue'

/** A button a notice offers: "Undo" after a delete. */
export interface NoticeAction {
  label: string
  run: () => void | Promise<void>
}

export interface Notice {
  id: number
  kind: 'error' | 'info'
  text: string
  action?: NoticeAction
}

/** What the app tells the user: saved, not saved and why, restored from a backup. */
export const useNotices = defineStore('notices', () => {
  const items = ref<Notice[]>([])
  let next = 1

  function push(kind: Notice['kind'], text: string, ms = kind === 'error' ? 12_000 : 4_000, action?: NoticeAction): void {
    const id = next++
    items.value.push({ id, kind, text, ...(action ? { action } : {}) })
    setTimeout(() => dismiss(id), ms)
  }

  function dismiss(id: number): void {
    items.value = items.value.filter((n) => n.id !== id)
  }

  /** Runs a notice's button, once: the notice goes. */
  async function act(notice: Notice): Promise<void> {
    dismiss(notice.id)
    await notice.action?.run()
  }

  /** Runs an action and turns its failure into a notice instead of an unhandled rejection. */
  async function attempt<T>(action: () => Promise<T>): Promise<T | undefined> {
    try {
      return await action()
    } catch (e) {
      push('error', e instanceof Error ? e.message : String(e))
      return undefined
    }
  }

  return { items, push, dismiss, act, attempt }
})
