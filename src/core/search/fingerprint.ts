// Which state of the archive the index holds. A saved index is used only for the archive content
// it was made from: the revision alone can lie (restoring a backup moves it back, and new saves
// bring it to the same number again), so the index also keeps a fingerprint of every record search
// reads (interviews, quotes, sources, tags: id and last change). It is a sum of per-record hashes,
// so a save updates it from the records it changed instead of hashing the whole archive.
import type { ArchiveIndex } from '../../shared/model'

type Searched = Pick<ArchiveIndex, 'archiveId' | 'interviews' | 'quotes' | 'sources' | 'tags'>
export type SearchedRecord = { id: string; updatedAt: string; name?: string }
export const SEARCHED_KINDS = ['interviews', 'quotes', 'sources', 'tags'] as const
export type SearchedKind = (typeof SEARCHED_KINDS)[number]

/** 64 bits of FNV-1a (two 32-bit lanes with different seeds). */
function hash(text: string): [number, number] {
  let a = 0x811c9dc5
  let b = 0x01000193 ^ 0x9e3779b9
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    a = Math.imul(a ^ c, 0x01000193)
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15)
  }
  return [a >>> 0, b >>> 0]
}

export function recordHash(kind: SearchedKind, record: SearchedRecord): [number, number] {
  // A tag's name decides what `tag:` finds even when nothing else of it changed.
  return hash(`${kind}\u0000${record.id}\u0000${record.updatedAt}\u0000${kind === 'tags' ? (record.name ?? '') : ''}`)
}

/** The sum (xor) of the hashes of every searched record. */
export function recordsSum(archive: Searched): [number, number] {
  let a = 0
  let b = 0
  for (const kind of SEARCHED_KINDS) {
    for (const record of archive[kind] as readonly SearchedRecord[]) {
      const [x, y] = recordHash(kind, record)
      a ^= x
      b ^= y
    }
  }
  return [a >>> 0, b >>> 0]
}

export function fingerprintOf(archiveId: string, sum: readonly [number, number]): string {
  return `${archiveId}:${sum[0].toString(16).padStart(8, '0')}${sum[1].toString(16).padStart(8, '0')}`
}

export interface RecordChanges<T extends SearchedRecord> {
  /** New or changed records, as they are now. */
  upserted: T[]
  /** The changed ones as they were. */
  replaced: T[]
  removed: T[]
}

/**
 * Records added, changed (by `updatedAt`) or removed between two states of one list. Lists that
 * keep their order (the usual save touches one record) are compared side by side without building
 * maps.
 */
export function changedRecords<T extends SearchedRecord>(before: readonly T[], after: readonly T[]): RecordChanges<T> {
  if (before.length === after.length) {
    const upserted: T[] = []
    const replaced: T[] = []
    let aligned = true
    for (let i = 0; i < after.length; i++) {
      const a = before[i] as T
      const b = after[i] as T
      if (a === b) continue
      if (a.id !== b.id) {
        aligned = false
        break
      }
      if (a.updatedAt !== b.updatedAt || a.name !== b.name) {
        upserted.push(b)
        replaced.push(a)
      }
    }
    if (aligned) return { upserted, replaced, removed: [] }
  }
  const old = new Map(before.map((r) => [r.id, r]))
  const now = new Set(after.map((r) => r.id))
  const upserted: T[] = []
  const replaced: T[] = []
  for (const r of after) {
    const was = old.get(r.id)
    if (was && was.updatedAt === r.updatedAt && was.name === r.name) continue
    upserted.push(r)
    if (was) replaced.push(was)
  }
  return { upserted, replaced, removed: before.filter((r) => !now.has(r.id)) }
}

/** The sum after a change, from the sum before it and the records the change touched. */
export function nextSum(sum: readonly [number, number], kind: SearchedKind, changes: RecordChanges<SearchedRecord>): [number, number] {
  let [a, b] = sum
  for (const record of [...changes.removed, ...changes.replaced, ...changes.upserted]) {
    const [x, y] = recordHash(kind, record)
    a ^= x
    b ^= y
  }
  return [a >>> 0, b >>> 0]
}
