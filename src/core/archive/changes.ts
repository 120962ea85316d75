import { z } from 'zod'
import { VerbatimError } from '../../shared/errors'
import { describeIssues } from '../../shared/api/dispatch'
import type { ArchiveIndex } from '../../shared/model'
import { MANAGED_VALUES, type IndexShape } from './shape'

type Rec = Record<string, unknown> & { id: string }
type Loose = Record<string, unknown>

/** One record saved or deleted (`record` absent), or one top-level value set. */
export interface RecordChange {
  kind: string
  id: string
  record?: Readonly<Rec>
}
export interface ValueChange {
  key: string
  value: unknown
}
/** A collection whose records were put in another order than saving them one by one would give. */
export interface OrderChange {
  kind: string
  ids: string[]
}
export interface ChangeSet {
  records: RecordChange[]
  values: ValueChange[]
  orders: OrderChange[]
}

export const isEmpty = (c: ChangeSet): boolean => c.records.length === 0 && c.values.length === 0 && c.orders.length === 0

/**
 * Each collection's records by id, built the first time a save touches the collection and then
 * kept in step with every save, so that finding what a save changed never scans by id.
 */
export class RecordMaps {
  private readonly maps = new Map<string, Map<string, Rec>>()

  of(kind: string, list: readonly Rec[]): Map<string, Rec> {
    let map = this.maps.get(kind)
    if (!map) {
      map = new Map()
      for (const r of list) map.set(r.id, r)
      this.maps.set(kind, map)
    }
    return map
  }

  apply(changes: ChangeSet): void {
    for (const c of changes.records) {
      const map = this.maps.get(c.kind)
      if (!map) continue
      if (c.record) map.set(c.id, c.record as Rec)
      else map.delete(c.id)
    }
  }

  clear(): void {
    this.maps.clear()
  }
}

/** JSON equality: `undefined` and a missing key are the same, as they are once saved. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ka = Object.keys(a).filter((k) => (a as Loose)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Loose)[k] !== undefined)
  if (ka.length !== kb.length) return false
  for (const k of ka) if (!sameJson((a as Loose)[k], (b as Loose)[k])) return false
  return true
}

class Problems {
  readonly issues: z.core.$ZodIssue[] = []
  add(path: PropertyKey[], issues: readonly z.core.$ZodIssue[]): void {
    for (const issue of issues) this.issues.push({ ...issue, path: [...path, ...issue.path] } as z.core.$ZodIssue)
  }
  message(text: string, path: PropertyKey[]): void {
    this.issues.push({ code: 'custom', message: text, path, input: undefined } as z.core.$ZodIssue)
  }
  throwIfAny(): void {
    if (this.issues.length) throw new VerbatimError('invalid-input', describeIssues(new z.ZodError(this.issues)))
  }
}

/** Positions in `next` whose record is not the very object `base` had there: what may have changed. */
function touched(kind: string, base: readonly Rec[], next: readonly Rec[], byId: Map<string, Rec>, problems: Problems): { at: number[]; removed: string[]; reordered: boolean } {
  const at: number[] = []
  // The common saves keep the order: records replaced in place, and new ones at the end.
  let inPlace = next.length >= base.length
  for (let i = 0; inPlace && i < base.length; i++) {
    const n = next[i]
    if (n === base[i]) continue
    if (n && typeof n === 'object' && n.id === base[i]?.id) at.push(i)
    else inPlace = false
  }
  if (inPlace) {
    const fresh = new Set<string>()
    for (let i = base.length; i < next.length; i++) {
      const id = next[i]?.id
      if (typeof id === 'string' && (byId.has(id) || fresh.has(id))) problems.message(`two ${kind} records have the id ${id}`, [kind, i, 'id'])
      if (typeof id === 'string') fresh.add(id)
      at.push(i)
    }
    return { at, removed: [], reordered: false }
  }
  // Records removed or moved: compare by id.
  at.length = 0
  const seen = new Set<string>()
  for (let i = 0; i < next.length; i++) {
    const r = next[i]
    const id = r && typeof r === 'object' ? r.id : undefined
    if (typeof id === 'string') {
      if (seen.has(id)) problems.message(`two ${kind} records have the id ${id}`, [kind, i, 'id'])
      seen.add(id)
    }
    if (typeof id !== 'string' || byId.get(id) !== r) at.push(i)
  }
  const removed: string[] = []
  for (const r of base) if (!seen.has(r.id)) removed.push(r.id)
  return { at, removed, reordered: !keepsOrder(base, next, byId) }
}

/**
 * Whether applying the save record by record (a record replaced where it is, a new one at the
 * end, a deleted one taken out) gives `next`'s order. Not when a caller sorted or inserted.
 */
function keepsOrder(base: readonly Rec[], next: readonly Rec[], byId: Map<string, Rec>): boolean {
  let j = 0
  let appended = false
  for (const r of next) {
    const id = r?.id
    if (typeof id !== 'string') continue
    if (!byId.has(id)) {
      appended = true
      continue
    }
    if (appended) return false
    while (j < base.length && base[j]?.id !== id) j++
    if (j === base.length) return false
    j++
  }
  return true
}

/**
 * What a save changed from `base` to `next`, each changed record checked against its own schema
 * (and only those: the rest is what the last save already checked). `next` is the draft's result
 * and is adjusted in place: records equal to what they were keep their old object, and records
 * are stored as their schema reads them (defaults filled, unknown keys dropped).
 */
export function changesBetween(base: Readonly<ArchiveIndex>, next: ArchiveIndex, shape: IndexShape, maps: RecordMaps): ChangeSet {
  const out: ChangeSet = { records: [], values: [], orders: [] }
  if (next === base) return out
  const problems = new Problems()
  const b = base as unknown as Loose
  const n = next as unknown as Loose
  for (const key of Object.keys(n)) if (!shape.collections.has(key) && !shape.values.has(key)) delete n[key]
  for (const [key, schema] of shape.values) {
    if (MANAGED_VALUES.has(key) || n[key] === b[key]) continue
    if (sameJson(n[key], b[key])) {
      n[key] = b[key]
      continue
    }
    const parsed = schema.safeParse(n[key])
    if (!parsed.success) {
      problems.add([key], parsed.error.issues)
      continue
    }
    n[key] = parsed.data
    out.values.push({ key, value: parsed.data })
  }
  for (const [kind, schema] of shape.collections) {
    if (n[kind] === b[kind]) continue
    const before = (b[kind] ?? []) as Rec[]
    const after = n[kind]
    if (after === undefined) {
      const parsed = schema.array().safeParse(after)
      if (!parsed.success) problems.add([kind], parsed.error.issues)
      continue
    }
    if (!Array.isArray(after)) {
      problems.message('expected a list', [kind])
      continue
    }
    const list = after as Rec[]
    const byId = maps.of(kind, before)
    const { at, removed, reordered } = touched(kind, before, list, byId, problems)
    for (const i of at) {
      const record = list[i] as Rec
      const old = record && typeof record === 'object' ? byId.get(record.id) : undefined
      if (old && sameJson(old, record)) {
        list[i] = old
        continue
      }
      const parsed = schema.safeParse(record)
      if (!parsed.success) {
        problems.add([kind, i], parsed.error.issues)
        continue
      }
      const stored = parsed.data as Rec
      if (!sameJson(stored, record)) list[i] = stored
      out.records.push({ kind, id: stored.id, record: list[i] as Rec })
    }
    for (const id of removed) out.records.push({ kind, id })
    if (reordered) out.orders.push({ kind, ids: list.map((r) => r.id) })
  }
  problems.throwIfAny()
  return out
}
