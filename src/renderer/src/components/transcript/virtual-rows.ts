// Windowing for a long transcript: only the rows around the scroll position are in the DOM, with
// padding above and below standing in for the rest. Heights start as estimates from each segment's
// length and become exact once a row has been on screen (a ResizeObserver measures it), so the
// scroll bar settles as the user reads. Short transcripts render whole.
import { computed, nextTick, onBeforeUnmount, ref, shallowRef, watch, type Directive, type Ref } from 'vue'
import { estimateRowHeight, prefixSums, rowAt, windowRows, type RowMetrics } from '../../stores/transcript-logic'

/** Below this many segments every row is rendered: cheap, and selection never meets an unmounted row. */
export const RENDER_ALL_BELOW = 150
/** Pixels of rows kept rendered above and below the viewport. */
const OVERSCAN = 900
/** Padding and the speaker line of a row, in pixels (styles.css: .segment, .segment-meta): measured 56px for one line of words. */
const ROW_CHROME = 34.5
const LINE_HEIGHT = 14 * 1.55
const CHAR_WIDTH = 7.1
/** The text's left indent and the row's horizontal padding. */
const TEXT_INSET = 58 + 24 + 3

export interface VirtualRows {
  first: Ref<number>
  last: Ref<number>
  padTop: Ref<number>
  padBottom: Ref<number>
  virtual: Ref<boolean>
  vMeasure: Directive<HTMLElement>
  onScroll: () => void
  scrollToIndex: (index: number, block?: ScrollLogicalPosition) => Promise<HTMLElement | null>
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

export function useVirtualRows(scroller: Ref<HTMLElement | null>, texts: Ref<readonly string[]>, resetKey: () => unknown): VirtualRows {
  let heights: Float64Array = new Float64Array(0)
  let measured: Uint8Array = new Uint8Array(0)
  const offsets = shallowRef<Float64Array>(new Float64Array(1))
  const scrollTop = ref(0)
  const viewport = ref(800)
  let width = 0
  /** The user is at the bottom: rows that turn out taller must not push the last one out of view. */
  let pinnedBottom = false

  const count = computed(() => texts.value.length)
  const virtual = computed(() => count.value >= RENDER_ALL_BELOW)

  const metrics = (): RowMetrics => ({ textWidth: Math.max(200, width - TEXT_INSET), charWidth: CHAR_WIDTH, lineHeight: LINE_HEIGHT, chrome: ROW_CHROME })

  /** Estimates every row not yet measured (all of them for a new transcript or a new width). */
  function estimate(keepMeasured: boolean): void {
    const n = count.value
    if (!keepMeasured || heights.length !== n) {
      heights = new Float64Array(n)
      measured = new Uint8Array(n)
    }
    const m = metrics()
    for (let i = 0; i < n; i++) if (!measured[i]) heights[i] = estimateRowHeight(texts.value[i] ?? '', m)
    offsets.value = prefixSums(heights)
  }

  const range = computed(() => {
    if (!virtual.value) return { first: 0, last: count.value - 1 }
    return windowRows(offsets.value, scrollTop.value, viewport.value, OVERSCAN)
  })
  // Separate computeds: a scroll that keeps the same rows re-renders nothing.
  const first = computed(() => range.value.first)
  const last = computed(() => range.value.last)
  const padTop = computed(() => (virtual.value ? (offsets.value[first.value] ?? 0) : 0))
  const padBottom = computed(() => {
    if (!virtual.value) return 0
    const total = offsets.value[count.value] ?? 0
    return Math.max(0, total - (offsets.value[last.value + 1] ?? total))
  })

  const rows = new ResizeObserver((entries) => {
    const el = scroller.value
    if (!el) return
    const top = rowAt(offsets.value, el.scrollTop)
    let changed = false
    let shift = 0
    for (const entry of entries) {
      const row = entry.target as HTMLElement
      const i = Number(row.dataset.segmentIndex)
      if (!Number.isInteger(i) || i < 0 || i >= heights.length || !row.isConnected) continue
      const h = entry.borderBoxSize?.[0]?.blockSize ?? row.getBoundingClientRect().height
      if (h <= 0) continue
      measured[i] = 1
      const delta = h - (heights[i] ?? 0)
      if (Math.abs(delta) < 0.5) continue
      heights[i] = h
      changed = true
      // A row above the one at the top grew or shrank: move by as much, so what is read stays put.
      if (i < top) shift += delta
    }
    if (!changed) return
    offsets.value = prefixSums(heights)
    if (!virtual.value) return
    if (pinnedBottom) el.scrollTop = el.scrollHeight
    else if (shift) el.scrollTop += shift
  })

  const frameObserver = new ResizeObserver(() => {
    const el = scroller.value
    if (!el) return
    viewport.value = el.clientHeight
    if (Math.abs(el.clientWidth - width) > 16) {
      width = el.clientWidth
      // Words wrap differently now: measured heights are stale, rendered rows will be measured again.
      measured.fill(0)
      estimate(true)
    }
  })

  watch(
    scroller,
    (el, old) => {
      if (old) frameObserver.unobserve(old)
      if (el) {
        width = el.clientWidth
        viewport.value = el.clientHeight
        frameObserver.observe(el)
        estimate(false)
      }
    },
    { immediate: true }
  )
  watch(resetKey, () => estimate(false))
  // A correction changes one text: keep what is measured, estimate the rest again.
  watch(texts, () => estimate(true))

  const vMeasure: Directive<HTMLElement> = {
    mounted: (el) => rows.observe(el),
    beforeUnmount: (el) => rows.unobserve(el)
  }

  function onScroll(): void {
    const el = scroller.value
    if (!el) return
    scrollTop.value = el.scrollTop
    pinnedBottom = el.scrollTop > 0 && el.scrollTop + el.clientHeight >= el.scrollHeight - 2
  }

  function rowElement(index: number): HTMLElement | null {
    return scroller.value?.querySelector<HTMLElement>(`[data-segment-index="${index}"]`) ?? null
  }

  /** Brings a row into view, rendering it first when it is outside the window; returns its element. */
  async function scrollToIndex(index: number, block: ScrollLogicalPosition = 'center'): Promise<HTMLElement | null> {
    const el = scroller.value
    if (!el || index < 0 || index >= count.value) return null
    // Twice: the first pass renders the rows and measures them, the second lands on exact heights.
    for (let pass = 0; pass < 3; pass++) {
      const row = rowElement(index)
      if (row) row.scrollIntoView({ block, inline: 'nearest' })
      else el.scrollTop = Math.max(0, (offsets.value[index] ?? 0) - el.clientHeight / 2)
      onScroll()
      await nextTick()
      await frame()
    }
    return rowElement(index)
  }

  onBeforeUnmount(() => {
    rows.disconnect()
    frameObserver.disconnect()
  })

  return { first, last, padTop, padBottom, virtual, vMeasure, onScroll, scrollToIndex }
}
