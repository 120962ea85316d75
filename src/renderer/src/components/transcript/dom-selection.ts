// The browser's text selection as positions in segment texts. A segment's words may be cut into
// several spans by highlights, so an offset is counted by walking the text nodes inside the
// segment's text element, never read from the one node the selection happens to end in.
import type { TextPoint } from '../../stores/transcript-logic'

const TEXT_SELECTOR = '.segment-text'

function indexOf(textEl: Element): number | null {
  const row = textEl.closest<HTMLElement>('[data-segment-index]')
  const index = Number(row?.dataset.segmentIndex)
  return Number.isInteger(index) && index >= 0 ? index : null
}

/** Characters of `textEl`'s words before the boundary point (node, offset); 0 or all when outside. */
export function offsetIn(textEl: Element, node: Node, offset: number): number {
  const doc = textEl.ownerDocument
  const whole = doc.createRange()
  whole.selectNodeContents(textEl)
  const walker = doc.createTreeWalker(textEl, NodeFilter.SHOW_TEXT)
  let total = 0
  const where = whole.comparePoint(node, offset)
  if (where < 0) return 0
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (where > 0) {
      total += t.length
      continue
    }
    if (t === node) return total + offset
    // A text node that ends at or before the point counts whole; the first one after it stops the walk.
    const point = doc.createRange()
    point.setStart(node, offset)
    if (point.comparePoint(t, t.length) <= 0) total += t.length
    else break
  }
  return total
}

/** The selection's two ends as segment positions, or null when it takes no words of the transcript. */
export function selectionPoints(list: HTMLElement, selection: Selection | null): [TextPoint, TextPoint] | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null
  const range = selection.getRangeAt(0)
  const touched = [...list.querySelectorAll(TEXT_SELECTOR)].filter((el) => range.intersectsNode(el))
  const first = touched[0]
  const last = touched.at(-1)
  if (!first || !last) return null
  const a = indexOf(first)
  const b = indexOf(last)
  if (a === null || b === null) return null
  return [
    { index: a, offset: offsetIn(first, range.startContainer, range.startOffset) },
    { index: b, offset: offsetIn(last, range.endContainer, range.endOffset) }
  ]
}

/** Puts the browser's selection on characters [from, to) of a segment's words (the keyboard's selection, shown). */
export function selectInText(textEl: Element, from: number, to: number): void {
  const doc = textEl.ownerDocument
  const selection = doc.getSelection()
  if (!selection) return
  if (to <= from) {
    selection.removeAllRanges()
    return
  }
  const walker = doc.createTreeWalker(textEl, NodeFilter.SHOW_TEXT)
  const range = doc.createRange()
  let seen = 0
  let started = false
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (!started && from <= seen + t.length) {
      range.setStart(t, from - seen)
      started = true
    }
    if (started && to <= seen + t.length) {
      range.setEnd(t, to - seen)
      selection.removeAllRanges()
      selection.addRange(range)
      return
    }
    seen += t.length
  }
}
