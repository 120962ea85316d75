import { defineStore } from 'pinia'
import { shallowRef } from 'vue'

/** A question the app asks before it acts: in its own dialog, never the browser's. */
export interface ConfirmRequest {
  title: string
  /** What happens, in a sentence or two. */
  message: string
  /** What goes with it, one line each ("3 quotes", the claims that lose evidence…). */
  details?: string[]
  /** The button that acts: "Delete interview". */
  confirm: string
  cancel?: string
  /** The act removes something: the button says so in colour. */
  danger?: boolean
}

interface Pending extends ConfirmRequest {
  resolve: (ok: boolean) => void
}

/** One question at a time; a second one answers the first with "no". */
export const useConfirm = defineStore('confirm', () => {
  const current = shallowRef<Pending | null>(null)

  function ask(request: ConfirmRequest): Promise<boolean> {
    current.value?.resolve(false)
    return new Promise((resolve) => {
      current.value = { ...request, resolve }
    })
  }

  function answer(ok: boolean): void {
    const pending = current.value
    current.value = null
    pending?.resolve(ok)
  }

  return { current, ask, answer }
})
