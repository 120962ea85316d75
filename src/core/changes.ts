import type { ArchiveChange } from '../shared/api/contract'
import { recordKinds, type ArchiveIndex } from '../shared/model'
import type { CommitEvent } from './archive/store'

/** Past this many changed records of one kind a window reloads the kind instead of each record. */
export const MAX_LISTED_CHANGES = 200

type Stamped = { id: string; updatedAt: string }

export function emptyChange(revision: number): ArchiveChange {
  return { revision, changed: [], deleted: [], transcripts: [], reloadKinds: [], settings: false, reset: false }
}

/**
 * What one save changed, told by ids and `updatedAt` stamps (every save stamps the records it
 * changes). Records are compared in place first, so an archive whose order did not move costs
 * one string comparison per record and no allocation; only a kind whose order changed is
 * matched by id. Never carries a record, only what a window needs to fetch it.
 */
export function describeCommit(event: Pick<CommitEvent, 'previous' | 'next' | 'transcriptsWritten' | 'transcriptsDeleted'>): ArchiveChange {
  const change = emptyChange(event.next.revision)
  for (const kind of recordKinds) {
    const before = event.previous[kind] as readonly Stamped[]
    const after = event.next[kind] as readonly Stamped[]
    if (before === after) continue
    const { changed, deleted } = diffKind(before, after)
    if (changed.length + deleted.length > MAX_LISTED_CHANGES) {
      change.reloadKinds.push(kind)
      continue
    }
    for (const r of changed) change.changed.push({ kind, id: r.id, updatedAt: r.updatedAt })
    for (const id of deleted) change.deleted.push({ kind, id })
  }
  change.transcripts = [...event.transcriptsWritten.keys(), ...event.transcriptsDeleted]
  change.settings = !sameSettings(event.previous, event.next)
  return change
}

function diffKind(before: readonly Stamped[], after: readonly Stamped[]): { changed: Stamped[]; deleted: string[] } {
  let same = 0
  const common = Math.min(before.length, after.length)
  while (same < common && before[same]?.id === after[same]?.id && before[same]?.updatedAt === after[same]?.updatedAt) same++
  if (same === before.length && same === after.length) return { changed: [], deleted: [] }
  // The usual save: one record appended or changed in place, the rest in the same order.
  const old = new Map<string, string>()
  for (let i = same; i < before.length; i++) {
    const r = before[i]
    if (r) old.set(r.id, r.updatedAt)
  }
  const changed: Stamped[] = []
  const seen = new Set<string>()
  for (let i = same; i < after.length; i++) {
    const r = after[i]
    if (!r) continue
    seen.add(r.id)
    if (old.get(r.id) !== r.updatedAt) changed.push(r)
  }
  const deleted = [...old.keys()].filter((id) => !seen.has(id))
  return { changed, deleted }
}

function sameSettings(a: Readonly<ArchiveIndex>, b: Readonly<ArchiveIndex>): boolean {
  return a.settings === b.settings || JSON.stringify(a.settings) === JSON.stringify(b.settings)
}
