import { defineStore } from 'pinia'
import type { RecordKind } from '../../../shared/model'
import { api } from '../api'
import { useCodebook } from './codebook'
import { useConfirm } from './confirm'
import { useHistory, type HistoryEntry } from './history'
import { useInterviews } from './interviews'
import { useNotices } from './notices'
import { useQuotes } from './quotes'
import { useClaims } from './claims'
import { useDrafts } from './drafts'
import { useTags } from './records'
import { useSources } from './sources'

const nouns: Record<RecordKind, string> = { interviews: 'interview', sources: 'source', tags: 'tag', quotes: 'quote', claims: 'claim', drafts: 'draft' }

/** The lists a delete of each kind can change: the record's own, and those its cascade reaches. */
const reaches: Record<RecordKind, RecordKind[]> = {
  interviews: ['interviews', 'quotes', 'claims', 'drafts'],
  sources: ['sources', 'interviews', 'quotes', 'claims', 'drafts'],
  tags: ['tags', 'quotes'],
  quotes: ['quotes', 'claims', 'drafts'],
  claims: ['claims', 'drafts'],
  drafts: ['drafts']
}

/**
 * Deleting with undo, for every record kind: the app asks first in its own dialog, saying what
 * goes with the record ("1 quote and 1 block in 1 draft go with it."); the delete is one step
 * of the undo history, and a notice offers Undo too. Undo is `trash.restore`, which puts the
 * record and everything its delete took back.
 */
export const useTrash = defineStore('trash', () => {
  const notices = useNotices()
  const history = useHistory()
  const stores = () => ({ interviews: useInterviews(), sources: useSources(), tags: useTags(), quotes: useQuotes(), claims: useClaims(), drafts: useDrafts() })

  async function refresh(kind: RecordKind): Promise<void> {
    const all = stores()
    await Promise.all(reaches[kind].map((k) => all[k].load()))
    if (kind === 'tags') await useCodebook().loadUsage().catch(() => undefined)
    // A person's speaker links go and come back with them: the transcript on screen reads them again.
    if (kind === 'sources') await useInterviews().reloadTranscript()
  }

  /**
   * Asks, deletes and offers undo. `label` names the record in the question ("Nadia Petrenko,
   * volunteer rescuer"); the archive's own label is used when it is absent. `noun` names the kind as
   * the screen does ("person", "document"). True once deleted.
   */
  async function deleteWithUndo(kind: RecordKind, id: string, label?: string, noun = nouns[kind]): Promise<boolean> {
    const impact = await notices.attempt(() => api.call('records.impact', { kind, id }))
    if (!impact) return false
    const name = label ?? impact.label
    const ok = await useConfirm().ask({
      title: `Delete this ${noun}?`,
      message: `“${name.replace(/^“|”$/g, '')}” will be deleted. ${impact.summary}`,
      details: [
        ...impact.claims.map((c) => `Claim: ${c.text}`),
        ...impact.drafts.map((d) => `Draft: ${d.title}`),
        `Undo (${navigator.platform.includes('Mac') ? '⌘' : 'Ctrl'}+Z) brings it all back.`
      ],
      confirm: `Delete ${noun}`,
      danger: true
    })
    if (!ok) return false
    let trashId = ''
    const entry: HistoryEntry = {
      label: `Delete ${noun}`,
      redo: async () => {
        // An open draft saves what was typed and closes first: a save after the delete would fail.
        if (kind === 'drafts' && useDrafts().openId === id) await useDrafts().close()
        // The first time a delete; after an undo, the same record comes back out of the archive again.
        trashId = (await stores()[kind].remove(id)).trashId
        if (kind === 'interviews' && useInterviews().openId === id) useInterviews().closeTranscript()
        await refresh(kind)
      },
      undo: async () => {
        await api.call('trash.restore', { id: trashId })
        await refresh(kind)
      }
    }
    if (!(await history.perform(entry))) return false
    notices.push('info', `Deleted ${noun} “${name.replace(/^“|”$/g, '')}”.`, 10_000, { label: 'Undo', run: () => history.undoEntry(entry) })
    return true
  }

  return { deleteWithUndo }
})
