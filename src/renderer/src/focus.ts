// Dialogs take the keyboard when they open, keep it while they are open (Tab cycles inside), and
// give it back to where it was when they close.
import { nextTick, onBeforeUnmount, onMounted, type Ref } from 'vue'

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])'

export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hidden && el.getClientRects().length > 0)
}

export interface FocusTrapOptions {
  /** Where the keyboard goes when the dialog opens; default the element marked `data-autofocus`, else the first control. */
  initial?: () => HTMLElement | null | undefined
  /** Where it goes back to when what had it before is gone (a deleted row); default nowhere. */
  fallback?: () => HTMLElement | null | undefined
}

/** Open traps, newest last: only the newest keeps the keyboard (a confirmation over a panel). */
const open: symbol[] = []

export function useFocusTrap(root: Ref<HTMLElement | null>, options: FocusTrapOptions = {}) {
  let returnTo: HTMLElement | null = null
  const me = Symbol('focus-trap')

  function onKeydown(e: KeyboardEvent): void {
    const el = root.value
    if (e.key !== 'Tab' || !el) return
    const list = focusables(el)
    const first = list[0]
    const last = list.at(-1)
    if (!first || !last) {
      e.preventDefault()
      return
    }
    const active = document.activeElement
    if (e.shiftKey && (active === first || !el.contains(active))) {
      last.focus()
      e.preventDefault()
    } else if (!e.shiftKey && (active === last || !el.contains(active))) {
      first.focus()
      e.preventDefault()
    }
  }

  /** Focus that wandered out (a click on the backdrop, a programmatic move) comes back in. */
  function onFocusIn(e: FocusEvent): void {
    const el = root.value
    if (open.at(-1) !== me) return
    if (el && e.target instanceof Node && !el.contains(e.target)) focusFirst()
  }

  /**
   * The keyboard's first place: what the dialog asks for, an element marked `data-autofocus`, else
   * its first control past the header (a dialog's close button is not where work starts).
   */
  function focusFirst(): void {
    const el = root.value
    if (!el) return
    const controls = focusables(el)
    const target =
      options.initial?.() ?? el.querySelector<HTMLElement>('[data-autofocus]') ?? controls.find((c) => !c.closest('header')) ?? controls[0] ?? el
    target.focus({ preventScroll: false })
  }

  onMounted(() => {
    returnTo = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
    open.push(me)
    root.value?.addEventListener('keydown', onKeydown)
    document.addEventListener('focusin', onFocusIn)
    // A dialog that put the keyboard somewhere itself (its search field) keeps it there.
    void nextTick(() => {
      if (!root.value?.contains(document.activeElement)) focusFirst()
    })
  })
  onBeforeUnmount(() => {
    open.splice(open.indexOf(me), 1)
    root.value?.removeEventListener('keydown', onKeydown)
    document.removeEventListener('focusin', onFocusIn)
    const back = returnTo?.isConnected ? returnTo : options.fallback?.()
    // After the dialog has gone from the page: focusing now would land in it.
    if (back) void nextTick(() => back.focus({ preventScroll: true }))
  })

  return { focusFirst }
}
