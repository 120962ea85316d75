// What the crash tests expect an archive to hold: every edit a child acknowledged, nothing half
// applied. Built from the children's `A` (acknowledged) and `B` (begun) lines.
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { ArchiveStore } from '../../../src/core/archive/store'
import { LOCK_FILE } from '../../../src/core/archive/lock'
import { checkIndexText, checkTranscriptText } from '../../../src/core/archive/validate'
import { indexPath, journalPath, transcriptPath, backupsPath } from '../../../src/core/archive/layout'
import { parseJournal } from '../../../src/core/archive/journal'
import { quoteTextOf } from '../../../src/shared/anchor'
import type { RecordKind } from '../../../src/shared/model'

type SegmentExpectation = { id: string; text: string; tagIds: string[] }

export interface Op {
  op: 'create' | 'update' | 'delete'
  /** `segments` for a transcript correction: `id` is the interview, `segmentId` the segment. */
  kind: RecordKind | 'segments'
  id?: string
  segmentId?: string
  fields?: Record<string, unknown>
  segments?: SegmentExpectation[]
}

interface Expected {
  kind: RecordKind
  id: string
  fields: Record<string, unknown>
  segments?: SegmentExpectation[]
}

const key = (kind: string, id: string): string => `${kind}:${id}`

export class ArchiveModel {
  private present = new Map<string, Expected>()
  private absent = new Set<string>()
  /** Acknowledged edits, counted once each. */
  acknowledged = 0

  /** Applies one child's output; returns the op begun but not acknowledged when it was killed. */
  apply(lines: string[]): Op | undefined {
    let open: Op | undefined
    for (const line of lines) {
      if (line.startsWith('B ')) open = JSON.parse(line.slice(2)) as Op
      if (!line.startsWith('A ')) continue
      open = undefined
      const op = JSON.parse(line.slice(2)) as Op
      if (!op.id) throw new Error(`acknowledged op without id: ${line}`)
      this.acknowledged++
      if (op.kind === 'segments') {
        this.correct(op.id, op.segmentId, String(op.fields?.text))
        continue
      }
      const k = key(op.kind, op.id)
      if (op.op === 'create') this.present.set(k, { kind: op.kind, id: op.id, fields: op.fields ?? {}, ...(op.segments ? { segments: op.segments } : {}) })
      else if (op.op === 'update') {
        const e = this.present.get(k)
        if (e) Object.assign(e.fields, op.fields)
      } else this.remove(op.kind, op.id)
    }
    return open
  }

  private correct(interviewId: string, segmentId: string | undefined, text: string): void {
    const segment = this.present.get(key('interviews', interviewId))?.segments?.find((s) => s.id === segmentId)
    if (segment) segment.text = text
  }

  private remove(kind: RecordKind, id: string): void {
    this.present.delete(key(kind, id))
    this.absent.add(key(kind, id))
    // Deleting an interview deletes its quotes.
    if (kind === 'interviews') {
      for (const [k, e] of this.present) {
        if (e.kind === 'quotes' && e.fields.interviewId === id) {
          this.present.delete(k)
          this.absent.add(k)
        }
      }
    }
  }

  /**
   * The op that was in flight at the kill may or may not have happened; either is right. The model
   * takes whichever the archive shows, so later checks are exact again.
   */
  async settle(open: Op | undefined, store: ArchiveStore): Promise<void> {
    if (!open?.id) return
    const index = store.index
    if (open.kind === 'segments') {
      if (!index.interviews.some((i) => i.id === open.id)) return
      const now = (await store.transcript(open.id)).find((s) => s.id === open.segmentId)
      if (now) this.correct(open.id, open.segmentId, now.text)
      return
    }
    const k = key(open.kind, open.id)
    const record = (index[open.kind] as Array<{ id: string } & Record<string, unknown>>).find((r) => r.id === open.id)
    if (open.op === 'delete' && !record) this.remove(open.kind, open.id)
    if (open.op === 'update' && record) {
      const e = this.present.get(k)
      if (e) for (const field of Object.keys(open.fields ?? {})) e.fields[field] = record[field]
    }
  }

  /** Every difference between what was acknowledged and what the open store holds. */
  async problems(store: ArchiveStore): Promise<string[]> {
    const out: string[] = []
    const index = store.index
    const tagIds = new Set(index.tags.map((t) => t.id))
    for (const e of this.present.values()) {
      const record = (index[e.kind] as Array<{ id: string } & Record<string, unknown>>).find((r) => r.id === e.id)
      if (!record) {
        out.push(`acknowledged ${e.kind} ${e.id} is missing`)
        continue
      }
      for (const [field, value] of Object.entries(e.fields)) {
        if (record[field] !== value) out.push(`${e.kind} ${e.id}.${field} is ${JSON.stringify(record[field])}, acknowledged ${JSON.stringify(value)}`)
      }
      if (e.segments) {
        const segments = await store.transcript(e.id)
        if (segments.length !== e.segments.length) out.push(`interview ${e.id} has ${segments.length} segments, acknowledged ${e.segments.length}`)
        e.segments.forEach((want, i) => {
          const got = segments[i]
          if (!got || got.text !== want.text) out.push(`interview ${e.id} segment ${i} text differs`)
          // A tag deleted by an acknowledged save is gone from every segment; any other tag stays.
          const expectTags = want.tagIds.filter((t) => tagIds.has(t))
          if (got && JSON.stringify(got.tagIds) !== JSON.stringify(expectTags)) {
            out.push(`interview ${e.id} segment ${i} has tags ${JSON.stringify(got.tagIds)}, expected ${JSON.stringify(expectTags)} (half-applied save?)`)
          }
        })
      }
    }
    for (const k of this.absent) {
      const [kind, id] = k.split(':') as [RecordKind, string]
      if ((index[kind] as Array<{ id: string }>).some((r) => r.id === id)) out.push(`${kind} ${id} was deleted (acknowledged) but is back`)
    }
    // Whatever was acknowledged or not: the index and the transcripts agree.
    for (const interview of index.interviews) {
      const segments = await store.transcript(interview.id)
      if (segments.length !== interview.segmentCount) out.push(`interview ${interview.id}: index says ${interview.segmentCount} segments, transcript has ${segments.length}`)
      for (const s of segments) for (const t of s.tagIds) if (!tagIds.has(t)) out.push(`interview ${interview.id} segment ${s.id} names missing tag ${t}`)
    }
    // A quote the index calls exact (or moved) reads its words at its anchors; a changed one reads
    // its currentText. A correction saved to the transcript but not to the index breaks this.
    for (const quote of index.quotes) {
      if (!index.interviews.some((i) => i.id === quote.interviewId)) {
        out.push(`quote ${quote.id} names missing interview ${quote.interviewId}`)
        continue
      }
      const words = quoteTextOf(await store.transcript(quote.interviewId), quote.start, quote.end)
      const want = quote.status === 'changed' ? quote.currentText : quote.status === 'missing' ? undefined : quote.text
      if (want !== undefined && words !== want) out.push(`quote ${quote.id} (${quote.status}) reads ${JSON.stringify(words)} in the transcript, the index says ${JSON.stringify(want)}`)
    }
    return out
  }

  get size(): number {
    return this.present.size
  }
}

/**
 * The files as a crash left them, before anything opens them (opening repairs, which would hide a
 * damaged file): archive.json and every transcript it names parse and pass the schemas, the
 * journal's whole lines parse and follow archive.json (only a last line may be torn), the lock
 * file (if any) is whole, and every snapshot's archive.json passes too.
 */
export async function rawProblems(dir: string): Promise<string[]> {
  const out: string[] = []
  let text: string
  try {
    text = await readFile(indexPath(dir), 'utf8')
  } catch (e) {
    return [`archive.json cannot be read: ${(e as Error).message}`]
  }
  const check = checkIndexText(text)
  if (!check.ok) return [`archive.json: ${check.problem}`]
  for (const interview of check.index.interviews) {
    const t = await readFile(transcriptPath(dir, interview.id), 'utf8').catch(() => null)
    if (t === null) {
      out.push(`transcript ${interview.id} is missing`)
      continue
    }
    const parsed = checkTranscriptText(t, interview.id)
    if (typeof parsed === 'string') out.push(`transcript ${interview.id}: ${parsed}`)
  }
  const journal = await readFile(journalPath(dir), 'utf8').catch(() => null)
  if (journal !== null) {
    const parsed = parseJournal(journal)
    if (parsed.problem) out.push(`journal: ${parsed.problem}`)
    else if (!parsed.header) out.push('the journal has no header')
    else {
      if (parsed.header.archiveId !== check.index.archiveId) out.push(`the journal belongs to archive ${parsed.header.archiveId}`)
      if (parsed.header.after > check.index.revision) out.push(`the journal follows revision ${parsed.header.after}, archive.json is at ${check.index.revision}`)
      let rev = parsed.header.after
      for (const { value } of parsed.lines) {
        const r = (value as { rev?: number }).rev ?? -1
        if (r !== rev + 1) out.push(`journal: revision ${r} follows ${rev}`)
        rev = r
      }
    }
  }
  const lock = await readFile(join(dir, LOCK_FILE), 'utf8').catch(() => null)
  if (lock !== null) {
    try {
      const owner = JSON.parse(lock) as { pid?: unknown }
      if (typeof owner.pid !== 'number') out.push('the lock file names no pid')
    } catch {
      out.push(`the lock file is not whole: ${JSON.stringify(lock)}`)
    }
  }
  for (const name of await readdir(backupsPath(dir)).catch(() => [] as string[])) {
    if (name.endsWith('.partial')) continue
    const b = await readFile(join(backupsPath(dir), name, 'archive.json'), 'utf8').catch(() => '')
    const bc = checkIndexText(b)
    if (!bc.ok) out.push(`backup ${name}: ${bc.problem}`)
  }
  return out
}
