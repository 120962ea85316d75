import type { Handlers } from '../../shared/api/dispatch'
import type { MethodName } from '../../shared/api/contract'
import { VerbatimError } from '../../shared/errors'
import type { ArchiveIndex, RecordKind, RecordOf, Removed } from '../../shared/model'
import { newId, type ArchiveStore, type Transaction } from '../archive/store'
import { emptyRemoved } from './cascade'
import { collection, findRecord, nounOf } from './records'
import { putInTrash } from './trash'

/**
 * A new `updatedAt` for a record that was stamped `previous`: now, but always later than before,
 * so two saves in the same millisecond still tell a stale copy from the current one.
 */
export function nextStamp(previous: string | undefined, now = Date.now()): string {
  const before = previous ? Date.parse(previous) : Number.NaN
  return new Date(Number.isFinite(before) && before >= now ? before + 1 : now).toISOString()
}

/** Marks a record changed by a save that was not its own update (a cascade, a merge). */
export function touch(record: { updatedAt: string }, now?: number): void {
  record.updatedAt = nextStamp(record.updatedAt, now)
}

const labelOf = (record: object): string => {
  const r = record as { title?: unknown; name?: unknown; text?: unknown }
  const label = [r.title, r.name, r.text].find((v): v is string => typeof v === 'string' && v !== '')
  return label ? ` “${label.length > 80 ? `${label.slice(0, 79)}…` : label}”` : ''
}

/** The refusal a stale save gets: what happened, that nothing was saved, and what to do. */
export function staleUpdate(kind: RecordKind, record: { id: string; updatedAt: string }): VerbatimError {
  return new VerbatimError(
    'conflict',
    `The ${nounOf(kind)}${labelOf(record)} was changed elsewhere (in another window, tab or program) after this copy of it was loaded, so this change was not saved. Its newer version is shown now: make the change again on it.`
  )
}

/** What differs between record kinds; everything else about list/get/create/update/delete is shared. */
export interface KindRules<K extends RecordKind> {
  /** Builds the stored record from validated input (ids for nested parts, derived fields, transcripts). */
  create?: (input: never, base: { id: string; createdAt: string; updatedAt: string }, next: ArchiveIndex, tx: Transaction) => RecordOf<K> | Promise<RecordOf<K>>
  /**
   * Checks and fills a record before it is stored, on create and on update (`previous` is the record
   * as it was: a reference that was already broken when the archive was opened may stay broken,
   * a new one may not).
   */
  check?: (record: RecordOf<K>, next: ArchiveIndex, previous?: RecordOf<K>) => RecordOf<K>
  /** Removes what points at a deleted record, and notes in `removed` what it took (the trash entry). */
  cascade?: (record: RecordOf<K>, next: ArchiveIndex, tx: Transaction, removed: Removed) => void | Promise<void>
}

type CrudHandlers<K extends RecordKind> = Pick<Handlers, Extract<MethodName, `${K}.${'list' | 'get' | 'create' | 'update' | 'delete'}`>>

export function crudHandlers<K extends RecordKind>(store: ArchiveStore, kind: K, rules: KindRules<K> = {}): CrudHandlers<K> {
  const check = (record: RecordOf<K>, next: ArchiveIndex, previous?: RecordOf<K>): RecordOf<K> => (rules.check ? rules.check(record, next, previous) : record)
  const handlers = {
    [`${kind}.list`]: async () => collection(store.index, kind),
    [`${kind}.get`]: async ({ id }: { id: string }) => findRecord(store.index, kind, id),
    [`${kind}.create`]: (input: object) =>
      store.commit(async (next, tx) => {
        const now = new Date().toISOString()
        const base = { id: newId(), createdAt: now, updatedAt: now }
        const record = rules.create
          ? await rules.create(input as never, base, next, tx)
          : ({ ...input, ...base } as unknown as RecordOf<K>)
        const stored = check(record, next)
        collection(next, kind).push(stored)
        return stored
      }),
    [`${kind}.update`]: ({ id, patch, expectedUpdatedAt }: { id: string; patch: object; expectedUpdatedAt?: string }) =>
      store.commit((next) => {
        const list = collection(next, kind)
        const at = list.findIndex((r) => r.id === id)
        const current = findRecord(next, kind, id)
        // Checked inside the commit queue: no other save can slip in between the check and this one.
        if (expectedUpdatedAt !== undefined && current.updatedAt !== expectedUpdatedAt) throw staleUpdate(kind, current)
        const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
        const updated = check({ ...current, ...defined, id, updatedAt: nextStamp(current.updatedAt) } as RecordOf<K>, next, current)
        list[at] = updated
        return updated
      }),
    [`${kind}.delete`]: ({ id }: { id: string }) =>
      store.commit(async (next, tx) => {
        const record = findRecord(next, kind, id)
        const list = collection(next, kind)
        const position = list.indexOf(record)
        list.splice(position, 1)
        const removed = emptyRemoved()
        await rules.cascade?.(record, next, tx, removed)
        // Kept in the trash with what went with it, so that trash.restore can put exactly that back.
        const trashId = putInTrash(next, tx, kind, record, removed, position)
        return { id, deleted: true as const, trashId }
      })
  }
  return handlers as unknown as CrudHandlers<K>
}
