// The word index on disk: documents, the words they hold and where, kept in SQLite so that an
// archive of tens of millions of words opens at once and costs little memory.
//
// Postings are written in runs, like a log-structured merge tree: every batch of changes adds a
// small run, small runs are merged into bigger ones as they pile up, and a removed document is
// only marked dead (its postings are skipped, and dropped when its run is next merged). How many
// live documents hold a word (for IDF) is counted from its postings when a query reads them; the
// document count and average field lengths are kept exact at every change with MiniSearch's
// formulas. So ranking is the same as the in-memory index Verbatim had before, and a save writes
// only new rows at the end of the tables, never counts scattered over the whole vocabulary.
import { INDEXED_FIELDS, type IndexedDoc } from './documents'
import { decodePositions, decodePostings, encodePositions, encodePostings, FIELD_BITS, FIELD_MASK } from './postings'
import { RunBuilder } from './run-builder'
import { createSchema, FORMAT_VERSION, INDEX_FORMAT } from './schema'
import { FOLD_VERSION } from './fold'
import { tokenize } from './tokenize'
import type { Db } from './sqlite'

export const FIELD_COUNT = INDEXED_FIELDS.length

export const KIND_CODE = { segment: 1, quote: 2, source: 3, interview: 4 } as const
export const DEAD = 1 << 8

/** Per document: [kind | flags, interview key, speaker id, up to four field lengths]. */
export const ATTR_WIDTH = 7
export const ATTR_INTERVIEW = 1
export const ATTR_SPEAKER = 2
export const ATTR_LENGTHS = 3
const CHUNK = 4096
const CHUNK_WORDS = CHUNK * ATTR_WIDTH

/** Which of a document's four length slots holds each field, by kind (-1: the kind has no such field). */
export const SLOT = new Int8Array(5 * FIELD_COUNT).fill(-1)
const slots: Record<number, Partial<Record<(typeof INDEXED_FIELDS)[number], number>>> = {
  [KIND_CODE.segment]: { text: 0, speaker: 1 },
  [KIND_CODE.quote]: { text: 0, note: 1 },
  [KIND_CODE.source]: { name: 0, role: 1, affiliation: 2, notes: 3 },
  [KIND_CODE.interview]: { title: 0, place: 1, notes: 2 }
}
for (const [kind, fields] of Object.entries(slots)) {
  for (const [field, slot] of Object.entries(fields)) SLOT[Number(kind) * FIELD_COUNT + INDEXED_FIELDS.indexOf(field as never)] = slot as number
}

/** rowid of a word's postings in a run: a run's rows are one range, written at the end of the table. */
const TERM_SPACE = 2 ** 32
export const postingRowId = (termId: number, run: number): number => run * TERM_SPACE + termId

/** Documents gathered before a run is written during a large build; bounds the build's memory. */
const FLUSH_POSTINGS = 3_000_000
/** A run this big is never merged again: merging it would stall a save. */
const BIG_RUN_POSTINGS = 1_000_000
const BIG_LEVEL = 100
/** Eight runs of one level make one run of the next, while the result stays under MERGE_CAP postings. */
const FANOUT = 8
const MERGE_CAP = 2_500_000

export interface TermInfo {
  id: number
  term: string
}

interface RunInfo {
  id: number
  level: number
  docs: number
  postings: number
}

interface Counters {
  docCount: number
  avg: number[]
  nextNum: number
  nextTermId: number
  nextRun: number
  nextKey: number
  nextOrd: number
}

interface FieldTokens {
  field: number
  tokens: string[]
}

function fieldsOf(doc: IndexedDoc): FieldTokens[] {
  const out: FieldTokens[] = []
  for (let field = 0; field < FIELD_COUNT; field++) {
    const value = doc[INDEXED_FIELDS[field] as keyof IndexedDoc]
    // Like MiniSearch: an absent field does not count, an empty one counts with length 0.
    if (value === undefined || value === null) continue
    out.push({ field, tokens: tokenize(String(value)) })
  }
  return out
}


export class IndexStore {
  private counters: Counters
  private attrs = new Uint32Array(0)
  private readonly loadedChunks = new Set<number>()
  private readonly dirtyChunks = new Set<number>()
  private allLoaded = false
  private readonly builder = new RunBuilder()
  /** Numbers of dead documents, ascending; made from the attributes when a query needs it. */
  private dead: Uint32Array | null = null
  /** A document added since the last flush was removed again: its pending postings must be dropped. */
  private pendingRemoved = false
  private runsCache: RunInfo[] | null = null
  private depth = 0
  /** Every word's id, held in memory during a bulk build. */
  private bulkTerms: Map<string, number> | null = null
  private readonly onRollback: Array<() => void> = []
  private readonly stmt
  /** For tests and the benchmark: how many runs were merged, and how many documents written. */
  stats = { merges: 0, docsAdded: 0, docsRemoved: 0 }

  constructor(readonly db: Db) {
    createSchema(db)
    const s = {
      meta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'),
      term: db.prepare('SELECT id FROM terms WHERE term = ?').pluck(),
      expansions: db.prepare('SELECT term, id FROM terms WHERE term > ? AND term < ?').raw(),
      allTerms: db.prepare('SELECT term, id FROM terms').raw(),
      insertTerm: db.prepare('INSERT INTO terms (term, id) VALUES (?, ?)'),
      posting: db.prepare('SELECT data FROM postings WHERE id = ?').pluck(),
      runPostings: db.prepare('SELECT id, data, pos FROM postings WHERE id >= ? AND id < ?').raw(),
      deleteRunPostings: db.prepare('DELETE FROM postings WHERE id >= ? AND id < ?'),
      positions: db.prepare('SELECT pos FROM postings WHERE id = ?').pluck(),
      insertPosting: db.prepare('INSERT INTO postings (id, data, pos) VALUES (?, ?, ?)'),
      runs: db.prepare('SELECT id, level, docs, postings FROM runs ORDER BY id'),
      insertRun: db.prepare('INSERT INTO runs (id, level, docs, postings) VALUES (?, ?, ?, ?)'),
      deleteRun: db.prepare('DELETE FROM runs WHERE id = ?'),
      setLevel: db.prepare('UPDATE runs SET level = ? WHERE id = ?'),
      doc: db.prepare('SELECT key, data FROM docs WHERE num = ?').raw(),
      docKey: db.prepare('SELECT key FROM docs WHERE num = ?').pluck(),
      insertDoc: db.prepare('INSERT INTO docs (num, key, data) VALUES (?, ?, ?)'),
      deleteDoc: db.prepare('DELETE FROM docs WHERE num = ?'),
      chunk: db.prepare('SELECT data FROM attrs WHERE chunk = ?').pluck(),
      chunks: db.prepare('SELECT chunk, data FROM attrs').raw(),
      deleteMeta: db.prepare('DELETE FROM meta WHERE key = ?'),
      putChunk: db.prepare('INSERT INTO attrs (chunk, data) VALUES (?, ?) ON CONFLICT (chunk) DO UPDATE SET data = excluded.data')
    }
    this.stmt = s
    this.counters = this.readCounters()
  }

  // ---- meta and transactions ----

  /** False when the file was made by another format or folding: the caller starts it afresh. */
  static isCurrentFormat(db: Db): boolean {
    try {
      const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck()
      // A bulk build that never finished left documents without their postings: start again.
      return get.get('format') === INDEX_FORMAT && get.get('version') === String(FORMAT_VERSION) && get.get('foldVersion') === String(FOLD_VERSION) && get.get('bulk') === undefined
    } catch {
      return false
    }
  }

  /** Marks an empty file as this format. */
  static initialise(db: Db): void {
    createSchema(db)
    const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
    db.transaction(() => {
      set.run('format', INDEX_FORMAT)
      set.run('version', String(FORMAT_VERSION))
      set.run('foldVersion', String(FOLD_VERSION))
    })()
  }

  getMeta(key: string): string | undefined {
    return this.stmt.meta.get(key) as string | undefined
  }

  setMeta(key: string, value: string): void {
    this.batch(() => this.stmt.setMeta.run(key, value))
  }

  private readCounters(): Counters {
    const json = this.getMeta('counters')
    const empty: Counters = { docCount: 0, avg: new Array<number>(FIELD_COUNT).fill(0), nextNum: 0, nextTermId: 1, nextRun: 1, nextKey: 1, nextOrd: 1 }
    return json ? { ...empty, ...(JSON.parse(json) as Partial<Counters>) } : empty
  }

  get documentCount(): number {
    return this.counters.docCount
  }

  get averageLengths(): readonly number[] {
    return this.counters.avg
  }

  /** The highest document number ever given, plus one. */
  get numberLimit(): number {
    return this.counters.nextNum
  }

  nextKey(): number {
    return this.counters.nextKey++
  }

  nextOrd(): number {
    return this.counters.nextOrd++
  }

  /** Runs `change` in one transaction; nested calls join the outer one. Pending postings are written at the end. */
  batch<T>(change: () => T, afterRollback?: () => void): T {
    if (this.depth > 0) {
      if (afterRollback) this.onRollback.push(afterRollback)
      this.depth++
      try {
        return change()
      } finally {
        this.depth--
      }
    }
    this.db.exec('BEGIN IMMEDIATE')
    this.depth = 1
    if (afterRollback) this.onRollback.push(afterRollback)
    try {
      const result = change()
      if (!this.bulkTerms) this.flush()
      this.writeState()
      this.db.exec('COMMIT')
      return result
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      this.forget()
      for (const undo of this.onRollback.splice(0)) undo()
      throw e
    } finally {
      this.depth = 0
      this.onRollback.length = 0
    }
  }

  /** Drops whatever memory holds of the file, after a rollback: it is read again when needed. */
  private forget(): void {
    this.counters = this.readCounters()
    this.attrs = new Uint32Array(0)
    this.loadedChunks.clear()
    this.dirtyChunks.clear()
    this.allLoaded = false
    this.builder.clear()
    this.pendingRemoved = false
    this.runsCache = null
    this.bulkTerms = null
    this.dead = null
  }

  /**
   * A bulk build (the whole archive, or a large part of it): documents are committed batch by
   * batch, but postings gather in memory across batches and are written as big runs, which are
   * never merged again. Until endBulk the file is marked unfinished; opened in that state it is
   * started afresh.
   */
  /**
   * A bulk build (the whole archive, or a large part of it): documents are committed batch by
   * batch, but postings gather in memory across batches and are written as big runs, which are
   * never merged again. Until endBulk the file is marked unfinished; opened in that state it is
   * started afresh.
   */
  beginBulk(): void {
    if (this.bulkTerms) return
    this.batch(() => {
      this.flush()
      this.stmt.setMeta.run('bulk', '1')
    })
    this.bulkTerms = new Map()
    for (const [term, id] of this.stmt.allTerms.iterate() as Iterable<[string, number]>) this.bulkTerms.set(term, id)
  }

  endBulk(): void {
    if (!this.bulkTerms) return
    this.batch(() => {
      this.flush()
      this.stmt.deleteMeta.run('bulk')
    })
    this.bulkTerms = null
  }

  private writeState(): void {
    for (const chunk of this.dirtyChunks) {
      const words = this.attrs.subarray(chunk * CHUNK_WORDS, (chunk + 1) * CHUNK_WORDS)
      this.stmt.putChunk.run(chunk, Buffer.from(words.buffer, words.byteOffset, words.byteLength))
    }
    this.dirtyChunks.clear()
    this.stmt.setMeta.run('counters', JSON.stringify(this.counters))
  }

  private requireBatch(): void {
    if (this.depth === 0) throw new Error('search index changes must run inside batch()')
  }

  // ---- documents ----

  /** Adds a document under a new number; its postings are written when the batch ends. */
  addDoc(key: string, doc: IndexedDoc, kind: number, interviewKey: number, speakerId: number): number {
    this.requireBatch()
    const num = this.counters.nextNum++
    const c = this.counters
    c.docCount += 1
    this.ensureChunk(num)
    const at = num * ATTR_WIDTH
    this.attrs.fill(0, at, at + ATTR_WIDTH)
    this.attrs[at] = kind
    this.attrs[at + ATTR_INTERVIEW] = interviewKey
    this.attrs[at + ATTR_SPEAKER] = speakerId
    this.builder.docs++
    for (const { field, tokens } of fieldsOf(doc)) {
      const unique = this.builder.addField(num, field, tokens)
      // MiniSearch's running average, step for step, so scores come out the same.
      c.avg[field] = ((c.avg[field] ?? 0) * (c.docCount - 1) + unique) / c.docCount
      const slot = SLOT[kind * FIELD_COUNT + field] ?? -1
      if (slot >= 0) this.attrs[at + ATTR_LENGTHS + slot] = unique
    }
    const { id: _id, ...stored } = doc
    this.stmt.insertDoc.run(num, key, JSON.stringify(stored))
    this.dirtyChunks.add(Math.floor(num / CHUNK))
    this.stats.docsAdded++
    if (this.builder.postings >= FLUSH_POSTINGS) this.flush()
    return num
  }

  /** Takes a document out of the counts; its postings are skipped from now on. Gives what it held. */
  removeDoc(num: number): IndexedDoc | undefined {
    this.requireBatch()
    const row = this.stmt.doc.get(num) as [string, string] | undefined
    if (!row) return undefined
    const doc = { id: row[0], ...(JSON.parse(row[1]) as Omit<IndexedDoc, 'id'>) } as IndexedDoc
    this.ensureChunk(num)
    const at = num * ATTR_WIDTH
    const kind = (this.attrs[at] ?? 0) & 0xff
    const c = this.counters
    for (let field = 0; field < FIELD_COUNT; field++) {
      const value = doc[INDEXED_FIELDS[field] as keyof IndexedDoc]
      if (value === undefined || value === null) continue
      // The field's distinct words, as counted when it was added.
      const unique = this.attrs[at + ATTR_LENGTHS + (SLOT[kind * FIELD_COUNT + field] ?? 0)] ?? 0
      c.avg[field] = c.docCount === 1 ? 0 : ((c.avg[field] ?? 0) * c.docCount - unique) / (c.docCount - 1)
    }
    c.docCount -= 1
    this.stmt.deleteDoc.run(num)
    this.attrs[at] = (this.attrs[at] ?? 0) | DEAD
    this.dead = null
    if (this.builder.first >= 0 && num >= this.builder.first) this.pendingRemoved = true
    this.dirtyChunks.add(Math.floor(num / CHUNK))
    this.stats.docsRemoved++
    return doc
  }

  doc(num: number): IndexedDoc | undefined {
    const row = this.stmt.doc.get(num) as [string, string] | undefined
    return row ? ({ id: row[0], ...(JSON.parse(row[1]) as object) } as IndexedDoc) : undefined
  }

  docKey(num: number): string {
    return (this.stmt.docKey.get(num) as string | undefined) ?? ''
  }

  // ---- per-document attributes ----

  private ensureCapacity(num: number): void {
    const needed = (Math.floor(num / CHUNK) + 1) * CHUNK_WORDS
    if (this.attrs.length >= needed) return
    const grown = new Uint32Array(Math.max(needed, Math.ceil((this.attrs.length * 1.5) / CHUNK_WORDS) * CHUNK_WORDS))
    grown.set(this.attrs)
    this.attrs = grown
  }

  private ensureChunk(num: number): void {
    const chunk = Math.floor(num / CHUNK)
    this.ensureCapacity(num)
    if (this.loadedChunks.has(chunk)) return
    const data = this.stmt.chunk.get(chunk) as Buffer | undefined
    if (data) this.attrs.set(new Uint32Array(new Uint8Array(data).buffer), chunk * CHUNK_WORDS)
    this.loadedChunks.add(chunk)
  }

  /** Every document's attributes, read in full once: what ranking and filters look at. */
  allAttrs(): Uint32Array {
    if (!this.allLoaded) {
      this.ensureCapacity(Math.max(0, this.counters.nextNum - 1))
      for (const [chunk, data] of this.stmt.chunks.iterate() as Iterable<[number, Buffer]>) {
        if (this.loadedChunks.has(chunk)) continue
        this.ensureCapacity(chunk * CHUNK)
        this.attrs.set(new Uint32Array(new Uint8Array(data).buffer), chunk * CHUNK_WORDS)
        this.loadedChunks.add(chunk)
      }
      this.allLoaded = true
    }
    return this.attrs
  }

  attr(num: number, offset: number): number {
    this.ensureChunk(num)
    return this.attrs[num * ATTR_WIDTH + offset] ?? 0
  }

  setAttr(num: number, offset: number, value: number): void {
    this.requireBatch()
    this.ensureChunk(num)
    this.attrs[num * ATTR_WIDTH + offset] = value
    this.dirtyChunks.add(Math.floor(num / CHUNK))
  }

  /** Every dead document's number, ascending (their postings wait for a merge). */
  deadNumbers(): Uint32Array {
    if (!this.dead) {
      const attrs = this.allAttrs()
      const found: number[] = []
      const limit = this.counters.nextNum
      for (let num = 0; num < limit; num++) if (((attrs[num * ATTR_WIDTH] ?? 0) & DEAD) !== 0) found.push(num)
      this.dead = Uint32Array.from(found)
    }
    return this.dead
  }

  isDead(num: number): boolean {
    return (this.attr(num, 0) & DEAD) !== 0
  }

  // ---- words ----

  term(term: string): TermInfo | undefined {
    const id = this.stmt.term.get(term) as number | undefined
    return id === undefined ? undefined : { term, id }
  }

  /** Every word seen that begins with `prefix` and is longer than it (some may have no live document left). */
  expansions(prefix: string): TermInfo[] {
    return (this.stmt.expansions.all(prefix, `${prefix}\u{10ffff}`) as Array<[string, number]>)
      .filter(([term]) => term.startsWith(prefix) && term.length > prefix.length)
      .map(([term, id]) => ({ term, id }))
  }

  /** A word's postings, one row per run that has it. */
  postings(termId: number): Array<{ rowId: number; data: Buffer }> {
    const out: Array<{ rowId: number; data: Buffer }> = []
    for (const run of this.runs()) {
      const rowId = postingRowId(termId, run.id)
      const data = this.stmt.posting.get(rowId) as Buffer | undefined
      if (data) out.push({ rowId, data })
    }
    return out
  }

  positions(rowId: number): Uint16Array | Uint32Array {
    const blob = this.stmt.positions.get(rowId) as Buffer | undefined
    return blob ? decodePositions(blob) : new Uint16Array(0)
  }

  // ---- runs ----

  runs(): RunInfo[] {
    this.runsCache ??= this.stmt.runs.all() as RunInfo[]
    return this.runsCache
  }

  private termId(term: string): number {
    if (this.bulkTerms) {
      let id = this.bulkTerms.get(term)
      if (id === undefined) {
        id = this.counters.nextTermId++
        this.bulkTerms.set(term, id)
        this.stmt.insertTerm.run(term, id)
      }
      return id
    }
    let id = this.stmt.term.get(term) as number | undefined
    if (id === undefined) {
      id = this.counters.nextTermId++
      this.stmt.insertTerm.run(term, id)
    }
    return id
  }

  /** Writes the pending postings as one run. */
  private flush(): void {
    if (this.builder.size === 0) return
    const run = this.counters.nextRun++
    const flagsOf = (num: number): number => {
      this.ensureChunk(num)
      return this.attrs[num * ATTR_WIDTH] ?? 0
    }
    let postings = 0
    const entries = [...this.builder.terms()].map((pending) => ({ id: this.termId(pending.term), pending }))
    // In term id order, so the run's rows go into the table in rowid order.
    entries.sort((a, b) => a.id - b.id)
    for (const { id, pending } of entries) {
      let { keys, tf, pos } = pending
      // A document added and removed within the batch leaves no postings.
      let dead = false
      for (let i = 0; i < keys.length && !dead && this.pendingRemoved; i++) dead = (flagsOf(Math.floor((keys[i] as number) / (FIELD_MASK + 1))) & DEAD) !== 0
      if (dead) {
        const k: number[] = []
        const t: number[] = []
        const p: number[] = []
        let at = 0
        for (let i = 0; i < keys.length; i++) {
          const f = tf[i] as number
          if ((flagsOf(Math.floor((keys[i] as number) / (FIELD_MASK + 1))) & DEAD) === 0) {
            k.push(keys[i] as number)
            t.push(f)
            for (let j = 0; j < f; j++) p.push(pos[at + j] as number)
          }
          at += f
        }
        keys = Uint32Array.from(k)
        tf = Uint32Array.from(t)
        pos = Uint32Array.from(p)
      }
      if (keys.length === 0) continue
      this.stmt.insertPosting.run(postingRowId(id, run), encodePostings(keys, tf), encodePositions(pos))
      postings += keys.length
    }
    const docs = this.builder.docs
    this.builder.clear()
    this.pendingRemoved = false
    if (postings === 0) {
      this.counters.nextRun--
      return
    }
    const level = postings >= BIG_RUN_POSTINGS || this.bulkTerms ? BIG_LEVEL : 0
    this.stmt.insertRun.run(run, level, docs, postings)
    this.runsCache = null
    if (this.autoCompact) this.compact()
  }

  /** Merges small runs as they pile up (see SearchIndex.compact). */
  autoCompact = true

  /** Eight runs of a level become one of the next, dropping dead documents' postings. */
  compact(): void {
    this.requireBatch()
    for (let level = 0; level < BIG_LEVEL - 1; level++) {
      const same = this.runs().filter((r) => r.level === level)
      if (same.length < FANOUT) return
      const postings = same.reduce((n, r) => n + r.postings, 0)
      if (postings > MERGE_CAP) {
        // Big enough: these runs stay as they are (a query reads one row per run of a word).
        for (const run of same) this.stmt.setLevel.run(BIG_LEVEL, run.id)
        this.runsCache = null
        return
      }
      this.merge(same, level + 1)
    }
  }

  private merge(sources: readonly RunInfo[], level: number): void {
    const run = this.counters.nextRun++
    // term id → its rows, in run order (runs of one level hold ascending, disjoint document numbers).
    const byTerm = new Map<number, Array<[Buffer, Buffer]>>()
    for (const source of sources) {
      const from = postingRowId(0, source.id)
      for (const [rowId, data, pos] of this.stmt.runPostings.iterate(from, postingRowId(0, source.id + 1)) as Iterable<[number, Buffer, Buffer]>) {
        const termId = rowId - from
        let rows = byTerm.get(termId)
        if (!rows) byTerm.set(termId, (rows = []))
        rows.push([data, pos])
      }
      this.stmt.deleteRunPostings.run(from, postingRowId(0, source.id + 1))
      this.stmt.deleteRun.run(source.id)
    }
    let postings = 0
    for (const termId of [...byTerm.keys()].sort((a, b) => a - b)) {
      const keys: number[] = []
      const tf: number[] = []
      const pos: number[] = []
      for (const [data, positionsBlob] of byTerm.get(termId) ?? []) {
        const list = decodePostings(data)
        const positions = decodePositions(positionsBlob)
        let at = 0
        for (let i = 0; i < list.keys.length; i++) {
          const key = list.keys[i] as number
          const f = list.tf[i] as number
          if (!this.isDead(key >>> FIELD_BITS)) {
            keys.push(key)
            tf.push(f)
            for (let k = 0; k < f; k++) pos.push(positions[at + k] as number)
          }
          at += f
        }
      }
      if (keys.length === 0) continue
      this.stmt.insertPosting.run(postingRowId(termId, run), encodePostings(keys, tf), encodePositions(pos))
      postings += keys.length
    }
    const docs = sources.reduce((n, s) => n + s.docs, 0)
    if (postings > 0) this.stmt.insertRun.run(run, level, docs, postings)
    this.runsCache = null
    this.stats.merges++
  }
}
