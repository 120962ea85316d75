import type { ArchiveIndex } from '../../shared/model'
import type { IndexShape } from './shape'

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
export function checkpointText(index: Readonly<ArchiveIndex>, revs: RecordRevisions, shape: IndexShape): string {
  const out: Record<string, unknown> = { ...index }
  for (const kind of shape.collections.keys()) {
    const list = out[kind]
    if (!Array.isArray(list)) continue
    out[kind] = (list as Array<{ id: string }>).map((r) => ({ ...r, _rev: revs.get(kind, r.id) ?? 0 }))
  }
  return `${JSON.stringify(out, null, 2)}\n`
}
