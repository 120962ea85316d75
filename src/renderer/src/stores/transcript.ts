import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { quoteTextOf } from '../../../shared/anchor'
import type { SegmentEdit } from '../../../shared/api/contract'
import type { Anchor, Quote } from '../../../shared/model'
import { api } from '../api'
import { formatTime } from '../format'
import { useHistory } from './history'
import { useInterviews } from './interviews'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useClaims } from './claims'
import { useDrafts } from './drafts'
import { useTags } from './records'
import {
  changeParts,
  cleanTagName,
  colourForNewTag,
  marksBySegment,
  spanText,
  tagNamed,
  tagOptions,
  tidySelection,
  wordCount,
  type TagOption,
  type TextPoint,
  type TextSpan
} from './transcript-logic'

/** A quote being made: the words, fixed when the panel opened, and what the editor adds to them. */
export interface QuoteDraft {
  interviewId: string
  start: Anchor
  end: Anchor
  startIndex: number
  endIndex: number
  text: string
  /** Speakers of the off-the-record segments the words reach into: the panel warns before saving. */
  offRecord: { index: number; speaker: string; time: string }[]
  tagIds: string[]
  note: string
}

export interface SegmentEditing {
  index: number
  segmentId: string
  draft: string
}

/** Quotes shown in the small card over a highlight: where, which, and whether a click pinned it. */
export interface QuotePeek {
  ids: string[]
  x: number
  y: number
  pinned: boolean
}

const FLASH_MS = 2200
/** The mark of the words a quote is being made of: not a saved quote, no card. */
export const DRAFT_MARK = 'draft'

/** The clipboard API, or where a window refuses it, the older copy command on a hidden field. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    const field = document.createElement('textarea')
    field.value = text
    field.setAttribute('readonly', '')
    field.style.position = 'fixed'
    field.style.opacity = '0'
    document.body.append(field)
    field.select()
    try {
      return document.execCommand('copy')
    } catch {
      return false
    } finally {
      field.remove()
    }
  }
}

/**
 * The open transcript's working state: what is selected, which segment has the keyboard, the
 * quote being made, the segment being corrected. Every edit goes through the history store, so
 * Mod+Z takes it back; components render this state and hand user actions to it.
 */
export const useTranscript = defineStore('transcript', () => {
  const interviews = useInterviews()
  const quotes = useQuotes()
  const tags = useTags()
  const history = useHistory()
  const notices = useNotices()

  const segments = computed(() => interviews.transcript?.segments ?? [])
  const interviewId = computed(() => interviews.transcript?.id ?? null)
  const interview = computed(() => (interviewId.value ? interviews.byId.get(interviewId.value) : undefined))
  const texts = computed(() => segments.value.map((s) => s.text))
  /** Segment id → index; the first of a duplicated id wins, as in quoteTextOf. */
  const indexById = computed(() => {
    const map = new Map<string, number>()
    segments.value.forEach((s, i) => {
      if (!map.has(s.id)) map.set(s.id, i)
    })
    return map
  })

  // ——— quotes on this transcript ———

  const quotesHere = computed(() => quotes.items.filter((q) => q.interviewId === interviewId.value))
  /** Every quote's place in the transcript, and the words of the quote being made while its panel is open. */
  const marks = computed(() => {
    const d = draft.value
    const pending = d && d.interviewId === interviewId.value ? [{ id: DRAFT_MARK, start: d.start, end: d.end, status: 'exact' as const }] : []
    return marksBySegment(
      texts.value.map((t) => t.length),
      indexById.value,
      [...quotesHere.value, ...pending]
    )
  })
  const missing = computed(() => quotesHere.value.filter((q) => q.status === 'missing'))
  const changed = computed(() => quotesHere.value.filter((q) => q.status === 'changed'))
  /** Changed quotes by the segment they start in: each gets its review box under that segment. */
  const changedAt = computed(() => {
    const map = new Map<number, Quote[]>()
    for (const q of changed.value) {
      const i = indexById.value.get(q.start.segmentId)
      if (i === undefined) continue
      map.set(i, [...(map.get(i) ?? []), q])
    }
    return map
  })

  /** A highlight's colour: its quote's first tag, or the accent when it has none. */
  function colourOf(quoteId: string): string | null {
    const q = quotes.byId.get(quoteId)
    const tagId = q?.tagIds[0]
    return (tagId && tags.byId.get(tagId)?.color) || null
  }

  function reviewParts(q: Quote) {
    return changeParts(q.text, q.currentText ?? '')
  }

  // ——— keyboard focus and the brief highlight ———

  const focusedIndex = ref(0)
  const flashIndex = ref<number | null>(null)
  let flashTimer: ReturnType<typeof setTimeout> | undefined

  function flash(index: number): void {
    flashIndex.value = index
    clearTimeout(flashTimer)
    flashTimer = setTimeout(() => (flashIndex.value = null), FLASH_MS)
  }

  // ——— selection ———

  const selection = ref<TextSpan | null>(null)
  const selectionText = computed(() => (selection.value ? spanText(texts.value, selection.value) : ''))
  const selectionWords = computed(() => wordCount(selectionText.value))

  /** The selection as the DOM reports it (two points, either order), or null when there is none. */
  function select(a: TextPoint | null, b: TextPoint | null): void {
    selection.value = a && b ? tidySelection(texts.value, a, b) : null
  }

  // ——— making a quote ———

  const draft = ref<QuoteDraft | null>(null)
  let pendingTags: Promise<unknown> = Promise.resolve()
  /** A tag made while quoting and then undone and redone comes back with a new id: old → new. */
  const renamedTags = new Map<string, string>()
  const currentTagId = (id: string): string => {
    let at = id
    for (let hops = 0; renamedTags.has(at) && hops < 100; hops++) at = renamedTags.get(at) ?? at
    return at
  }

  /** Opens the quote panel on the selected words. False (with a notice) when nothing is selected. */
  function openQuote(): boolean {
    const span = selection.value
    const id = interviewId.value
    if (!span || !id) {
      notices.push('info', 'Select the words to quote first, then press Q.')
      return false
    }
    const first = segments.value[span.start.index]
    const last = segments.value[span.end.index]
    if (!first || !last) return false
    const start = { segmentId: first.id, offset: span.start.offset }
    const end = { segmentId: last.id, offset: span.end.offset }
    const text = quoteTextOf(segments.value, start, end)
    if (!text) {
      notices.push('error', 'Those words could not be read back from the transcript: select them again.')
      return false
    }
    const offRecord = segments.value
      .slice(span.start.index, span.end.index + 1)
      .map((s, k) => ({ s, index: span.start.index + k }))
      .filter(({ s, index }) => {
        if (!s.offRecord) return false
        // A span that only touches a segment's very edge takes none of its words.
        const from = index === span.start.index ? span.start.offset : 0
        const to = index === span.end.index ? span.end.offset : s.text.length
        return to > from
      })
      .map(({ s, index }) => ({ index, speaker: s.speaker || 'Unknown speaker', time: formatTime(s.startSeconds) }))
    draft.value = { interviewId: id, start, end, startIndex: span.start.index, endIndex: span.end.index, text, offRecord, tagIds: [], note: '' }
    closeMenus()
    return true
  }

  function cancelQuote(): void {
    draft.value = null
  }

  const draftTags = computed(() => (draft.value?.tagIds ?? []).map((id) => tags.byId.get(currentTagId(id))).filter((t) => t !== undefined))

  function optionsFor(query: string): TagOption[] {
    return tagOptions(tags.items, query, draft.value?.tagIds.map(currentTagId) ?? [])
  }

  /** Picks a tag for the draft, or makes a new one (an undoable step of its own) and picks that. */
  function chooseTag(option: TagOption): Promise<void> {
    const run = async (): Promise<void> => {
      if (!draft.value) return
      if (option.kind === 'tag') return addDraftTag(option.tag.id)
      const name = cleanTagName(option.name)
      if (!name) return
      const existing = tagNamed(tags.items, name)
      if (existing) return addDraftTag(existing.id)
      const id = await createTag(name)
      if (id) addDraftTag(id)
    }
    const step = pendingTags.then(run, run)
    pendingTags = step.catch(() => undefined)
    return step
  }

  function addDraftTag(id: string): void {
    const d = draft.value
    if (d && !d.tagIds.map(currentTagId).includes(id)) d.tagIds = [...d.tagIds, id]
  }

  function removeDraftTag(id: string): void {
    const d = draft.value
    if (d) d.tagIds = d.tagIds.filter((t) => currentTagId(t) !== id)
  }

  async function createTag(name: string): Promise<string | null> {
    await whenIdle()
    let current: string | null = null
    const ok = await history.perform({
      label: `Create tag “${name}”`,
      redo: async () => {
        const tag = await tags.create({ name, color: colourForNewTag(tags.items.length) })
        if (current) renamedTags.set(current, tag.id)
        current = tag.id
      },
      undo: async () => {
        if (current) await tags.remove(current)
      }
    })
    return ok ? current : null
  }

  /** Saves the draft as a quote with its exact words. Undo deletes it; redo makes it again. */
  async function saveQuote(): Promise<boolean> {
    await pendingTags
    const d = draft.value
    if (!d) return false
    if (d.interviewId !== interviewId.value || quoteTextOf(segments.value, d.start, d.end) !== d.text) {
      notices.push('error', 'The transcript changed under the selected words: select them again.')
      return false
    }
    const note = d.note.trim()
    const input = () => ({
      interviewId: d.interviewId,
      start: d.start,
      end: d.end,
      text: d.text,
      tagIds: d.tagIds.map(currentTagId).filter((id) => tags.byId.has(id)),
      ...(note ? { note } : {})
    })
    let current: string | null = null
    await whenIdle()
    const ok = await history.perform({
      label: 'Make quote',
      redo: async () => {
        current = (await quotes.create(input())).id
      },
      undo: async () => {
        if (current) await quotes.remove(current)
      }
    })
    if (ok) {
      draft.value = null
      selection.value = null
      focusedIndex.value = d.startIndex
      notices.push('info', d.offRecord.length ? 'Quote saved, marked as including off-the-record words.' : 'Quote saved.')
    }
    return ok
  }

  // ——— correcting a segment ———

  const editing = ref<SegmentEditing | null>(null)

  function startEdit(index: number): void {
    const s = segments.value[index]
    if (!s) return
    closeMenus()
    focusedIndex.value = index
    editing.value = { index, segmentId: s.id, draft: s.text }
  }

  function cancelEdit(): void {
    editing.value = null
  }

  /** Saves the correction; the archive re-anchors the interview's quotes and says which changed. */
  async function saveEdit(): Promise<boolean> {
    const e = editing.value
    const id = interviewId.value
    if (!e || !id) return false
    const current = segments.value[e.index]?.id === e.segmentId ? segments.value[e.index] : segments.value.find((s) => s.id === e.segmentId)
    if (!current) {
      editing.value = null
      return false
    }
    const before = current.text
    const after = e.draft
    if (after === before) {
      editing.value = null
      return true
    }
    const apply = (text: string) => async () => {
      applySegmentEdit(id, await api.call('segments.update', { interviewId: id, segmentId: e.segmentId, text }))
    }
    await whenIdle()
    const statusBefore = new Map(quotesHere.value.map((q) => [q.id, q.status]))
    const ok = await history.perform({ label: 'Correct segment', redo: apply(after), undo: apply(before) })
    if (ok) {
      editing.value = null
      const newly = (status: Quote['status']) => quotesHere.value.filter((q) => q.status === status && statusBefore.get(q.id) !== status).length
      const count = (n: number) => (n === 1 ? 'a quote' : `${n} quotes`)
      const changedNow = newly('changed')
      const missingNow = newly('missing')
      if (changedNow) notices.push('info', `The correction changed the words of ${count(changedNow)}: review below the segment.`)
      if (missingNow) notices.push('info', `The correction took away the words of ${count(missingNow)}: listed above the transcript.`)
    }
    return ok
  }

  /** Takes in what a correction saved: the segment, the interview's counts, its re-anchored quotes. */
  function applySegmentEdit(id: string, result: SegmentEdit): void {
    const t = interviews.transcript
    if (t && t.id === id) interviews.transcript = { ...t, segments: t.segments.map((s) => (s.id === result.segment.id ? result.segment : s)) }
    interviews.items = interviews.items.map((i) => (i.id === result.interview.id ? result.interview : i))
    const fresh = new Map(result.quotes.map((q) => [q.id, q]))
    const kept = quotes.items.filter((q) => q.interviewId !== id || fresh.has(q.id)).map((q) => fresh.get(q.id) ?? q)
    const known = new Set(kept.map((q) => q.id))
    quotes.items = [...kept, ...result.quotes.filter((q) => !known.has(q.id))]
  }

  // ——— reviewing quotes ———

  /** The editor keeps the corrected words as the quote. The archive has no way back, so no undo. */
  async function keepNewWords(id: string): Promise<void> {
    const saved = await notices.attempt(() => api.call('quotes.accept', { id }))
    if (saved) {
      quotes.replace([saved])
      notices.push('info', 'The quote now reads as the transcript does.')
    }
  }

  /** Deletes a quote. Undo makes it again from its anchors when its words are still there. */
  async function deleteQuote(id: string): Promise<void> {
    const q = quotes.byId.get(id)
    if (!q) return
    closeMenus()
    const uses =
      useClaims().items.reduce((n, c) => n + c.evidence.filter((e) => e.quoteId === id).length, 0) +
      useDrafts().items.reduce((n, d) => n + d.sections.reduce((m, s) => m + s.blocks.filter((b) => b.type === 'quote' && b.quoteId === id).length, 0), 0)
    const restorable = q.status === 'exact' || q.status === 'moved'
    if (!restorable) {
      const ok = window.confirm('Delete this quote? Its saved words are no longer in the transcript, so Undo cannot bring it back.')
      if (!ok) return
      if ((await notices.attempt(() => quotes.remove(id))) !== undefined) notices.push('info', 'Quote deleted.')
      return
    }
    if (uses > 0) {
      const ok = window.confirm(`This quote is used ${uses === 1 ? 'once' : `${uses} times`} in claims or drafts. Delete it? Undo brings the quote back, but not those links.`)
      if (!ok) return
    }
    let current = id
    const input = { interviewId: q.interviewId, start: q.start, end: q.end, text: q.text, tagIds: q.tagIds, ...(q.note ? { note: q.note } : {}) }
    await whenIdle()
    await history.perform({
      label: 'Delete quote',
      redo: () => quotes.remove(current),
      undo: async () => {
        current = (await quotes.create({ ...input, tagIds: input.tagIds.filter((t) => tags.byId.has(t)) })).id
      }
    })
  }

  // ——— the card over a highlight, and the menu over a selection ———

  const peek = ref<QuotePeek | null>(null)
  const menu = ref<{ x: number; y: number } | null>(null)

  function showPeek(ids: string[], x: number, y: number, pinned = false): void {
    clearTimeout(peekTimer)
    if (peek.value?.pinned && !pinned) return
    peek.value = { ids, x, y, pinned }
  }

  /** The keyboard's way to a segment's quotes: their card, pinned under the segment. */
  function peekSegment(index: number, x: number, y: number): boolean {
    const ids = [...new Set((marks.value.get(index) ?? []).map((m) => m.quoteId))]
    if (ids.length === 0) return false
    showPeek(ids, x, y, true)
    return true
  }

  function hidePeek(force = false): void {
    clearTimeout(peekTimer)
    if (force || !peek.value?.pinned) peek.value = null
  }

  let peekTimer: ReturnType<typeof setTimeout> | undefined
  /** Leaving a highlight hides its card after a moment, so the pointer can move onto the card. */
  function hidePeekSoon(): void {
    clearTimeout(peekTimer)
    peekTimer = setTimeout(() => hidePeek(), 250)
  }

  function keepPeek(): void {
    clearTimeout(peekTimer)
  }

  function openMenu(x: number, y: number): boolean {
    if (!selection.value) return false
    menu.value = { x, y }
    return true
  }

  function closeMenus(): void {
    menu.value = null
    peek.value = null
  }

  // ——— clipboard ———

  async function copyTime(index: number): Promise<void> {
    const s = segments.value[index]
    if (!s || s.startSeconds === null) return
    const time = formatTime(s.startSeconds)
    if (await copyText(time)) notices.push('info', `Copied ${time}.`)
    else notices.push('error', `Could not copy ${time}: this window may not use the clipboard.`)
  }

  async function copySelection(): Promise<void> {
    closeMenus()
    const text = selectionText.value
    if (!text) return
    if (await copyText(text)) notices.push('info', 'Copied the selected words.')
    else notices.push('error', 'Could not copy: this window may not use the clipboard.')
  }

  /** A new transcript: nothing selected, nothing half-edited. */
  function reset(): void {
    selection.value = null
    draft.value = null
    editing.value = null
    peek.value = null
    menu.value = null
    focusedIndex.value = interviews.focusIndex ?? 0
    flashIndex.value = null
  }

  async function whenIdle(): Promise<void> {
    for (let waited = 0; history.busy && waited < 30_000; waited += 25) await new Promise((r) => setTimeout(r, 25))
  }

  return {
    segments,
    interviewId,
    interview,
    quotesHere,
    marks,
    missing,
    changed,
    changedAt,
    colourOf,
    reviewParts,
    focusedIndex,
    flashIndex,
    flash,
    selection,
    selectionText,
    selectionWords,
    select,
    draft,
    draftTags,
    openQuote,
    cancelQuote,
    optionsFor,
    chooseTag,
    removeDraftTag,
    saveQuote,
    editing,
    startEdit,
    cancelEdit,
    saveEdit,
    applySegmentEdit,
    keepNewWords,
    deleteQuote,
    peek,
    menu,
    showPeek,
    peekSegment,
    hidePeek,
    hidePeekSoon,
    keepPeek,
    openMenu,
    closeMenus,
    copyTime,
    copySelection,
    reset
  }
})
