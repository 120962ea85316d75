// The draft editor's few touches of the page itself: going to a block, and what a drag carries
// (the clipboard is ../../clipboard.ts, saving a file ../../download.ts). Components call these; the drafts store never
// touches the DOM.

export const mimeOf = (format: 'md' | 'html'): string => (format === 'html' ? 'text/html;charset=utf-8' : 'text/markdown;charset=utf-8')

export const blockDomId = (sectionId: string, index: number): string => `block-${sectionId}-${index}`
export const sectionDomId = (sectionId: string): string => `section-${sectionId}`

/** Brings a block (or its section) into view and puts the focus on it, for a problem's link. */
export function goToBlock(sectionId: string | undefined, index: number | undefined): void {
  if (!sectionId) return
  const el = document.getElementById(index !== undefined && index >= 0 ? blockDomId(sectionId, index) : sectionDomId(sectionId))
  if (!el) return
  el.scrollIntoView({ block: 'center', behavior: 'smooth' })
  el.focus({ preventScroll: true })
  el.classList.remove('flash')
  void el.offsetWidth
  el.classList.add('flash')
}

/** What a drag carries: a saved quote, a block of the draft, or a section. */
export const DRAG = {
  quote: 'application/x-verbatim-quote',
  block: 'application/x-verbatim-block',
  section: 'application/x-verbatim-section'
} as const

export function dragKind(e: DragEvent): keyof typeof DRAG | null {
  const types = e.dataTransfer?.types ?? []
  if (types.includes(DRAG.quote)) return 'quote'
  if (types.includes(DRAG.block)) return 'block'
  if (types.includes(DRAG.section)) return 'section'
  return null
}

/** Where a dragged block came from, read back from the drag's data (null when it is not one). */
export function draggedBlock(data: DataTransfer): { sectionId: string; index: number } | null {
  try {
    const at = JSON.parse(data.getData(DRAG.block)) as unknown
    if (at && typeof at === 'object' && typeof (at as { sectionId?: unknown }).sectionId === 'string' && Number.isInteger((at as { index?: unknown }).index)) {
      return { sectionId: (at as { sectionId: string }).sectionId, index: (at as { index: number }).index }
    }
  } catch {
    // Not a drag this editor started.
  }
  return null
}

/** Dropped on the upper or the lower half of an element: before it or after it. */
export function dropSide(e: DragEvent): 'before' | 'after' {
  const box = (e.currentTarget as HTMLElement).getBoundingClientRect()
  return e.clientY < box.top + box.height / 2 ? 'before' : 'after'
}

/** Keeps the focus where it was across a move: Vue moves the element, and a moved element loses focus. */
export async function keepFocus(action: () => unknown, after: () => Promise<void>): Promise<void> {
  const active = document.activeElement as HTMLElement | null
  await action()
  await after()
  if (active && active.isConnected && document.activeElement !== active) active.focus({ preventScroll: false })
}

/** Puts the focus in a block's first field (or on the block), e.g. after it was added or moved. */
export function focusBlock(sectionId: string, index: number): void {
  const el = document.getElementById(blockDomId(sectionId, index))
  if (!el) return
  const field = el.querySelector<HTMLElement>('.block-body textarea, .block-body input, .block-body select, .block-body button')
  ;(field ?? el).focus()
}
