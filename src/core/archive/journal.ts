import type { ChangeSet } from './changes'
import { writeFileDurably } from './durable-write'
import type { ArchiveFs } from './fs'
import { journalPath } from './layout'

/**
 * The journal: what every save since the last checkpoint changed, one JSON line per save,
 * appended and flushed before the save is acknowledged. archive.json (the checkpoint) plus the
 * journal's lines, applied in order, is the archive. docs/archive-format.md describes the lines.
 */
/** The first line: which archive and which checkpoint the lines that follow continue. */
export interface JournalHeader {
  journal: 1
  archiveId: string
  /** The revision of the archive.json this journal was started after. */
  after: number
  createdAt: string
  /** The archive format the lines are written in: an older one is applied before migrating. */
  schemaVersion?: number
  /**
   * The SHA-256 of that archive.json as written. An archive.json that still has it is the very
   * file Verbatim wrote from records it had checked, and is read without checking each again.
   */
  checkpoint?: string
}

/**
 * One record saved (`record`) or deleted (`deleted`), one top-level value set, or (rarely) a
 * collection put in a new order, which saving records one by one cannot express.
 */
export type JournalChange =
  | { kind: string; id: string; rev: number; record: Readonly<Record<string, unknown>> }
  | { kind: string; id: string; rev: number; deleted: true }
  | { key: string; rev: number; value: unknown }
  | { kind: string; rev: number; order: string[] }

/** One save. `rev` is the archive's revision after it; every change it carries has that `rev`. */
export interface JournalLine {
  rev: number
  at: string
  changes: JournalChange[]
  /** Transcript files the save wrote, and those it deleted (removed from disk at the next checkpoint). */
  transcripts?: { written?: string[]; deleted?: string[] }
}

export const headerText = (header: JournalHeader): string => `${JSON.stringify(header)}\n`
export const lineText = (line: JournalLine): string => `${JSON.stringify(line)}\n`

/** One save's line: its changes, each with the save's revision, and the transcript files it wrote and deleted. */
export function saveLine(rev: number, changes: ChangeSet, transcripts: { writes: ReadonlyMap<string, unknown>; deletes: ReadonlySet<string> }): string {
  const out: JournalChange[] = []
  for (const c of changes.values) out.push({ key: c.key, rev, value: c.value })
  for (const c of changes.records) out.push(c.record ? { kind: c.kind, id: c.id, rev, record: c.record } : { kind: c.kind, id: c.id, rev, deleted: true })
  for (const o of changes.orders) out.push({ kind: o.kind, rev, order: o.ids })
  const line: JournalLine = { rev, at: new Date().toISOString(), changes: out }
  if (transcripts.writes.size || transcripts.deletes.size) {
    line.transcripts = {
      ...(transcripts.writes.size ? { written: [...transcripts.writes.keys()] } : {}),
      ...(transcripts.deletes.size ? { deleted: [...transcripts.deletes] } : {})
    }
  }
  return lineText(line)
}

export interface ParsedJournal {
  header: JournalHeader | null
  /** Bytes of the header line: a journal no longer than this holds no saves. */
  headerBytes: number
  /** Whole lines after the header, in order, as parsed JSON (checked by the replay). */
  lines: Array<{ value: unknown; end: number }>
  /** Bytes up to the end of the last whole line: what is kept when a torn tail is cut off. */
  goodLength: number
  /** A last line without its newline: a save the process died writing, never acknowledged. */
  tornBytes: number
  /** A whole line that is not JSON: damage, not a torn write. Lines from it on are not read. */
  problem?: string
}

/** The header alone, read from the journal's first line without going through the rest. */
export function headerOf(text: string | null): JournalHeader | null {
  if (!text) return null
  const end = text.indexOf('\n')
  return end < 0 ? null : parseJournal(text.slice(0, end + 1)).header
}

/**
 * Splits the journal's text into lines. Only the part after the last newline can be a torn write
 * (a save is one write of a line ending in `\n`); a whole line that does not parse is damage.
 */
export function parseJournal(text: string): ParsedJournal {
  const out: ParsedJournal = { header: null, headerBytes: 0, lines: [], goodLength: 0, tornBytes: 0 }
  const lastNewline = text.lastIndexOf('\n')
  out.tornBytes = Buffer.byteLength(text.slice(lastNewline + 1))
  let start = 0
  let bytes = 0
  let lineNo = 0
  while (start <= lastNewline) {
    const end = text.indexOf('\n', start)
    const raw = text.slice(start, end)
    lineNo++
    let value: unknown
    try {
      value = JSON.parse(raw)
    } catch (e) {
      out.problem = `line ${lineNo} is not valid JSON (${(e as Error).message})`
      return out
    }
    bytes += Buffer.byteLength(raw) + 1
    if (lineNo === 1) {
      const h = value as Partial<JournalHeader> | null
      if (!h || h.journal !== 1 || typeof h.archiveId !== 'string' || typeof h.after !== 'number') {
        out.problem = 'its first line is not a journal header'
        return out
      }
      out.header = {
        journal: 1,
        archiveId: h.archiveId,
        after: h.after,
        createdAt: String(h.createdAt ?? ''),
        ...(typeof h.schemaVersion === 'number' ? { schemaVersion: h.schemaVersion } : {}),
        ...(typeof h.checkpoint === 'string' ? { checkpoint: h.checkpoint } : {})
      }
      out.headerBytes = bytes
    } else {
      out.lines.push({ value, end: bytes })
    }
    out.goodLength = bytes
    start = end + 1
  }
  return out
}

type Handle = Awaited<ReturnType<ArchiveFs['open']>>

/** The open journal of a writing session: appends, flushes, and cuts back what a failed save left. */
export class Journal {
  private constructor(
    private readonly fs: ArchiveFs,
    private readonly file: string,
    private handle: Handle,
    /** Bytes in the file, as far as this session knows: the end of the last whole line. */
    public size: number,
    /** Bytes of the header: a journal this size holds no saves. */
    private headerBytes: number
  ) {}

  /** Opens an existing journal for appending, first cutting off a torn last line at `goodLength`. */
  static async open(fs: ArchiveFs, dir: string, goodLength: number, headerBytes: number): Promise<Journal> {
    const file = journalPath(dir)
    const handle = await fs.open(file, 'a')
    try {
      const { size } = await handle.stat()
      if (size > goodLength) {
        await handle.truncate(goodLength)
        await handle.datasync()
      }
    } catch (e) {
      await handle.close().catch(() => undefined)
      throw e
    }
    return new Journal(fs, file, handle, goodLength, headerBytes)
  }

  /** Starts a new, empty journal after the checkpoint `header.after` (replacing any old one whole). */
  static async start(fs: ArchiveFs, dir: string, header: JournalHeader): Promise<Journal> {
    const text = headerText(header)
    await writeFileDurably(fs, journalPath(dir), text)
    const handle = await fs.open(journalPath(dir), 'a')
    const bytes = Buffer.byteLength(text)
    return new Journal(fs, journalPath(dir), handle, bytes, bytes)
  }

  /** True when no save has been appended since the header. */
  get empty(): boolean {
    return this.size <= this.headerBytes
  }

  /**
   * Appends one save and flushes it. On failure the error carries `cutBack`, which takes whatever
   * part of the line reached the file back off it: the caller runs it (and retries it until it
   * works) before anything else is appended.
   */
  async append(text: string): Promise<void> {
    const data = Buffer.from(text, 'utf8')
    const before = this.size
    try {
      let written = 0
      while (written < data.length) {
        const { bytesWritten } = await this.handle.write(data, written, data.length - written)
        written += bytesWritten
      }
      await this.handle.datasync()
    } catch (e) {
      if (typeof e === 'object' && e !== null) (e as { cutBack?: () => Promise<void> }).cutBack = () => this.cutBack(before)
      throw e
    }
    this.size = before + data.length
  }

  private async cutBack(to: number): Promise<void> {
    await this.handle.truncate(to)
    await this.handle.datasync()
    this.size = to
  }

  /** Replaces the journal with an empty one after a new checkpoint. */
  async restart(header: JournalHeader): Promise<void> {
    const text = headerText(header)
    await writeFileDurably(this.fs, this.file, text)
    const handle = await this.fs.open(this.file, 'a')
    await this.handle.close().catch(() => undefined)
    this.handle = handle
    this.size = Buffer.byteLength(text)
    this.headerBytes = this.size
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined)
  }
}

/** The part of an error from `Journal.append` that still has to be undone, if any. */
export function pendingCutBack(e: unknown): (() => Promise<void>) | undefined {
  return typeof e === 'object' && e !== null ? (e as { cutBack?: () => Promise<void> }).cutBack : undefined
}
