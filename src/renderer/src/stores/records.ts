import { defineStore } from 'pinia'
import { computed, ref, type Ref } from 'vue'
import type { Deleted, InputOf, MethodName } from '../../../shared/api/contract'
import type { RecordKind, RecordOf } from '../../../shared/model'
import { api } from '../api'

type Create<K extends RecordKind> = InputOf<`${K}.create` & MethodName>
type Patch<K extends RecordKind> = InputOf<`${K}.update` & MethodName> extends { patch: infer P } ? P : never

/**
 * The part every record store shares: a list kept in step with the archive through the API.
 * Each domain store (interviews, sources, …) is built from it and adds its own actions.
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

  async function create(input: Create<K>): Promise<RecordOf<K>> {
    const record = (await api.call(method('create'), input as never)) as unknown as RecordOf<K>
    items.value = [...items.value, record]
    return record
  }

  async function update(id: string, patch: Patch<K>): Promise<RecordOf<K>> {
    const record = (await api.call(method('update'), { id, patch } as never)) as unknown as RecordOf<K>
    items.value = items.value.map((r) => (r.id === id ? record : r))
    return record
  }

  /** Deletes a record; the answer names the trash entry that can bring it back. */
  async function remove(id: string): Promise<Deleted> {
    const deleted = (await api.call(method('delete'), { id } as never)) as Deleted
    items.value = items.value.filter((r) => r.id !== id)
    return deleted
  }

  return { items, loaded, byId, load, create, update, remove }
}

export const useTags = defineStore('tags', () => recordStore('tags'))
export const useDrafts = defineStore('drafts', () => recordStore('drafts'))
