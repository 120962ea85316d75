import { defineStore } from 'pinia'
import { ref } from 'vue'
import { useSelection } from './selection'
import { useTranscriptMarks } from './transcript-marks'

/** Quotes shown in the small card over a highlight: where, which, and whether a click (or Enter) pinned it. */
export interface QuotePeek {
  ids: string[]
  x: number
  y: number
  pinned: boolean
  /** Opened from the keyboard: the card takes the keyboard and gives it back to the segment. */
  fromKeyboard?: boolean
}

const HIDE_AFTER_MS = 250

/** What floats over the transcript: the quote card over a highlight, the menu over a selection, and their timers. */
export const useTranscriptPopups = defineStore('transcript-popups', () => {
  const peek = ref<QuotePeek | null>(null)
  const menu = ref<{ x: number; y: number } | null>(null)
  let peekTimer: ReturnType<typeof setTimeout> | undefined

  function showPeek(ids: string[], x: number, y: number, pinned = false, fromKeyboard = false): void {
    clearTimeout(peekTimer)
    if (peek.value?.pinned && !pinned) return
    peek.value = { ids, x, y, pinned, ...(fromKeyboard ? { fromKeyboard } : {}) }
  }

  /** The keyboard's way to a segment's quotes: their card, pinned under the segment. */
  function peekSegment(index: number, x: number, y: number): boolean {
    const ids = useTranscriptMarks().quoteIdsAt(index)
    if (ids.length === 0) return false
    showPeek(ids, x, y, true, true)
    return true
  }

  function hidePeek(force = false): void {
    clearTimeout(peekTimer)
    if (force || !peek.value?.pinned) peek.value = null
  }

  /** Leaving a highlight hides its card after a moment, so the pointer can move onto the card. */
  function hidePeekSoon(): void {
    clearTimeout(peekTimer)
    peekTimer = setTimeout(() => hidePeek(), HIDE_AFTER_MS)
  }

  function keepPeek(): void {
    clearTimeout(peekTimer)
  }

  function openMenu(x: number, y: number): boolean {
    if (!useSelection().selection) return false
    menu.value = { x, y }
    return true
  }

  function closeMenus(): void {
    menu.value = null
    peek.value = null
  }

  function reset(): void {
    clearTimeout(peekTimer)
    closeMenus()
  }

  return { peek, menu, showPeek, peekSegment, hidePeek, hidePeekSoon, keepPeek, openMenu, closeMenus, reset }
})
