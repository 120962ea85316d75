import { defineStore } from 'pinia'
import { computed, ref, type Ref } from 'vue'
import type { ArchiveChange, Deleted, InputOf, MethodName } from '../../../shared/api/contract'
import type { RecordKind, RecordOf } from '../../../shared/model'
import { api, onArchiveChange } from '../api'

type Create<K extends RecordKind> = InputOf<`${K}.create` & MethodName>
type Patch<K extends RecordKind> = InputOf<`${K}.update` & MethodName> extends { patch: infer P } ? P : never

const codeOf = (e: unknown): string | undefined => (e as { code?: string } | null)?.code

/**
 * The part every record store shares: a list kept in step with the archive through the API.
 * Each domain store (interviews, sources, …) is built from it and adds its own actions.
 *
 * Two windows can edit one archive. Every update says which version it was based on (the
 * record's `updatedAt` as this window has it), so a save over a newer version made elsewhere is
 * refused instead of silently undoing it; the newer version is then fetched and shown, and the
 * refusal's message tells the user. Changes saved elsewhere arrive through `onArchiveChange`
 * and are fetched by id: the list shows them without a reload.
 */
export function recordStore<K extends RecordKind>(kind: K) {
  const items = ref([]) as Ref<RecordOf<K>[]>
  const loaded = ref(false)
  const byId = computed(() => new Map(items.value.map((r) => [r.id, r])))
  const method = (verb: string) => `${kind}.${verb}` as MethodName

  async function load(): Promise<void> {
    items.value = (await api.call(method('list'), {} as never)) as unknown as RecordOf<K>[]
    loaded.value = true
  }

  /** Shows `record`, unless this window already holds a newer version of it (answers can cross). */
  function put(record: RecordOf<K>): void {
    const current = byId.value.get(record.id)
    if (!current) items.value = [...items.value, record]
    else if (current.updatedAt <= record.updatedAt) items.value = items.value.map((r) => (r.id === record.id ? record : r))
  }

  function drop(id: string): void {
    if (byId.value.has(id)) items.value = items.value.filter((r) => r.id !== id)
  }

  /** Fetches one record as the archive has it now (gone: taken off the list). */
  async function refresh(id: string): Promise<void> {
    try {
      put((await api.call(method('get'), { id } as never)) as unknown as RecordOf<K>)
    } catch (e) {
      if (codeOf(e) === 'not-found') drop(id)
      else throw e
    }
  }

  async function create(input: Create<K>): Promise<RecordOf<K>> {
    const record = (await api.call(method('create'), input as never)) as unknown as RecordOf<K>
    put(record)
    return record
  }

  /**
   * Saves `patch` over the version this window shows, or over `basedOn` when the caller knows
   * better (an undo is based on what its own redo saved, not on whatever is shown by then).
   */
  async function update(id: string, patch: Patch<K>, basedOn: string | undefined = byId.value.get(id)?.updatedAt): Promise<RecordOf<K>> {
    try {
      const record = (await api.call(method('update'), { id, patch, ...(basedOn ? { expectedUpdatedAt: basedOn } : {}) } as never)) as unknown as RecordOf<K>
      put(record)
      return record
    } catch (e) {
      // Changed (or deleted) elsewhere since this window loaded it: show what the archive holds now.
      if (codeOf(e) === 'conflict' || codeOf(e) === 'not-found') await refresh(id).catch(() => undefined)
      throw e
    }
  }

  /** Deletes a record; the answer names the trash entry that can bring it back. */
  async function remove(id: string): Promise<Deleted> {
    const deleted = (await api.call(method('delete'), { id } as never)) as Deleted
    drop(id)
    return deleted
  }

  /** Keeps the list in step with saves made anywhere: fetches what changed, by id. */
  async function follow(change: ArchiveChange): Promise<void> {
    if (!loaded.value) return
    if (change.reset || change.reloadKinds.includes(kind)) return load()
    for (const gone of change.deleted) if (gone.kind === kind) drop(gone.id)
    // A record this window already shows at that stamp was its own save: nothing to fetch.
    const fetch = change.changed.filter((c) => c.kind === kind && byId.value.get(c.id)?.updatedAt !== c.updatedAt)
    await Promise.all(fetch.map((c) => refresh(c.id)))
  }
  onArchiveChange((change) => {
    follow(change).catch((e: unknown) => console.error(`verbatim: could not follow a change to ${kind}:`, e))
  })

  return { items, loaded, byId, load, create, update, remove, refresh }
}

export const useTags = defineStore('tags', () => recordStore('tags'))
