import type { ArchiveIndex } from '../../shared/model'
import type { RecordRevisions } from './checkpoint'
import { parseJournal, type JournalHeader } from './journal'
import { MANAGED_VALUES, type IndexShape } from './shape'

type Rec = Record<string, unknown> & { id: string }

export interface Replayed {
  index: ArchiveIndex
  header: JournalHeader | null
  /** Saves applied on top of archive.json. */
  applied: number
  /** Transcript files deleted by saves since the checkpoint: removed from disk at the next one. */
  deletedTranscripts: Set<string>
  /** Where the journal's whole lines end, and how many bytes of a torn last line follow. */
  goodLength: number
  tornBytes: number
  headerBytes: number
  /** Why the journal (or part of it) could not be applied; the saves before the problem were. */
  problem?: string
  /** Whole lines from the problem on that were not applied (saves that may be lost). */
  unapplied: number
}

/** One collection being replayed: copied on first change, with its records' positions by id. */
class Collection {
  private positions: Map<string, number> | undefined
  constructor(public list: Rec[]) {}

  private at(): Map<string, number> {
    if (!this.positions) {
      this.positions = new Map()
      this.list.forEach((r, i) => this.positions?.set(r.id, i))
    }
    return this.positions
  }

  put(record: Rec): void {
    const i = this.at().get(record.id)
    if (i === undefined) {
      this.at().set(record.id, this.list.length)
      this.list.push(record)
    } else this.list[i] = record
  }

  remove(id: string): void {
    if (!this.at().has(id)) return
    this.list = this.list.filter((r) => r.id !== id)
    this.positions = undefined
  }

  order(ids: string[]): void {
    const rank = new Map(ids.map((id, i) => [id, i]))
    const last = ids.length
    this.list = [...this.list].sort((a, b) => (rank.get(a.id) ?? last) - (rank.get(b.id) ?? last))
    this.positions = undefined
  }
}

interface Checked {
  rev: number
  apply: Array<() => void>
  written: string[]
  deleted: string[]
}

/** Checks one line completely before any of it is applied: a save is applied whole or not at all. */
function check(value: unknown, shape: IndexShape, collection: (kind: string) => Collection, values: Record<string, unknown>, revs: RecordRevisions, tolerant: boolean): Checked | string {
  const line = value as { rev?: unknown; changes?: unknown; transcripts?: { written?: unknown; deleted?: unknown } } | null
  if (!line || typeof line.rev !== 'number' || !Array.isArray(line.changes)) return 'it is not a save'
  const rev = line.rev
  const apply: Array<() => void> = []
  for (const change of line.changes as Array<Record<string, unknown> | null>) {
    if (!change || typeof change !== 'object') return 'a change in it is not an object'
    if (typeof change.key === 'string') {
      const schema = shape.values.get(change.key)
      if (!schema || MANAGED_VALUES.has(change.key)) {
        if (tolerant) continue
        return `it sets ${change.key}, which this archive does not have`
      }
      const parsed = schema.safeParse(change.value)
      if (!parsed.success) return `its ${change.key} does not match the format`
      const key = change.key
      apply.push(() => (values[key] = parsed.data))
      continue
    }
    const kind = change.kind
    const schema = typeof kind === 'string' ? shape.collections.get(kind) : undefined
    if (typeof kind !== 'string' || !schema) {
      if (tolerant) continue
      return `it changes ${String(kind)}, which this archive does not have`
    }
    if (Array.isArray(change.order)) {
      const ids = change.order.filter((id): id is string => typeof id === 'string')
      apply.push(() => collection(kind).order(ids))
      continue
    }
    if (typeof change.id !== 'string') return 'a change in it names no record'
    const id = change.id
    if (change.deleted === true) {
      apply.push(() => {
        collection(kind).remove(id)
        revs.delete(kind, id)
      })
      continue
    }
    const parsed = schema.safeParse(change.record)
    if (!parsed.success) return `its ${kind} record ${id} does not match the format`
    const record = parsed.data as Rec
    if (record.id !== id) return `its ${kind} record ${id} carries the id ${record.id}`
    apply.push(() => {
      collection(kind).put(record)
      revs.set(kind, id, rev)
    })
  }
  const ids = (x: unknown): string[] => (Array.isArray(x) ? x.filter((v): v is string => typeof v === 'string') : [])
  return { rev, apply, written: ids(line.transcripts?.written), deleted: ids(line.transcripts?.deleted) }
}

/**
 * archive.json's index with the journal's saves applied in order. Saves archive.json already
 * holds (a crash came between writing a checkpoint and starting a new journal) are skipped; a
 * journal that does not continue this archive.json, or a damaged line, stops the replay there and
 * says so. `revs` is updated in place.
 */
export function replayJournal(text: string | null, checkpoint: ArchiveIndex, revs: RecordRevisions, shape: IndexShape, tolerant = false): Replayed {
  const out: Replayed = { index: checkpoint, header: null, applied: 0, deletedTranscripts: new Set(), goodLength: 0, tornBytes: 0, headerBytes: 0, unapplied: 0 }
  if (text === null || text === '') return out
  const parsed = parseJournal(text)
  out.header = parsed.header
  out.goodLength = parsed.goodLength
  out.tornBytes = parsed.tornBytes
  out.headerBytes = parsed.headerBytes
  // Lines that may hold saves archive.json does not have, if the journal cannot be used.
  const all = (): number => parsed.lines.length + (parsed.problem ? 1 : 0)
  if (!parsed.header) {
    out.problem = `the journal cannot be read: ${parsed.problem ?? 'it has no header'}`
    out.unapplied = Math.max(1, all())
    return out
  }
  if (parsed.header.archiveId !== checkpoint.archiveId) {
    out.problem = `the journal belongs to another archive (${parsed.header.archiveId})`
    out.unapplied = all()
    return out
  }
  if (parsed.header.after > checkpoint.revision) {
    out.problem = `archive.json (revision ${checkpoint.revision}) is older than the journal that should follow it (which starts after revision ${parsed.header.after})`
    out.unapplied = all()
    return out
  }
  const collections = new Map<string, Collection>()
  const collection = (kind: string): Collection => {
    let c = collections.get(kind)
    if (!c) collections.set(kind, (c = new Collection([...(((checkpoint as unknown as Record<string, unknown>)[kind] as Rec[] | undefined) ?? [])])))
    return c
  }
  const values: Record<string, unknown> = {}
  let revision = checkpoint.revision
  for (const [n, { value }] of parsed.lines.entries()) {
    const checked = check(value, shape, collection, values, revs, tolerant)
    if (typeof checked === 'string') {
      out.problem = `save ${n + 1} of the journal cannot be read: ${checked}`
      out.unapplied = all() - n
      break
    }
    for (const id of checked.written) out.deletedTranscripts.delete(id)
    for (const id of checked.deleted) out.deletedTranscripts.add(id)
    if (checked.rev <= revision) continue
    if (checked.rev !== revision + 1) {
      out.problem = `the journal skips from revision ${revision} to ${checked.rev}`
      out.unapplied = all() - n
      break
    }
    for (const step of checked.apply) step()
    revision = checked.rev
    out.applied++
  }
  if (parsed.problem && !out.problem) {
    out.problem = `the journal is damaged after save ${parsed.lines.length}: ${parsed.problem}`
    out.unapplied = 1
  }
  if (out.applied === 0 && revision === checkpoint.revision) return out
  const index: Record<string, unknown> = { ...checkpoint, ...values, revision }
  for (const [kind, c] of collections) index[kind] = c.list
  out.index = index as unknown as ArchiveIndex
  return out
}

/**
 * A journal written in an older archive format, applied to archive.json's parsed JSON as it is,
 * before the format is migrated (its records would not pass today's schemas). The result is then
 * migrated and checked whole, like any archive.json. Returns null when the journal does not
 * continue this archive.json.
 */
export function applyOlderJournal(raw: Record<string, unknown>, text: string): { raw: Record<string, unknown>; applied: number; deletedTranscripts: Set<string> } | null {
  const parsed = parseJournal(text)
  const h = parsed.header
  if (!h || parsed.problem || h.archiveId !== raw.archiveId || typeof raw.revision !== 'number' || h.after > raw.revision) return null
  const out: Record<string, unknown> = { ...raw }
  const deletedTranscripts = new Set<string>()
  let revision = raw.revision
  let applied = 0
  for (const { value } of parsed.lines) {
    const line = value as { rev?: number; changes?: Array<Record<string, unknown>>; transcripts?: { written?: string[]; deleted?: string[] } }
    for (const id of line.transcripts?.written ?? []) deletedTranscripts.delete(id)
    for (const id of line.transcripts?.deleted ?? []) deletedTranscripts.add(id)
    if (typeof line.rev !== 'number' || line.rev <= revision) continue
    if (line.rev !== revision + 1 || !Array.isArray(line.changes)) return null
    for (const c of line.changes) {
      if (typeof c.key === 'string') {
        out[c.key] = c.value
        continue
      }
      const kind = String(c.kind)
      const list = Array.isArray(out[kind]) ? [...(out[kind] as Rec[])] : []
      if (Array.isArray(c.order)) {
        const rank = new Map((c.order as string[]).map((id, i) => [id, i]))
        list.sort((a, b) => (rank.get(a.id) ?? list.length) - (rank.get(b.id) ?? list.length))
      } else if (c.deleted === true) {
        out[kind] = list.filter((r) => r.id !== c.id)
        continue
      } else {
        const at = list.findIndex((r) => r.id === c.id)
        if (at < 0) list.push(c.record as Rec)
        else list[at] = c.record as Rec
      }
      out[kind] = list
    }
    revision = line.rev
    applied++
  }
  out.revision = revision
  return { raw: out, applied, deletedTranscripts }
}
