// The records behind the documents: which interviews, quotes and sources the index holds, in
// archive order, with each interview's segments in transcript order and its speakers. Kept in
// SQLite beside the word index; an interview's entry is read when it is needed, not at open.
import type { Db } from './sqlite'

export interface InterviewEntry {
  id: string
  /** A small number standing for the interview in per-document attributes. */
  key: number
  /** Archive order: the order interviews were (last) added. */
  ord: number
  /** The interview's own document. */
  num: number
  title: string
  version: string | null
  /** Segment ids in transcript order (parsed when first needed). */
  segmentIds: string[]
  /** Each segment's document number, in transcript order. */
  nums: number[]
  /** Distinct speaker names, and for each segment the index of its speaker in them. */
  speakers: string[]
  speakerOf: number[]
}

export interface QuoteRow {
  id: string
  ord: number
  interview: string
  num: number
  version: string | null
  startSegment: string
  endSegment: string
}

export interface SourceRow {
  id: string
  ord: number
  num: number
  version: string | null
}

type EntryRow = [string, number, number, number, string, string | null, string, Buffer, string, Buffer]

const toArray = (blob: Buffer): number[] => Array.from(new Uint32Array(new Uint8Array(blob).buffer))
const toBlob = (values: readonly number[]): Buffer => Buffer.from(new Uint32Array(values).buffer)

/** Interview entries read recently stay in memory; the rest are read again when needed. */
const ENTRY_CACHE = 512

export class Registry {
  private readonly entries = new Map<string, InterviewEntry>()
  private readonly dirty = new Set<string>()
  private titlesCache: Map<string, { key: number; title: string }> | null = null
  private speakerIds: Map<string, number> | null = null
  private speakerNames: string[] = []
  private readonly stmt

  constructor(private readonly db: Db) {
    const cols = 'id, key, ord, num, title, version, segments, nums, speakers, speaker_of'
    this.stmt = {
      entry: db.prepare(`SELECT ${cols} FROM interviews WHERE id = ?`).raw(),
      entriesInOrder: db.prepare(`SELECT ${cols} FROM interviews ORDER BY ord`).raw(),
      putEntry: db.prepare(`INSERT INTO interviews (${cols}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET
        key = excluded.key, ord = excluded.ord, num = excluded.num, title = excluded.title, version = excluded.version,
        segments = excluded.segments, nums = excluded.nums, speakers = excluded.speakers, speaker_of = excluded.speaker_of`),
      deleteEntry: db.prepare('DELETE FROM interviews WHERE id = ?'),
      titles: db.prepare('SELECT id, key, title FROM interviews').raw(),
      quote: db.prepare('SELECT id, ord, interview, num, version, start_segment, end_segment FROM quotes WHERE id = ?').raw(),
      quotesInOrder: db.prepare('SELECT id, ord, interview, num, version, start_segment, end_segment FROM quotes ORDER BY ord').raw(),
      quotesOf: db.prepare('SELECT id, ord, interview, num, version, start_segment, end_segment FROM quotes WHERE interview = ?').raw(),
      putQuote: db.prepare(`INSERT INTO quotes (id, ord, interview, num, version, start_segment, end_segment) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, interview = excluded.interview, num = excluded.num, version = excluded.version,
        start_segment = excluded.start_segment, end_segment = excluded.end_segment`),
      deleteQuote: db.prepare('DELETE FROM quotes WHERE id = ?'),
      source: db.prepare('SELECT id, ord, num, version FROM sources WHERE id = ?'),
      sourcesInOrder: db.prepare('SELECT id, ord, num, version FROM sources ORDER BY ord'),
      putSource: db.prepare('INSERT INTO sources (id, ord, num, version) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET ord = excluded.ord, num = excluded.num, version = excluded.version'),
      deleteSource: db.prepare('DELETE FROM sources WHERE id = ?'),
      speakers: db.prepare('SELECT id, name FROM speakers').raw(),
      insertSpeaker: db.prepare('INSERT INTO speakers (name) VALUES (?)'),
      versions: {
        interviews: db.prepare('SELECT id, version FROM interviews').raw(),
        quotes: db.prepare('SELECT id, version FROM quotes').raw(),
        sources: db.prepare('SELECT id, version FROM sources').raw()
      },
      tagDocs: db.prepare('SELECT num FROM tag_docs WHERE tag = ?').pluck(),
      addTagDoc: db.prepare('INSERT OR IGNORE INTO tag_docs (tag, num) VALUES (?, ?)'),
      removeTagDoc: db.prepare('DELETE FROM tag_docs WHERE tag = ? AND num = ?')
    }
  }

  /** After a rollback: memory may hold what the file no longer does. */
  forget(): void {
    this.entries.clear()
    this.dirty.clear()
    this.titlesCache = null
    this.speakerIds = null
    this.speakerNames = []
  }

  // ---- interviews ----

  private toEntry(row: EntryRow): InterviewEntry {
    const [id, key, ord, num, title, version, segments, nums, speakers, speakerOf] = row
    let segmentIds: string[] | null = null
    const entry = {
      id, key, ord, num, title, version,
      nums: toArray(nums),
      speakers: JSON.parse(speakers) as string[],
      speakerOf: toArray(speakerOf)
    } as Omit<InterviewEntry, 'segmentIds'> as InterviewEntry
    // Most reads (a hit's title and position) never need the ids.
    Object.defineProperty(entry, 'segmentIds', {
      enumerable: true,
      get: () => (segmentIds ??= JSON.parse(segments) as string[]),
      set: (value: string[]) => {
        segmentIds = value
      }
    })
    return entry
  }

  entry(id: string): InterviewEntry | undefined {
    const cached = this.entries.get(id)
    if (cached) {
      this.entries.delete(id)
      this.entries.set(id, cached)
      return cached
    }
    const row = this.stmt.entry.get(id) as EntryRow | undefined
    if (!row) return undefined
    const entry = this.toEntry(row)
    this.remember(entry)
    return entry
  }

  private remember(entry: InterviewEntry): void {
    this.entries.set(entry.id, entry)
    while (this.entries.size > ENTRY_CACHE) {
      const oldest = [...this.entries.keys()].find((id) => !this.dirty.has(id))
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }

  /** Marks an entry changed: written when the batch ends. */
  putEntry(entry: InterviewEntry): void {
    this.remember(entry)
    this.dirty.add(entry.id)
    this.titlesCache?.set(entry.id, { key: entry.key, title: entry.title })
  }

  deleteEntry(id: string): void {
    this.entries.delete(id)
    this.dirty.delete(id)
    this.stmt.deleteEntry.run(id)
    this.titlesCache?.delete(id)
  }

  /** Every interview in archive order; entries are read one at a time. */
  *entriesInOrder(): Generator<InterviewEntry> {
    this.writeEntries()
    for (const row of this.stmt.entriesInOrder.iterate() as Iterable<EntryRow>) yield this.entries.get(row[0]) ?? this.toEntry(row)
  }

  /** Id, key and title of every interview: what `interview:` filters look through. */
  titles(): ReadonlyMap<string, { key: number; title: string }> {
    if (!this.titlesCache) {
      this.titlesCache = new Map()
      for (const [id, key, title] of this.stmt.titles.iterate() as Iterable<[string, number, string]>) this.titlesCache.set(id, { key, title })
      for (const id of this.dirty) {
        const e = this.entries.get(id)
        if (e) this.titlesCache.set(id, { key: e.key, title: e.title })
      }
    }
    return this.titlesCache
  }

  writeEntries(): void {
    for (const id of this.dirty) {
      const e = this.entries.get(id)
      if (!e) continue
      this.stmt.putEntry.run(e.id, e.key, e.ord, e.num, e.title, e.version, JSON.stringify(e.segmentIds), toBlob(e.nums), JSON.stringify(e.speakers), toBlob(e.speakerOf))
    }
    this.dirty.clear()
  }

  // ---- quotes and sources ----

  quote(id: string): QuoteRow | undefined {
    const row = this.stmt.quote.get(id) as unknown[] | undefined
    return row ? toQuote(row) : undefined
  }

  *quotesInOrder(): Generator<QuoteRow> {
    for (const row of this.stmt.quotesInOrder.iterate() as Iterable<unknown[]>) yield toQuote(row)
  }

  quotesOf(interviewId: string): QuoteRow[] {
    return (this.stmt.quotesOf.all(interviewId) as unknown[][]).map(toQuote)
  }

  putQuote(q: QuoteRow): void {
    this.stmt.putQuote.run(q.id, q.ord, q.interview, q.num, q.version, q.startSegment, q.endSegment)
  }

  deleteQuote(id: string): void {
    this.stmt.deleteQuote.run(id)
  }

  source(id: string): SourceRow | undefined {
    return this.stmt.source.get(id) as SourceRow | undefined
  }

  *sourcesInOrder(): Generator<SourceRow> {
    yield* this.stmt.sourcesInOrder.iterate() as Iterable<SourceRow>
  }

  putSource(s: SourceRow): void {
    this.stmt.putSource.run(s.id, s.ord, s.num, s.version)
  }

  deleteSource(id: string): void {
    this.stmt.deleteSource.run(id)
  }

  /** id → version of every record of a kind, for catching up with the archive. */
  versions(kind: 'interviews' | 'quotes' | 'sources'): Map<string, string | null> {
    this.writeEntries()
    return new Map(this.stmt.versions[kind].all() as Array<[string, string | null]>)
  }

  // ---- speakers ----

  private loadSpeakers(): Map<string, number> {
    if (!this.speakerIds) {
      this.speakerIds = new Map()
      this.speakerNames = []
      for (const [id, name] of this.stmt.speakers.iterate() as Iterable<[number, string]>) {
        this.speakerIds.set(name, id)
        this.speakerNames[id] = name
      }
    }
    return this.speakerIds
  }

  /** A number for a speaker name (0 for none), made on first use. */
  speakerId(name: string | undefined): number {
    if (name === undefined) return 0
    const ids = this.loadSpeakers()
    let id = ids.get(name)
    if (id === undefined) {
      id = Number(this.stmt.insertSpeaker.run(name).lastInsertRowid)
      ids.set(name, id)
      this.speakerNames[id] = name
    }
    return id
  }

  speakerName(id: number): string | undefined {
    this.loadSpeakers()
    return id === 0 ? undefined : this.speakerNames[id]
  }

  /** Every speaker name with its number. */
  allSpeakers(): ReadonlyMap<string, number> {
    return this.loadSpeakers()
  }

  // ---- tags ----

  tagDocs(tagId: string): number[] {
    return this.stmt.tagDocs.all(tagId) as number[]
  }

  tag(num: number, tagIds: readonly string[] | undefined): void {
    for (const tag of tagIds ?? []) this.stmt.addTagDoc.run(tag, num)
  }

  untag(num: number, tagIds: readonly string[] | undefined): void {
    for (const tag of tagIds ?? []) this.stmt.removeTagDoc.run(tag, num)
  }
}

function toQuote(row: unknown[]): QuoteRow {
  const [id, ord, interview, num, version, startSegment, endSegment] = row as [string, number, string, number, string | null, string, string]
  return { id, ord, interview, num, version, startSegment, endSegment }
}
