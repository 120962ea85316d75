// @vitest-environment happy-dom
// The renderer's stores against the real core: a real archive in a temp folder, reached through
// the same in-process bridge shape the desktop window's preload gives (window.verbatim), so every
// call passes the contract's validation and lands on disk. No part of the core is mocked.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { URL as NodeURL, fileURLToPath } from 'node:url'
import { createPinia, setActivePinia } from 'pinia'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { openSession, type Session } from '../../src/core/session'

// Node's URL, not the page's: happy-dom's window stands in for the global one here.
const DEMO_SEED = fileURLToPath(new NodeURL('../../resources/demo/demo-archive.json', import.meta.url))

type Stores = {
  history: typeof import('../../src/renderer/src/stores/history')
  interviews: typeof import('../../src/renderer/src/stores/interviews')
  quotes: typeof import('../../src/renderer/src/stores/quotes')
  records: typeof import('../../src/renderer/src/stores/records')
  sources: typeof import('../../src/renderer/src/stores/sources')
  claims: typeof import('../../src/renderer/src/stores/claims')
  drafts: typeof import('../../src/renderer/src/stores/drafts')
  selection: typeof import('../../src/renderer/src/stores/selection')
  draft: typeof import('../../src/renderer/src/stores/quote-draft')
  correction: typeof import('../../src/renderer/src/stores/correction')
  marks: typeof import('../../src/renderer/src/stores/transcript-marks')
  transcript: typeof import('../../src/renderer/src/stores/transcript')
  trash: typeof import('../../src/renderer/src/stores/trash')
  confirm: typeof import('../../src/renderer/src/stores/confirm')
}

let session: Session
let s: Stores
let folder = ''

beforeAll(async () => {
  // The stores reach the archive through window.verbatim: set it before they load.
  // One archive for the whole file (support/temp's folders go after each test).
  folder = await mkdtemp(join(tmpdir(), 'verbatim-stores-'))
  session = await openSession(join(folder, 'archive'), { seedFile: DEMO_SEED })
  window.verbatim = { call: (method, input) => session.call(method, input), onMenu: () => undefined, onEvent: (listener) => void session.subscribe(listener) }
  s = {
    history: await import('../../src/renderer/src/stores/history'),
    interviews: await import('../../src/renderer/src/stores/interviews'),
    quotes: await import('../../src/renderer/src/stores/quotes'),
    records: await import('../../src/renderer/src/stores/records'),
    sources: await import('../../src/renderer/src/stores/sources'),
    claims: await import('../../src/renderer/src/stores/claims'),
    drafts: await import('../../src/renderer/src/stores/drafts'),
    selection: await import('../../src/renderer/src/stores/selection'),
    draft: await import('../../src/renderer/src/stores/quote-draft'),
    correction: await import('../../src/renderer/src/stores/correction'),
    marks: await import('../../src/renderer/src/stores/transcript-marks'),
    transcript: await import('../../src/renderer/src/stores/transcript'),
    trash: await import('../../src/renderer/src/stores/trash'),
    confirm: await import('../../src/renderer/src/stores/confirm')
  }
})
afterAll(async () => {
  await session?.close()
  if (folder) await rm(folder, { recursive: true, force: true })
})

beforeEach(async () => {
  setActivePinia(createPinia())
  await Promise.all([s.interviews.useInterviews().load(), s.quotes.useQuotes().load(), s.records.useTags().load(), s.sources.useSources().load(), s.claims.useClaims().load(), s.drafts.useDrafts().load()])
})

async function openNadia() {
  const interviews = s.interviews.useInterviews()
  await interviews.open('int-nadia', { index: 0, flash: false })
  s.transcript.useTranscript().reset()
  return interviews
}

describe('making a quote (quote-draft, selection)', () => {
  it('Q with nothing selected takes the whole focused segment; saving, undo and redo keep one quote', async () => {
    await openNadia()
    const draft = s.draft.useQuoteDraft()
    const history = s.history.useHistory()
    expect(draft.openQuote(3)).toBe(true)
    expect(draft.draft?.text).toBe('We took out forty-one people by boat before sunrise, most of them elderly.')
    // Part of an existing tag's name: the existing tag is the first offer.
    const [first] = draft.optionsFor('resc')
    expect(first).toMatchObject({ kind: 'tag', tag: { id: 'tag-rescue' } })
    if (first) await draft.chooseTag(first)
    draft.draft!.note = 'Boats'
    expect(await draft.saveQuote()).toBe(true)
    const made = session.store.index.quotes.find((q) => q.text.startsWith('We took out'))
    expect(made).toMatchObject({ tagIds: ['tag-rescue'], note: 'Boats', startSeconds: 19 })
    await history.undo()
    expect(session.store.index.quotes.some((q) => q.id === made?.id)).toBe(false)
    expect(s.quotes.useQuotes().byId.has(made!.id)).toBe(false)
    await history.redo()
    // The same quote comes back out of the trash: same id, so anything that points at it still does.
    expect(session.store.index.quotes.find((q) => q.id === made?.id)).toMatchObject({ note: 'Boats' })
    expect(s.quotes.useQuotes().byId.has(made!.id)).toBe(true)
  })

  it('Shift+→ selects word by word, and the quote is those words', async () => {
    await openNadia()
    const selection = s.selection.useSelection()
    selection.extendByWord(6, 1)
    selection.extendByWord(6, 1)
    expect(selection.selectionText).toBe('What I')
    expect(selection.selectionWords).toBe(2)
    const draft = s.draft.useQuoteDraft()
    expect(draft.openQuote(6)).toBe(true)
    expect(draft.draft?.text).toBe('What I')
    draft.cancelQuote()
  })

  it('a new tag made from the picker gets a colour no other tag has, and undo takes it away', async () => {
    await openNadia()
    const draft = s.draft.useQuoteDraft()
    const tags = s.records.useTags()
    draft.openQuote(4)
    const before = new Set(tags.items.map((t) => t.color))
    const create = draft.optionsFor('sirens').find((o) => o.kind === 'create')
    expect(create).toBeDefined()
    await draft.chooseTag(create!)
    const made = tags.items.find((t) => t.name === 'sirens')
    expect(made && before.has(made.color)).toBe(false)
    expect(draft.draftTags.map((t) => t.name)).toEqual(['sirens'])
    await s.history.useHistory().undo()
    expect(tags.items.some((t) => t.name === 'sirens')).toBe(false)
    draft.cancelQuote()
  })
})

describe('editing saved quotes (quotes store)', () => {
  it('changes one quote’s note and tags as one undoable step', async () => {
    const quotes = s.quotes.useQuotes()
    const history = s.history.useHistory()
    expect(await quotes.edit('q-no-call', { note: 'Lead with this.', tagIds: ['tag-warning', 'tag-rescue'] })).toBe(true)
    expect(session.store.index.quotes.find((q) => q.id === 'q-no-call')).toMatchObject({ note: 'Lead with this.', tagIds: ['tag-warning', 'tag-rescue'] })
    expect(quotes.byId.get('q-no-call')?.note).toBe('Lead with this.')
    expect(history.past.at(-1)?.label).toBe('Edit quote note and tags')
    await history.undo()
    expect(session.store.index.quotes.find((q) => q.id === 'q-no-call')).toMatchObject({ note: 'Use high in the piece.', tagIds: ['tag-warning'] })
  })
})

describe('correcting a segment (correction store; interviews and quotes apply the result)', () => {
  it('flags a quote whose words changed, in the quotes store and the marks, and undo clears it', async () => {
    const interviews = await openNadia()
    const correction = s.correction.useCorrection()
    const marks = s.marks.useTranscriptMarks()
    correction.startEdit(1)
    correction.editing!.draft = 'Around three in the morning. Nobody called us. A neighbour knocked on my door with water already at her ankles.'
    expect(await correction.saveEdit()).toBe(true)
    expect(interviews.transcript?.segments[1]?.text).toContain('Around three')
    expect(marks.changed.map((q) => q.id)).toEqual(['q-no-call'])
    expect(s.quotes.useQuotes().byId.get('q-no-call')?.status).toBe('changed')
    await s.history.useHistory().undo()
    expect(interviews.transcript?.segments[1]?.text).toContain('Around two')
    expect(marks.changed).toEqual([])
  })
})

describe('deleting with undo (trash store)', () => {
  it('asks with what goes with the record, deletes, and undo restores it and its quotes', async () => {
    const trash = s.trash.useTrash()
    const confirm = s.confirm.useConfirm()
    const asked = trash.deleteWithUndo('interviews', 'int-ivo')
    await expect.poll(() => confirm.current?.message).toContain('1 quote and 1 piece of evidence from 1 claim go with it.')
    confirm.answer(true)
    expect(await asked).toBe(true)
    expect(s.interviews.useInterviews().byId.has('int-ivo')).toBe(false)
    expect(s.quotes.useQuotes().byId.has('q-warning-sent')).toBe(false)
    expect(s.claims.useClaims().byId.get('claim-warning')?.evidence.map((e) => e.id)).toEqual(['ev-2'])
    await s.history.useHistory().undo()
    expect(s.interviews.useInterviews().byId.has('int-ivo')).toBe(true)
    expect(s.quotes.useQuotes().byId.has('q-warning-sent')).toBe(true)
    expect(s.claims.useClaims().byId.get('claim-warning')?.evidence.map((e) => e.id)).toEqual(['ev-1', 'ev-2'])
  })

  it('does nothing when the question is answered no', async () => {
    const trash = s.trash.useTrash()
    const confirm = s.confirm.useConfirm()
    const asked = trash.deleteWithUndo('tags', 'tag-levels')
    await expect.poll(() => confirm.current).not.toBeNull()
    confirm.answer(false)
    expect(await asked).toBe(false)
    expect(session.store.index.tags.some((t) => t.id === 'tag-levels')).toBe(true)
  })
})

describe('deleting sources, claims and drafts (their stores, through the trash)', () => {
  it('a document: the question names the claim resting on it, the open profile closes, and undo brings back it and its evidence', async () => {
    const sources = s.sources.useSources()
    const claims = s.claims.useClaims()
    const confirm = s.confirm.useConfirm()
    await sources.open('src-report')
    const asked = sources.deleteSource('src-report')
    await expect.poll(() => confirm.current?.message).toContain('1 piece of evidence from 1 claim goes with it.')
    expect(confirm.current?.details).toContain('Claim: The Water Authority warned the town hall about three hours before the river passed flood stage.')
    confirm.answer(true)
    expect(await asked).toBe(true)
    expect(sources.byId.has('src-report')).toBe(false)
    expect(sources.openId).toBeNull()
    expect(claims.byId.get('claim-warning')?.evidence.some((e) => e.sourceId === 'src-report')).toBe(false)
    await s.history.useHistory().undo()
    expect(sources.byId.get('src-report')?.name).toBe('Water Authority gauge report, 14 May')
    expect(claims.byId.get('claim-warning')?.evidence.some((e) => e.sourceId === 'src-report')).toBe(true)
  })

  it('a claim: the question names the draft that states it, and undo puts the claim and its block back', async () => {
    const claims = s.claims.useClaims()
    const drafts = s.drafts.useDrafts()
    const confirm = s.confirm.useConfirm()
    const claimBlocks = () => drafts.byId.get('draft-river')?.sections.flatMap((x) => x.blocks).filter((b) => b.type === 'claim').length
    expect(claimBlocks()).toBe(1)
    await claims.select('claim-warning')
    const asked = claims.deleteClaim('claim-warning')
    await expect.poll(() => confirm.current?.message).toContain('1 block in 1 draft goes with it.')
    confirm.answer(true)
    expect(await asked).toBe(true)
    expect(claims.byId.has('claim-warning')).toBe(false)
    expect(claims.selectedId).toBeNull()
    expect(claimBlocks()).toBe(0)
    await s.history.useHistory().undo()
    expect(claims.byId.has('claim-warning')).toBe(true)
    expect(claimBlocks()).toBe(1)
  })

  it('a draft open in the editor: Cancel leaves it open; yes saves what was typed, closes it, and undo brings back the same draft', async () => {
    const drafts = s.drafts.useDrafts()
    const confirm = s.confirm.useConfirm()
    await drafts.open('draft-river')
    const title = drafts.working!.title
    drafts.editText({ kind: 'draft', field: 'standfirst' }, 'Typed just before the delete.')
    let asked = drafts.deleteDraft('draft-river')
    await expect.poll(() => confirm.current?.title).toBe('Delete this draft?')
    confirm.answer(false)
    expect(await asked).toBe(false)
    expect(drafts.openId).toBe('draft-river')
    asked = drafts.deleteDraft('draft-river')
    await expect.poll(() => confirm.current?.message).toBe(`“${title}” will be deleted. Nothing else points at it.`)
    confirm.answer(true)
    expect(await asked).toBe(true)
    expect(drafts.openId).toBeNull()
    expect(drafts.byId.has('draft-river')).toBe(false)
    // Undo the delete, then the typing: the draft is back with its own id and as it was.
    await s.history.useHistory().undo()
    expect(drafts.byId.get('draft-river')?.standfirst).toBe('Typed just before the delete.')
    await s.history.useHistory().undo()
    expect(session.store.index.drafts.find((d) => d.id === 'draft-river')?.standfirst).not.toBe('Typed just before the delete.')
  })
})
