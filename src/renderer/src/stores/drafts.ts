// Drafts: the list, and the one draft open in the editor. The editor works on a copy of the draft
// that every keystroke changes at once; saving follows behind it (drafts-autosave.ts: a debounced
// `drafts.update` with the fields that changed), so typing never waits on the archive and nothing
// typed is dropped: a save under way when more is typed is followed by another. After each save the draft is
// checked again (`drafts.check`) for the problems and unsourced statements the editor shows.
//
// Undo: each edit is one history step holding the draft's content before and after it. Typing in a
// field is one step from its first keystroke until the field is left (the field's own Ctrl+Z works
// inside it); any other edit first closes a typing step, so steps undo in the order they were made.
import { defineStore } from 'pinia'
import { computed, reactive, ref, toRaw } from 'vue'
import { claimRef } from '../../../shared/claim-refs'
import { claimStatusLabels, type EvidenceProposal } from '../../../shared/claims'
import type { DraftCheck, DraftExport } from '../../../shared/drafts'
import { isBlocking } from '../../../shared/drafts'
import { isVerbatimError } from '../../../shared/errors'
import type { Draft, DraftBlock, HouseStyle, Naming, Stance } from '../../../shared/model'
import { HouseStyleSchema } from '../../../shared/model'
import { api } from '../api'
import { useArchive } from './archive'
import {
  attributions,
  blockKeyOf,
  byBlock,
  claimNumbers,
  contentOf,
  fileBase,
  insertAt,
  moveBlock as moveBlockIn,
  moveItem,
  newSectionId,
  patchOf,
  refusalLines,
  stepBlock,
  type BlockAt,
  type DraftContent,
  type RefusalLine
} from './drafts-logic'
import { createAutosave, type SaveStatus } from './drafts-autosave'
import { useHistory } from './history'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useClaims } from './claims'
import { recordStore } from './records'
import { useSources } from './sources'
import { useTrash } from './trash'

/** A text field of the open draft: typing in it is one undo step until the field is left. */
export type TextTarget =
  | { kind: 'draft'; field: 'title' | 'standfirst' | 'byline' | 'editor' }
  | { kind: 'heading'; sectionId: string }
  | { kind: 'block'; sectionId: string; index: number; field: 'text' | 'excerpt' | 'override' | 'path' | 'caption' }

/** The content at one moment, with each block's key so the screen keeps its fields when it comes back. */
interface Snapshot {
  content: DraftContent
  keys: string[][]
}

export interface ExportOutcome {
  kind: 'done' | 'refused'
  format: 'md' | 'html' | 'section' | 'factcheck'
  filename?: string
  heldBack?: DraftExport['heldBack']
  warnings?: DraftExport['warnings']
  lines?: RefusalLine[]
}

export interface SummaryRow {
  /** Problems that stop an export. */
  blocking: number
  unsourced: number
  /** The draft's updatedAt when it was checked: a newer draft is checked again. */
  checkedAt: string
}

const SAVE_DELAY_MS = 600
const CHECK_DELAY_MS = 400

export const useDrafts = defineStore('drafts', () => {
  const records = recordStore('drafts')
  const notices = useNotices()
  const history = useHistory()

  const openId = ref<string | null>(null)
  const working = ref<Draft | null>(null)
  const save = reactive<SaveStatus>({ state: 'saved', error: '', titleMissing: false })
  const autosave = createAutosave(save, {
    current: () => (working.value ? { id: working.value.id, content: contentOf(working.value) } : null),
    send: async (id, patch) => (await records.update(id, patch)).updatedAt,
    saved: (_id, updatedAt) => scheduleCheck(updatedAt),
    delayMs: SAVE_DELAY_MS
  })
  const flush = autosave.flush
  const touched = autosave.touched

  const check = ref<DraftCheck | null>(null)
  let checkTimer: ReturnType<typeof setTimeout> | undefined
  const summaries = ref(new Map<string, SummaryRow>())
  const outcome = ref<ExportOutcome | null>(null)
  const busy = ref<string | null>(null)
  const evidence = ref<{ claimId: string; sectionId: string; blockIndex: number; proposals: EvidenceProposal[]; added: Set<string>; loading: boolean } | null>(null)

  // ——— block keys: stable across moves and undo, so a moved block keeps its field and focus ———
  const keys = new WeakMap<object, string>()
  let nextKey = 1
  function keyOf(block: DraftBlock): string {
    const raw = toRaw(block)
    let key = keys.get(raw)
    if (!key) keys.set(raw, (key = `b${nextKey++}`))
    return key
  }

  function snapshot(): Snapshot {
    const d = working.value as Draft
    return { content: contentOf(d), keys: d.sections.map((s) => s.blocks.map(keyOf)) }
  }

  function adopt(d: Draft, snap?: Snapshot): void {
    if (snap) d.sections.forEach((s, i) => s.blocks.forEach((b, j) => snap.keys[i]?.[j] && keys.set(b, snap.keys[i]![j]!)))
    working.value = d
  }

  // ——— opening and the list ———
  async function open(id: string): Promise<void> {
    if (openId.value === id && working.value) return
    await close()
    const draft = await api.call('drafts.get', { id })
    openId.value = id
    autosave.base(id, contentOf(draft))
    adopt(structuredClone(draft))
    Object.assign(save, { state: 'saved', error: '', titleMissing: false })
    check.value = null
    outcome.value = null
    evidence.value = null
    void runCheck()
  }

  /**
   * Loads the list. The app calls it at start and after a backup is restored: a draft open then is
   * taken again as the archive now holds it (the restored version wins over the screen's copy).
   */
  async function load(): Promise<void> {
    await records.load()
    const id = openId.value
    if (!id) return
    autosave.cancel()
    typing = null
    const draft = records.byId.value.get(id)
    if (!draft) {
      openId.value = null
      working.value = null
      autosave.base(null, null)
      return
    }
    autosave.base(id, contentOf(draft))
    adopt(JSON.parse(JSON.stringify(draft)) as Draft)
    Object.assign(save, { state: 'saved', error: '', titleMissing: false })
    void runCheck()
  }

  async function close(): Promise<void> {
    commitTyping()
    if (working.value) await flush()
    openId.value = null
    working.value = null
    autosave.base(null, null)
    check.value = null
    evidence.value = null
    clearTimeout(checkTimer)
  }

  async function createDraft(title: string): Promise<Draft | undefined> {
    const name = title.trim()
    if (!name) {
      notices.push('error', 'A draft needs a title.')
      return undefined
    }
    const draft = await records.create({ title: name, sections: [{ id: newSectionId(), heading: '', blocks: [{ type: 'prose', text: '' }] }] })
    let id = draft.id
    await history.perform({
      label: `New draft “${name}”`,
      redo: async () => {
        if (!records.byId.value.has(id)) id = (await records.create(contentOf(draft))).id
      },
      undo: async () => {
        if (openId.value === id) await close()
        await records.remove(id)
      }
    })
    await open(id)
    return draft
  }

  /**
   * Deletes a draft through the trash: asked first, one undo step, and undo brings back the same
   * draft (same id, so the claims board's draft filter and the fact-check sheet still find it).
   * What was typed last is saved before the question, so the trash keeps the draft as it was on
   * screen; the trash closes it once the answer is yes (Cancel leaves it open).
   */
  async function deleteDraft(id: string): Promise<boolean> {
    if (!records.byId.value.has(id)) return false
    if (openId.value === id) {
      commitTyping()
      await flush()
    }
    const title = (openId.value === id ? working.value?.title : undefined) || records.byId.value.get(id)?.title
    return useTrash().deleteWithUndo('drafts', id, title)
  }

  /** Each listed draft's blocking problems and unsourced statements; a draft unchanged since its last check is not checked again. */
  async function loadSummaries(): Promise<void> {
    for (const d of records.items.value) {
      if (summaries.value.get(d.id)?.checkedAt === d.updatedAt) continue
      try {
        const c = await api.call('drafts.check', { id: d.id })
        remember(d.id, d.updatedAt, c)
      } catch {
        // A draft deleted meanwhile: nothing to show.
      }
    }
  }

  function remember(id: string, updatedAt: string, c: DraftCheck): void {
    const next = new Map(summaries.value)
    next.set(id, { blocking: c.problems.filter(isBlocking).length, unsourced: c.counts.unsourced, checkedAt: updatedAt })
    summaries.value = next
  }

  // ——— undo steps ———
  let typing: { key: string; before: Snapshot; label: string } | null = null
  const targetKey = (t: TextTarget): string => JSON.stringify(t)

  const labels: Record<string, string> = { title: 'Edit title', standfirst: 'Edit standfirst', byline: 'Edit byline', editor: 'Edit editor credit', text: 'Edit prose', excerpt: 'Edit excerpt', override: 'Edit reason to print', path: 'Edit image path', caption: 'Edit caption' }

  /** Closes the typing step under way, if any: it becomes one entry in the history. */
  function commitTyping(): void {
    if (!typing || !working.value) return
    const step = typing
    typing = null
    const after = snapshot()
    if (JSON.stringify(after.content) === JSON.stringify(step.before.content)) return
    record(step.label, step.before, after)
  }

  /** Adds an edit already made to the history: redo puts `after` back, undo `before`. */
  function record(label: string, before: Snapshot, after: Snapshot): void {
    const id = (working.value as Draft).id
    let first = true
    void history.perform({
      label,
      redo: async () => {
        if (first) {
          first = false
          return
        }
        await restore(id, after)
      },
      undo: () => restore(id, before)
    })
  }

  /**
   * Puts a draft back as it was at one step. The open draft changes on screen at once and saves
   * behind it like any edit (the header says if that fails), so an undo never holds up the next
   * one; a draft not open is saved directly.
   */
  async function restore(id: string, snap: Snapshot): Promise<void> {
    typing = null
    if (working.value?.id === id) {
      const d = { ...(working.value as Draft), ...structuredClone(snap.content) }
      for (const field of ['standfirst', 'byline', 'editor'] as const) if (snap.content[field] === undefined) d[field] = ''
      adopt(d, snap)
      touched(0)
      return
    }
    await records.update(id, patchOf(contentOf(records.byId.value.get(id) ?? ({ ...snap.content, id, createdAt: '', updatedAt: '' } as Draft)), snap.content).patch)
  }

  /** Runs a change to the open draft as one undo step, saved at once. */
  function change(label: string, mutate: (d: Draft) => boolean | void): boolean {
    const d = working.value
    if (!d) return false
    commitTyping()
    const before = snapshot()
    if (mutate(d) === false) return false
    record(label, before, snapshot())
    touched(0)
    return true
  }

  // ——— text fields ———
  function textOf(t: TextTarget): string {
    const d = working.value
    if (!d) return ''
    if (t.kind === 'draft') return d[t.field] ?? ''
    const section = d.sections.find((s) => s.id === t.sectionId)
    if (t.kind === 'heading') return section?.heading ?? ''
    const block = section?.blocks[t.index] as Record<string, unknown> | undefined
    return typeof block?.[t.field] === 'string' ? (block[t.field] as string) : ''
  }

  /** One keystroke's worth of change to a text field: shown at once, saved shortly after. */
  function editText(t: TextTarget, value: string): void {
    const d = working.value
    if (!d) return
    const key = targetKey(t)
    if (typing?.key !== key) {
      commitTyping()
      typing = { key, before: snapshot(), label: labels[t.kind === 'heading' ? 'heading' : t.field] ?? 'Rename section' }
    }
    if (t.kind === 'draft') d[t.field] = value
    else {
      const section = d.sections.find((s) => s.id === t.sectionId)
      if (!section) return
      if (t.kind === 'heading') section.heading = value
      else {
        const block = section.blocks[t.index] as Record<string, unknown> | undefined
        if (!block) return
        // An emptied excerpt or reason means "none": the block prints the quote as said.
        if ((t.field === 'excerpt' || t.field === 'override' || t.field === 'caption') && value === '') delete block[t.field]
        else block[t.field] = value
      }
    }
    touched()
  }

  // ——— fields that change in one step ———
  function setTags(tags: string[]): void {
    change('Edit tags', (d) => {
      if (JSON.stringify(d.tags) === JSON.stringify(tags)) return false
      d.tags = tags
    })
  }

  function setQuoteStyle(style: Draft['quoteStyle']): void {
    change(style === 'inline' ? 'Quotes inline' : 'Quotes as block quotes', (d) => {
      if (d.quoteStyle === style) return false
      d.quoteStyle = style
    })
  }

  function setOverride(at: BlockAt, reason: string | undefined): void {
    change(reason ? 'Print a quote anyway' : 'Remove the reason to print', (d) => {
      const block = d.sections.find((s) => s.id === at.sectionId)?.blocks[at.index]
      if (block?.type !== 'quote') return false
      if (reason?.trim()) block.override = reason.trim()
      else delete block.override
    })
  }

  function setBlock(at: BlockAt, block: DraftBlock, label: string): void {
    change(label, (d) => {
      const section = d.sections.find((s) => s.id === at.sectionId)
      if (!section?.blocks[at.index]) return false
      section.blocks[at.index] = block
    })
  }

  function setImageCredit(at: BlockAt, sourceId: string): void {
    change('Image credit', (d) => {
      const block = d.sections.find((s) => s.id === at.sectionId)?.blocks[at.index]
      if (block?.type !== 'image') return false
      if (sourceId) block.sourceId = sourceId
      else delete block.sourceId
    })
  }

  // ——— sections ———
  function addSection(afterIndex?: number): string | null {
    const id = newSectionId()
    const ok = change('Add section', (d) => {
      d.sections.splice(afterIndex === undefined ? d.sections.length : afterIndex + 1, 0, { id, heading: '', blocks: [{ type: 'prose', text: '' }] })
    })
    return ok ? id : null
  }

  function removeSection(id: string): void {
    const section = working.value?.sections.find((s) => s.id === id)
    if (!section) return
    change(`Delete section${section.heading.trim() ? ` “${section.heading.trim()}”` : ''}`, (d) => {
      d.sections = d.sections.filter((s) => s.id !== id)
    })
    notices.push('info', 'Section deleted. Undo (Ctrl+Z) brings it back.')
  }

  function moveSection(id: string, to: number): boolean {
    return change('Move section', (d) => moveItem(d.sections, d.sections.findIndex((s) => s.id === id), to))
  }

  /** A section dropped before the section now at `place` (or at the end): where it lands once it has left its own place. */
  function dropSection(id: string, place: number): boolean {
    const from = working.value?.sections.findIndex((s) => s.id === id) ?? -1
    return from >= 0 && moveSection(id, place > from ? place - 1 : place)
  }

  // ——— blocks ———
  function insertBlock(at: BlockAt, block: DraftBlock): boolean {
    const label = { prose: 'Add prose', quote: 'Add quote', claim: 'Add claim', image: 'Add image' }[block.type]
    return change(label, (d) => {
      const section = d.sections.find((s) => s.id === at.sectionId)
      if (!section) return false
      section.blocks.splice(Math.max(0, Math.min(at.index, section.blocks.length)), 0, block)
    })
  }

  /** A saved quote dropped or picked: only one the archive holds. */
  function insertQuote(at: BlockAt, quoteId: string): boolean {
    if (!useQuotes().byId.has(quoteId)) return false
    return insertBlock(at, { type: 'quote', quoteId })
  }

  function removeBlock(at: BlockAt): void {
    change('Delete block', (d) => {
      const section = d.sections.find((s) => s.id === at.sectionId)
      if (!section?.blocks[at.index]) return false
      section.blocks.splice(at.index, 1)
    })
  }

  function moveBlock(from: BlockAt, to: BlockAt): BlockAt | null {
    let landed: BlockAt | null = null
    change('Move block', (d) => {
      landed = moveBlockIn(d.sections, from, to)
      return landed !== null
    })
    return landed
  }

  function stepBlockBy(from: BlockAt, direction: -1 | 1): BlockAt | null {
    let landed: BlockAt | null = null
    change(direction < 0 ? 'Move block up' : 'Move block down', (d) => {
      landed = stepBlock(d.sections, from, direction)
      return landed !== null
    })
    return landed
  }

  /** `[[claim:ID]]` at the cursor of a prose block; returns where the cursor goes after it. */
  function citeClaim(at: BlockAt, cursor: number, claimId: string): number | null {
    let after: number | null = null
    change('Cite a claim', (d) => {
      const block = d.sections.find((s) => s.id === at.sectionId)?.blocks[at.index]
      if (block?.type !== 'prose') return false
      const next = insertAt(block.text, cursor, claimRef(claimId))
      block.text = next.text
      after = next.cursor
    })
    return after
  }

  // ——— checking ———
  function scheduleCheck(updatedAt?: string): void {
    clearTimeout(checkTimer)
    checkTimer = setTimeout(() => void runCheck(updatedAt), CHECK_DELAY_MS)
  }

  async function runCheck(updatedAt?: string): Promise<DraftCheck | null> {
    const id = openId.value
    if (!id) return null
    try {
      const c = await api.call('drafts.check', { id })
      if (openId.value !== id) return null
      check.value = c
      remember(id, updatedAt ?? records.byId.value.get(id)?.updatedAt ?? '', c)
      return c
    } catch (e) {
      notices.push('error', e instanceof Error ? e.message : String(e))
      return null
    }
  }

  // ——— unsourced statements → claims → evidence ———
  async function makeClaim(at: BlockAt, sentence: string): Promise<void> {
    const d = working.value
    if (!d || busy.value) return
    busy.value = 'make-claim'
    try {
      commitTyping()
      if (!(await flush())) throw new Error(`The draft is not saved yet: ${save.error || 'give it a title'}.`)
      // Where the sentence stands in the text as saved: the check after this save says.
      const fresh = await runCheck()
      const statement = fresh?.statements.find((s) => s.sectionId === at.sectionId && s.blockIndex === at.index && s.sentence === sentence && !s.claimIds.length)
      if (!statement) throw new Error('That sentence has changed or is already tied to a claim.')
      const before = snapshot()
      const sentText = (d.sections.find((s) => s.id === at.sectionId)?.blocks[at.index] as { text?: string } | undefined)?.text
      const result = await api.call('drafts.makeClaim', { id: d.id, sectionId: at.sectionId, blockIndex: at.index, start: statement.start })
      const serverBlock = result.draft.sections.find((s) => s.id === at.sectionId)?.blocks[at.index]
      const local = working.value?.sections.find((s) => s.id === at.sectionId)?.blocks[at.index]
      if (serverBlock?.type === 'prose' && local?.type === 'prose') {
        if (local.text === sentText) local.text = serverBlock.text
        else {
          // Typed meanwhile: tie the same sentence in what is on screen now.
          const where = local.text.indexOf(sentence)
          if (where >= 0) local.text = `${local.text.slice(0, where + sentence.length)} ${claimRef(result.claim.id)}${local.text.slice(where + sentence.length)}`
        }
      }
      autosave.base(d.id, contentOf(result.draft))
      records.items.value = records.items.value.map((r) => (r.id === result.draft.id ? result.draft : r))
      void useClaims().replaceRecord(result.claim)
      record('Make a claim', before, snapshot())
      touched(0)
      notices.push('info', `Made a claim of “${result.claim.text}”: look for evidence below the paragraph.`)
      evidence.value = { claimId: result.claim.id, sectionId: at.sectionId, blockIndex: at.index, proposals: [], added: new Set(), loading: true }
      await runCheck()
      await proposeEvidence(result.claim.id)
    } catch (e) {
      notices.push('error', e instanceof Error ? e.message : String(e))
    } finally {
      busy.value = null
    }
  }

  async function proposeEvidence(claimId: string): Promise<void> {
    const panel = evidence.value
    if (!panel || panel.claimId !== claimId) return
    try {
      const { proposals } = await api.call('claims.propose', { claimId, limit: 8 })
      if (evidence.value?.claimId === claimId) evidence.value = { ...evidence.value, proposals, loading: false }
    } catch (e) {
      if (evidence.value?.claimId === claimId) evidence.value = { ...evidence.value, loading: false }
      notices.push('error', e instanceof Error ? e.message : String(e))
    }
  }

  /** Opens the evidence panel for a claim a sentence is already tied to. */
  function lookForEvidence(at: BlockAt, claimId: string): void {
    evidence.value = { claimId, sectionId: at.sectionId, blockIndex: at.index, proposals: [], added: new Set(), loading: true }
    void proposeEvidence(claimId)
  }

  async function addEvidence(p: EvidenceProposal, stance: Stance): Promise<void> {
    const panel = evidence.value
    if (!panel) return
    try {
      const { claim, quote } = await api.call('claims.addEvidence', { claimId: panel.claimId, interviewId: p.interviewId, segmentId: p.segmentId, stance })
      void useClaims().replaceRecord(claim)
      const quotes = useQuotes()
      if (!quotes.byId.has(quote.id)) quotes.items = [...quotes.items, quote]
      if (evidence.value?.claimId === panel.claimId) evidence.value = { ...evidence.value, added: new Set([...evidence.value.added, p.segmentId]) }
      notices.push('info', `Evidence added. The claim is ${claimStatusLabels[claim.status].toLowerCase()}.`)
      await runCheck()
    } catch (e) {
      notices.push('error', e instanceof Error ? e.message : String(e))
    }
  }

  function closeEvidence(): void {
    evidence.value = null
  }

  // ——— export ———
  async function ready(): Promise<boolean> {
    commitTyping()
    if (await flush()) return true
    notices.push('error', save.titleMissing ? 'Give the draft a title first: it is saved with one.' : `The draft is not saved: ${save.error}`)
    return false
  }

  /** Exports the draft, or one section; a refusal lists every problem with the block it names. */
  async function exportDraft(format: 'md' | 'html', sectionId?: string): Promise<DraftExport | null> {
    const d = working.value
    if (!d || !(await ready())) return null
    busy.value = `export-${format}`
    try {
      const result = await api.call('drafts.export', { id: d.id, format, ...(sectionId ? { sectionId } : {}) })
      outcome.value = { kind: 'done', format: sectionId ? 'section' : format, filename: result.filename, heldBack: result.heldBack, warnings: result.warnings }
      return result
    } catch (e) {
      if (isVerbatimError(e) && e.code === 'conflict') {
        outcome.value = { kind: 'refused', format: sectionId ? 'section' : format, lines: refusalLines(e.message, d) }
        void runCheck()
      } else notices.push('error', e instanceof Error ? e.message : String(e))
      return null
    } finally {
      busy.value = null
    }
  }

  /** The copy desk's fact-check sheet for this draft: its claims, evidence and every override with its reason. */
  async function factcheckSheet(): Promise<{ markdown: string; filename: string } | null> {
    const d = working.value
    if (!d || !(await ready())) return null
    busy.value = 'factcheck'
    try {
      const { markdown } = await api.call('factcheck.markdown', { draftId: d.id })
      return { markdown, filename: `${fileBase(d.title)}-fact-check.md` }
    } catch (e) {
      if (isVerbatimError(e) && e.code === 'conflict') outcome.value = { kind: 'refused', format: 'factcheck', lines: [{ kind: 'leak', text: e.message }] }
      else notices.push('error', e instanceof Error ? e.message : String(e))
      return null
    } finally {
      busy.value = null
    }
  }

  function dismissOutcome(): void {
    outcome.value = null
  }

  // ——— house style and naming (archive settings and people, changed from the draft) ———
  const houseStyle = computed<HouseStyle>(() => useArchive().settings?.houseStyle ?? HouseStyleSchema.parse({}))

  async function setHouseStyle(patch: Partial<HouseStyle>): Promise<void> {
    const archive = useArchive()
    const before = houseStyle.value
    const after = { ...before, ...patch }
    const apply = async (style: HouseStyle) => {
      archive.settings = await api.call('settings.update', { houseStyle: style })
    }
    await history.perform({ label: 'House style', redo: () => apply(after), undo: () => apply(before) })
  }

  /**
   * How a quoted person may be named, decided from the block that quotes them. Anonymous needs the
   * description printed in their place (the archive refuses it without one).
   */
  async function setNaming(sourceId: string, naming: Naming, anonymousAs?: string): Promise<boolean> {
    const sources = useSources()
    const source = sources.byId.get(sourceId)
    if (!source || (source.naming === naming && !anonymousAs)) return false
    const before = { naming: source.naming, ...(source.anonymousAs ? { anonymousAs: source.anonymousAs } : {}) }
    const after = { naming, ...(anonymousAs?.trim() ? { anonymousAs: anonymousAs.trim() } : {}) }
    const apply = async (patch: { naming: Naming; anonymousAs?: string }) => {
      await sources.update(sourceId, patch)
      await runCheck()
    }
    return history.perform({ label: `How ${source.name} is named`, redo: () => apply(after), undo: () => apply(before) })
  }

  // ——— what the editor shows ———
  const claimNumber = computed(() => {
    const claims = useClaims()
    return working.value ? claimNumbers(working.value, (id) => claims.byId.has(id)) : new Map<string, number>()
  })

  const attribution = computed(() => {
    const d = working.value
    if (!d) return new Map()
    return attributions(d, useQuotes().byId, useSources().items, houseStyle.value)
  })

  const checked = computed(() => byBlock(check.value))
  const blocking = computed(() => (check.value?.problems ?? []).filter(isBlocking))

  return {
    ...records,
    load,
    openId,
    working,
    save,
    check,
    summaries,
    outcome,
    busy,
    evidence,
    houseStyle,
    claimNumber,
    attribution,
    checked,
    blocking,
    keyOf,
    blockKeyOf,
    open,
    close,
    createDraft,
    deleteDraft,
    loadSummaries,
    flush,
    commitTyping,
    textOf,
    editText,
    setTags,
    setQuoteStyle,
    setOverride,
    setBlock,
    setImageCredit,
    addSection,
    removeSection,
    moveSection,
    dropSection,
    insertBlock,
    insertQuote,
    removeBlock,
    moveBlock,
    stepBlockBy,
    citeClaim,
    runCheck,
    makeClaim,
    lookForEvidence,
    addEvidence,
    closeEvidence,
    exportDraft,
    factcheckSheet,
    dismissOutcome,
    setHouseStyle,
    setNaming
  }
})
