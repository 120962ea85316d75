import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { ClaimReview } from '../../../shared/claims'
import type { Claim, ClaimStatus, Stance } from '../../../shared/model'
import { api } from '../api'
import { downloadText } from '../download'
import { factcheckFileName, sortBoard, type ClaimSort } from './claims-logic'
import { useHistory } from './history'
import { useNotices } from './notices'
import { useDrafts } from './drafts'
import { recordStore } from './records'
import { useTrash } from './trash'

export interface BoardFilter {
  status: '' | ClaimStatus
  sourceId: string
  draftId: string
}

type EvidenceInput = Omit<Claim['evidence'][number], 'id'> & { id?: string }

/** A claim's evidence as a patch takes it: the same links, ids kept. */
const evidenceOf = (claim: Claim): EvidenceInput[] => claim.evidence.map((e) => ({ ...e }))

/**
 * The claims board: every claim with its suggested and chosen status, voices, evidence and
 * conflicts (as claims.review works them out), the claim open in the detail panel, every edit to a
 * claim, deleting one, and the fact-check sheet.
 */
export const useClaims = defineStore('claims', () => {
  const records = recordStore('claims')
  const notices = useNotices()
  const history = useHistory()

  const board = ref<ClaimReview[]>([])
  const boardLoaded = ref(false)
  const filter = ref<BoardFilter>({ status: '', sourceId: '', draftId: '' })
  const sort = ref<ClaimSort>('weakest')
  const shown = computed(() => sortBoard(board.value, sort.value))
  const filtered = computed(() => Boolean(filter.value.status || filter.value.sourceId || filter.value.draftId))

  let ticket = 0
  /** Reads the board as the filter asks; an answer that arrives after a newer question is dropped. */
  async function loadBoard(): Promise<void> {
    const mine = ++ticket
    const f = filter.value
    const { claims } = await api.call('claims.review', {
      ...(f.status ? { status: f.status } : {}),
      ...(f.sourceId ? { sourceId: f.sourceId } : {}),
      ...(f.draftId ? { draftId: f.draftId } : {})
    })
    if (mine !== ticket) return
    board.value = claims
    boardLoaded.value = true
    const open = selectedId.value ? claims.find((c) => c.id === selectedId.value) : undefined
    if (open) detail.value = open
  }
  watch(filter, () => void notices.attempt(loadBoard), { deep: true })

  /** The list, and the board when it has been shown: the app calls this at start and after a restore. */
  async function load(): Promise<void> {
    await records.load()
    if (boardLoaded.value) await loadBoard()
    if (selectedId.value && !records.byId.value.has(selectedId.value)) deselect()
  }

  /** The list and the board, read again (after a merge moved evidence between people). */
  async function reload(): Promise<void> {
    await Promise.all([records.load(), loadBoard()])
    if (selectedId.value && !records.byId.value.has(selectedId.value)) deselect()
  }

  /**
   * One claim read again after an edit. It keeps its place on the board until the board is read
   * again, so the card the editor is working on does not jump away.
   */
  async function refresh(ids: string[]): Promise<void> {
    const known = ids.filter((id) => records.byId.value.has(id))
    if (!known.length) return
    const { claims } = await api.call('claims.review', { ids: known })
    const fresh = new Map(claims.map((c) => [c.id, c]))
    board.value = board.value.map((c) => fresh.get(c.id) ?? c)
    const open = selectedId.value ? fresh.get(selectedId.value) : undefined
    if (open) detail.value = open
  }
  const refreshOne = (id: string): Promise<void> => refresh([id])

  /** Claims that rest on these quotes, read again after the quotes' speakers changed. */
  function refreshForQuotes(quoteIds: string[]): Promise<void> {
    const changed = new Set(quoteIds)
    return refresh(records.items.value.filter((c) => c.evidence.some((e) => e.quoteId && changed.has(e.quoteId))).map((c) => c.id))
  }

  // ——— the claim open in the detail panel ———

  const selectedId = ref<string | null>(null)
  /** The open claim's review; kept even when the filter hides it from the board. */
  const detail = ref<ClaimReview | null>(null)

  async function select(id: string): Promise<void> {
    selectedId.value = id
    detail.value = board.value.find((c) => c.id === id) ?? null
    if (!detail.value) await notices.attempt(() => refreshOne(id))
  }

  function deselect(): void {
    selectedId.value = null
    detail.value = null
  }

  /** Saves a patch on a claim and reads its review again. */
  async function patch(id: string, changes: Parameters<typeof records.update>[1]): Promise<void> {
    await records.update(id, changes)
    await refreshOne(id)
  }

  /** Takes in a claim another call changed (evidence added in one step). */
  async function replaceRecord(claim: Claim): Promise<void> {
    records.items.value = records.byId.value.has(claim.id) ? records.items.value.map((c) => (c.id === claim.id ? claim : c)) : [...records.items.value, claim]
    await refreshOne(claim.id)
  }

  /** Writes a new claim down, puts it on the board and opens it. */
  async function add(text: string): Promise<Claim | undefined> {
    const statement = text.trim()
    if (!statement) {
      notices.push('error', 'A claim needs its statement.')
      return undefined
    }
    const claim = await notices.attempt(() => records.create({ text: statement }))
    if (!claim) return undefined
    await notices.attempt(loadBoard)
    await select(claim.id)
    return claim
  }

  async function saveText(id: string, text: string): Promise<boolean> {
    const statement = text.trim()
    const claim = records.byId.value.get(id)
    if (!claim || statement === claim.text) return true
    return (await notices.attempt(() => patch(id, { text: statement }))) !== undefined
  }

  async function saveNote(id: string, note: string): Promise<boolean> {
    const claim = records.byId.value.get(id)
    if (!claim || note.trim() === (claim.note ?? '')) return true
    return (await notices.attempt(() => patch(id, { note: note.trim() }))) !== undefined
  }

  /** Deletes a claim, asking first (the drafts that state it lose its block); undo brings it back with its evidence. */
  function deleteClaim(id: string): Promise<boolean> {
    const claim = records.byId.value.get(id)
    return claim ? useTrash().deleteWithUndo('claims', id, claim.text) : Promise.resolve(false)
  }

  /** An undoable change to a claim's evidence links: undo puts the links back as they were. */
  function editEvidence(id: string, label: string, change: (evidence: EvidenceInput[]) => EvidenceInput[]): Promise<boolean> {
    const claim = records.byId.value.get(id)
    if (!claim) return Promise.resolve(false)
    const before = evidenceOf(claim)
    const after = change(evidenceOf(claim))
    return history.perform({
      label,
      redo: () => patch(id, { evidence: after }),
      undo: () => patch(id, { evidence: before })
    })
  }

  function setStance(id: string, evidenceId: string, stance: Stance): Promise<boolean> {
    return editEvidence(id, 'Change the stance of evidence', (list) => list.map((e) => (e.id === evidenceId ? { ...e, relation: stance } : e)))
  }

  function removeEvidence(id: string, evidenceId: string): Promise<boolean> {
    return editEvidence(id, 'Remove evidence', (list) => list.filter((e) => e.id !== evidenceId))
  }

  /** Links a document (a report, a dataset, a statement) as evidence. */
  function linkDocument(id: string, sourceId: string, stance: Stance): Promise<boolean> {
    return editEvidence(id, 'Link a document as evidence', (list) =>
      list.some((e) => e.kind === 'document' && e.sourceId === sourceId) ? list : [...list, { kind: 'document', sourceId, relation: stance }]
    )
  }

  /** Status as it was, for undo: the editor's choice or the evidence's, and the reason. */
  function statusOf(claim: Claim) {
    return { status: claim.status, statusSetBy: claim.statusSetBy, overrideReason: claim.overrideReason ?? '' }
  }

  /** The editor chooses a status; it stays whatever the evidence says later, with the reason shown beside it. */
  function chooseStatus(id: string, status: ClaimStatus, reason: string): Promise<boolean> {
    const claim = records.byId.value.get(id)
    if (!claim) return Promise.resolve(false)
    const before = statusOf(claim)
    return history.perform({
      label: 'Choose a claim’s status',
      redo: () => patch(id, { status, statusSetBy: 'editor', overrideReason: reason.trim() }),
      undo: () => patch(id, before)
    })
  }

  /** Hands the status back to the evidence. */
  function followEvidence(id: string): Promise<boolean> {
    const claim = records.byId.value.get(id)
    if (!claim) return Promise.resolve(false)
    const before = statusOf(claim)
    return history.perform({
      label: 'Return a claim to the suggested status',
      redo: () => patch(id, { statusSetBy: 'suggestion', overrideReason: '' }),
      undo: () => patch(id, before)
    })
  }

  // ——— the fact-check sheet ———

  const exporting = ref(false)
  /** Why the last sheet was not made (the archive refuses a sheet that would leak). */
  const exportError = ref<string | null>(null)

  /** Downloads the sheet for the draft the board is filtered to, or for every claim. */
  async function exportSheet(): Promise<boolean> {
    exportError.value = null
    exporting.value = true
    const draftId = filter.value.draftId || undefined
    try {
      const { markdown, claims } = await api.call('factcheck.markdown', draftId ? { draftId } : {})
      const title = (draftId && useDrafts().byId.get(draftId)?.title) || 'all claims'
      downloadText(markdown, factcheckFileName(title, new Date()))
      notices.push('info', `Fact-check sheet saved: ${claims} claim${claims === 1 ? '' : 's'}.`)
      return true
    } catch (e) {
      exportError.value = e instanceof Error ? e.message : String(e)
      return false
    } finally {
      exporting.value = false
    }
  }

  return {
    ...records,
    load,
    board,
    boardLoaded,
    filter,
    filtered,
    sort,
    shown,
    loadBoard,
    reload,
    refresh,
    refreshOne,
    refreshForQuotes,
    replaceRecord,
    selectedId,
    detail,
    select,
    deselect,
    add,
    saveText,
    saveNote,
    deleteClaim,
    setStance,
    removeEvidence,
    linkDocument,
    chooseStatus,
    followEvidence,
    exporting,
    exportError,
    exportSheet
  }
})
