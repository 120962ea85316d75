import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useTranscript } from './transcript'
import { extendWordSelection, spanText, tidySelection, wordCount, type TextPoint, type TextSpan } from './transcript-logic'

/**
 * The words selected in the open transcript: from the mouse (the DOM selection, read and tidied
 * to whole words) or the keyboard (Shift+←/→ a word at a time inside the focused segment).
 */
export const useSelection = defineStore('selection', () => {
  const t = useTranscript()
  const selection = ref<TextSpan | null>(null)
  /** The keyboard's selection inside one segment: where it started and where it has moved to. */
  let keyboard: { index: number; anchor: number; focus: number } | null = null

  const selectionText = computed(() => (selection.value ? spanText(t.texts, selection.value) : ''))
  const selectionWords = computed(() => wordCount(selectionText.value))

  /** The selection as the DOM reports it (two points, either order), or null when there is none. */
  function select(a: TextPoint | null, b: TextPoint | null): void {
    const next = a && b ? tidySelection(t.texts, a, b) : null
    // The DOM echoing the keyboard's own selection keeps the keyboard's anchor; anything else starts over.
    if (keyboard && !(next && sameAs(next, keyboardSpan(keyboard)))) keyboard = null
    selection.value = next
  }

  function keyboardSpan(k: { index: number; anchor: number; focus: number }): TextSpan {
    return { start: { index: k.index, offset: Math.min(k.anchor, k.focus) }, end: { index: k.index, offset: Math.max(k.anchor, k.focus) } }
  }

  const sameAs = (a: TextSpan, b: TextSpan): boolean =>
    a.start.index === b.start.index && a.start.offset === b.start.offset && a.end.index === b.end.index && a.end.offset === b.end.offset

  /**
   * Shift+→ / Shift+← on a focused segment: the first press takes its first (or last) word, each
   * next one moves the selection's far end a word on, within the segment. Returns the new span.
   */
  function extendByWord(index: number, direction: 1 | -1): TextSpan | null {
    const text = t.texts[index]
    if (text === undefined) return null
    const current = keyboard && keyboard.index === index && selection.value && sameAs(selection.value, keyboardSpan(keyboard)) ? keyboard : null
    const moved = extendWordSelection(text, current ? { anchor: current.anchor, focus: current.focus } : null, direction)
    if (!moved) return null
    keyboard = { index, ...moved }
    const span = keyboardSpan(keyboard)
    selection.value = moved.anchor === moved.focus ? null : span
    return selection.value
  }

  /** The whole of one segment's words (Q with nothing selected). */
  function segmentSpan(index: number): TextSpan | null {
    const text = t.texts[index]
    if (!text?.trim()) return null
    return tidySelection(t.texts, { index, offset: 0 }, { index, offset: text.length })
  }

  function clear(): void {
    keyboard = null
    selection.value = null
  }

  return { selection, selectionText, selectionWords, select, extendByWord, segmentSpan, clear }
})
