import { createHash } from 'node:crypto'
import { SCHEMA_VERSION, type ArchiveIndex } from '../../shared/model'
import type { IndexShape } from './shape'

export const checkpointHash = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * Each record's own revision: the archive revision of the save that last wrote it. Two windows'
 * optimistic checks compare it, and it is what a replica (a CouchDB `_rev`) would carry.
 */
export class RecordRevisions {
  private readonly byKind = new Map<string, Map<string, number>>()

  get(kind: string, id: string): number | undefined {
    return this.byKind.get(kind)?.get(id)
  }

  set(kind: string, id: string, rev: number): void {
    let map = this.byKind.get(kind)
    if (!map) this.byKind.set(kind, (map = new Map()))
    map.set(id, rev)
  }

  delete(kind: string, id: string): void {
    this.byKind.get(kind)?.delete(id)
  }
}

/** The revisions archive.json keeps as `_rev` in each record (older archives have none: 0). */
export function revisionsIn(raw: unknown, shape: IndexShape): RecordRevisions {
  const revs = new RecordRevisions()
  if (!raw || typeof raw !== 'object') return revs
  for (const kind of shape.collections.keys()) {
    const list = (raw as Record<string, unknown>)[kind]
    if (!Array.isArray(list)) continue
    for (const r of list as Array<{ id?: unknown; _rev?: unknown } | null>) {
      if (r && typeof r.id === 'string' && typeof r._rev === 'number') revs.set(kind, r.id, r._rev)
    }
  }
  return revs
}

/**
 * archive.json as a checkpoint writes it: the index, pretty-printed for people, each record with
 * its `_rev`. The schema reads past `_rev`, so older builds and `jq` see the same index.
 */
export function checkpointText(index: Readonly<ArchiveIndex>, revs: Pick<RecordRevisions, 'get'>, shape: IndexShape): string {
  const out: Record<string, unknown> = { ...index }
  for (const kind of shape.collections.keys()) {
    const list = out[kind]
    if (!Array.isArray(list)) continue
    out[kind] = (list as Array<{ id: string }>).map((r) => ({ ...r, _rev: revs.get(kind, r.id) ?? 0 }))
  }
  return `${JSON.stringify(out, null, 2)}\n`
}

/**
 * archive.json as this build wrote it at a checkpoint (the journal's header names its hash):
 * every record in it was checked by its schema when it was saved, so it is taken as parsed, only
 * without the `_rev`s, which go to `revs`. Null when it is not that (another format version, or
 * not an index at all): then it is read the careful way.
 */
export function trustedIndex(raw: unknown, shape: IndexShape, revs: RecordRevisions): ArchiveIndex | null {
  if (!raw || typeof raw !== 'object' || (raw as { schemaVersion?: unknown }).schemaVersion !== SCHEMA_VERSION) return null
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) }
  for (const kind of shape.collections.keys()) {
    const list = out[kind]
    if (list === undefined) continue
    if (!Array.isArray(list)) return null
    out[kind] = list.map((r: Record<string, unknown> & { id: string }) => {
      const { _rev, ...record } = r
      if (typeof _rev === 'number') revs.set(kind, record.id, _rev)
      return record
    })
  }
  return out as unknown as ArchiveIndex
}
