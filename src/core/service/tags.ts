import { VerbatimError } from '../../shared/errors'
import type { Tag } from '../../shared/model'
import type { ArchiveStore } from '../archive/store'
import { findRecord } from './records'

/** Every use of `from` becomes a use of `into` (quotes and transcript segments), then `from` goes. */
export function mergeTags(store: ArchiveStore, fromId: string, intoId: string): Promise<{ tag: Tag; moved: { quotes: number; segments: number } }> {
  if (fromId === intoId) return Promise.reject(new VerbatimError('invalid-input', 'A tag cannot be merged into itself.'))
  return store.commit(async (next, tx) => {
    const from = findRecord(next, 'tags', fromId)
    const into = findRecord(next, 'tags', intoId)
    const swap = (ids: string[]) => [...new Set(ids.map((id) => (id === fromId ? intoId : id)))]
    let quotes = 0
    for (const q of next.quotes) {
      if (q.tagIds.includes(fromId)) {
        q.tagIds = swap(q.tagIds)
        q.updatedAt = new Date().toISOString()
        quotes++
      }
    }
    let segments = 0
    for (const interview of next.interviews) {
      const transcript = await store.transcript(interview.id)
      const uses = transcript.filter((s) => s.tagIds.includes(fromId)).length
      if (!uses) continue
      segments += uses
      tx.writeTranscript(interview.id, transcript.map((s) => (s.tagIds.includes(fromId) ? { ...s, tagIds: swap(s.tagIds) } : s)))
    }
    if (!into.description && from.description) into.description = from.description
    into.updatedAt = new Date().toISOString()
    next.tags = next.tags.filter((t) => t.id !== fromId)
    return { tag: structuredClone(into), moved: { quotes, segments } }
  })
}

/** How many quotes and segments carry each tag: what a delete or merge would touch. */
export async function tagUsage(store: ArchiveStore): Promise<Record<string, { quotes: number; segments: number }>> {
  // Counted in a Map: a tag id is data, and data never writes to an object's prototype.
  const usage = new Map<string, { quotes: number; segments: number }>()
  const of = (id: string) => {
    let u = usage.get(id)
    if (!u) usage.set(id, (u = { quotes: 0, segments: 0 }))
    return u
  }
  for (const t of store.index.tags) of(t.id)
  for (const q of store.index.quotes) for (const id of q.tagIds) of(id).quotes++
  for (const interview of store.index.interviews) {
    const segments = await store.transcript(interview.id).catch(() => [])
    for (const s of segments) for (const id of s.tagIds) of(id).segments++
  }
  // Handed out as a null-prototype object: the JSON shape callers know, with no prototype to reach.
  const out = Object.create(null) as Record<string, { quotes: number; segments: number }>
  for (const [id, u] of usage) out[id] = u
  return out
}
