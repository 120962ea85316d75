import { Immer, current, enableArrayMethods, isDraft, original } from 'immer'
import type { ArchiveIndex, Segment } from '../../shared/model'

/**
 * A save's working copy of the index, made with immer: the change is written as plain mutation of
 * `next`, and only what it touches is copied (cloning all of a 5,000-interview index took 200 ms).
 * Records it does not touch stay the very objects they were, which is how a save finds what
 * changed without comparing everything. Not frozen: the state is read-only by contract (the store
 * hands it out as Readonly), and freezing every new object cost more than the rest of a save.
 *
 * Inside a change, `next` and everything reached through it are drafts (proxies): keep one past
 * the change with `snapshotOf()`, never `structuredClone()` (which cannot copy a proxy). Whatever
 * the change returns is turned back into plain objects by the store.
 */
enableArrayMethods()
const immer = new Immer({ autoFreeze: false })

export interface Draft {
  next: ArchiveIndex
  finish(): ArchiveIndex
}

export function draftOf(state: ArchiveIndex): Draft {
  const next = immer.createDraft(state) as ArchiveIndex
  return { next, finish: () => immer.finishDraft(next) as ArchiveIndex }
}

/**
 * What a draft was when the save began (the state's own object, never a copy), or the value itself
 * when it is not a draft: for indexes kept across saves, which must not read through proxies.
 */
export function originalOf<T>(value: T): T {
  return isDraft(value) ? (original(value as object) as T) : value
}

/** A plain copy of a draft (or of a value holding drafts), safe to keep after the save. */
export function snapshotOf<T>(value: T): T {
  if (isDraft(value)) return current(value as object) as T
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined
    value.forEach((item, i) => {
      const plain = snapshotOf(item)
      if (plain !== item) (copy ??= value.slice())[i] = plain
    })
    return (copy ?? value) as T
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const plain = snapshotOf(item)
      if (plain !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = plain
    }
    return (copy ?? value) as T
  }
  return value
}

export interface Transaction {
  writeTranscript(interviewId: string, segments: Segment[]): void
  deleteTranscript(interviewId: string): void
}

/** The transcript files one save writes and deletes; the last word for an id wins. */
export class TranscriptChanges implements Transaction {
  readonly writes = new Map<string, Segment[]>()
  readonly deletes = new Set<string>()

  writeTranscript(interviewId: string, segments: Segment[]): void {
    this.deletes.delete(interviewId)
    this.writes.set(interviewId, snapshotOf(segments))
  }

  deleteTranscript(interviewId: string): void {
    this.writes.delete(interviewId)
    this.deletes.add(interviewId)
  }

  get empty(): boolean {
    return this.writes.size === 0 && this.deletes.size === 0
  }
}
