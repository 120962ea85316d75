// Windowing for a long transcript with @tanstack/vue-virtual: only the rows around the scroll
// position are in the DOM, with padding above and below standing in for the rest. A row's height
// starts as an estimate from its words and becomes exact once it has been on screen; measured
// heights are kept by segment id, not by place, so a segment added or removed above does not
// throw them away. Short transcripts render whole.
import { useVirtualizer } from '@tanstack/vue-virtual'
import { computed, nextTick, onBeforeUnmount, watch, type Directive, type Ref } from 'vue'
import type { Segment } from '../../../../shared/model'
import { estimateRowHeight, type RowMetrics } from '../../stores/transcript-logic'

/** Below this many segments every row is rendered: cheap, and selection never meets an unmounted row. */
export const RENDER_ALL_BELOW = 150
/** Rows kept rendered above and below the viewport. */
const OVERSCAN = 10
/** Padding and the speaker line of a row, in pixels (styles.css: .segment, .segment-meta): measured 56px for one line of words. */
const ROW_CHROME = 34.5
const LINE_HEIGHT = 14 * 1.55
const CHAR_WIDTH = 7.1
/** The text's left indent and the row's horizontal padding. */
const TEXT_INSET = 58 + 24 + 3

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))

export function useTranscriptWindow(scroller: Ref<HTMLElement | null>, segments: Ref<readonly Segment[]>) {
  const count = computed(() => segments.value.length)
  const virtual = computed(() => count.value >= RENDER_ALL_BELOW)
  let width = 0
  const metrics = (): RowMetrics => ({ textWidth: Math.max(200, width - TEXT_INSET), charWidth: CHAR_WIDTH, lineHeight: LINE_HEIGHT, chrome: ROW_CHROME })

  const virtualizer = useVirtualizer<HTMLElement, HTMLElement>(
    computed(() => ({
      count: count.value,
      enabled: virtual.value,
      getScrollElement: () => scroller.value,
      estimateSize: (i: number) => estimateRowHeight(segments.value[i]?.text ?? '', metrics()),
      getItemKey: (i: number) => segments.value[i]?.id ?? i,
      overscan: OVERSCAN,
      indexAttribute: 'data-segment-index'
    }))
  )

  const items = computed(() => (virtual.value ? virtualizer.value.getVirtualItems() : []))
  const first = computed(() => (virtual.value ? (items.value[0]?.index ?? 0) : 0))
  const last = computed(() => (virtual.value ? (items.value.at(-1)?.index ?? -1) : count.value - 1))
  const padTop = computed(() => (virtual.value ? (items.value[0]?.start ?? 0) : 0))
  const padBottom = computed(() => (virtual.value ? Math.max(0, virtualizer.value.getTotalSize() - (items.value.at(-1)?.end ?? 0)) : 0))

  // Words wrap differently at another width: what was measured is stale, estimate again.
  const frameObserver = new ResizeObserver(() => {
    const el = scroller.value
    if (!el || Math.abs(el.clientWidth - width) <= 16) return
    width = el.clientWidth
    if (virtual.value) virtualizer.value.measure()
  })
  watch(
    scroller,
    (el, old) => {
      if (old) frameObserver.unobserve(old)
      if (el) {
        width = el.clientWidth
        frameObserver.observe(el)
      }
    },
    { immediate: true }
  )
  onBeforeUnmount(() => frameObserver.disconnect())

  /** Each rendered row reports its height (and again whenever it changes). */
  const vMeasure: Directive<HTMLElement> = {
    mounted: (el) => virtual.value && virtualizer.value.measureElement(el),
    updated: (el) => virtual.value && virtualizer.value.measureElement(el)
  }

  function rowElement(index: number): HTMLElement | null {
    return scroller.value?.querySelector<HTMLElement>(`[data-segment-index="${index}"]`) ?? null
  }

  /** Brings a row into view, rendering it first when it is outside the window; returns its element. */
  async function scrollToIndex(index: number, block: 'center' | 'nearest' = 'center'): Promise<HTMLElement | null> {
    if (!scroller.value || index < 0 || index >= count.value) return null
    if (virtual.value) {
      // More than once: the first pass renders and measures the rows, the next lands on exact heights.
      for (let pass = 0; pass < 3; pass++) {
        virtualizer.value.scrollToIndex(index, { align: block === 'nearest' ? 'auto' : 'center' })
        await nextTick()
        await frame()
      }
    }
    const row = rowElement(index)
    row?.scrollIntoView({ block, inline: 'nearest' })
    return row
  }

  return { first, last, padTop, padBottom, virtual, vMeasure, scrollToIndex }
}
