import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { MenuCommand } from '../../../shared/api/envelope'
import { useArchive } from './archive'
import { useInterviews } from './interviews'

/** Panels that float over the app, and the commands menus and shortcuts send. */
export const useUi = defineStore('ui', () => {
  const showShortcuts = ref(false)
  const showWelcome = ref(false)
  /** The section list, on a window too narrow to show it beside the content. */
  const navOpen = ref(false)
  const handlers = new Map<MenuCommand, () => void>()

  function on(command: MenuCommand, handler: () => void): void {
    handlers.set(command, handler)
  }

  /** Runs a command; false when nothing in the app handles it yet. */
  function run(command: MenuCommand): boolean {
    const handler = handlers.get(command)
    handler?.()
    return Boolean(handler)
  }

  /** The welcome card sits above the interview list: go there. */
  function openWelcome(): void {
    showWelcome.value = true
    useArchive().section = 'interviews'
    useInterviews().closeTranscript()
  }

  return { showShortcuts, showWelcome, navOpen, on, run, openWelcome }
})
