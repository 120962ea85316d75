// Full-text search over the whole archive, kept on disk (SQLite) so that it opens at once, costs
// little memory, and follows every save for the price of what the save changed.
//
// Words: every document (segment, quote, source, interview) is indexed word by word with the
// positions of each word in each field (index-store.ts). A query is answered from those postings:
// all words must match, the last word being typed matches as a prefix, BM25 ranks (evaluate.ts),
// phrases are checked on positions, filters on per-document attributes (scope.ts), and a query of
// filters only lists what they allow in archive order without touching the words.
import { rmSync } from 'node:fs'
import {
  FIELD_BOOST,
  FIELDS_OF,
  INDEXED_FIELDS,
  interviewDoc,
  interviewDocId,
  parseDocId,
  quoteDoc,
  sameSegment,
  segmentDoc,
  sourceDoc,
  sourceDocId,
  type IndexedDoc,
  type InterviewInput,
  type QuoteInput,
  type SegmentInput,
  type SourceInput,
  type TagInput
} from './documents'
import { Evaluator, type Plan, type TermQuery } from './evaluate'
import { ATTR_INTERVIEW, ATTR_SPEAKER, ATTR_WIDTH, IndexStore, KIND_CODE } from './index-store'
import { highlightRanges, snippetOf } from './match'
import { isEmptyQuery, parseQuery, type HitKind, type ParsedQuery, type WordSequence } from './query'
import { Registry, type InterviewEntry } from './registry'
import { acceptor, isUnfiltered, scopeOf, speakerMatches, type Scope } from './scope'
import { isSqliteError, openDb, type Db } from './sqlite'
import type { SearchHit } from '../../shared/search'

export type { SearchHit }

export interface SearchOptions {
  /** Most hits to return; 50 unless given. */
  limit?: number
  /** Set false to skip highlights and snippets (the benchmark's ranking-only figures). */
  snippets?: boolean
}

export interface SearchIndexOptions {
  /**
   * Tag ids meant by a `tag:` value. Without it the codebook given to setTags is used: a value
   * names a tag by its id, its full path, or its last level, and takes in its nested tags
   * (`tag:conflict` also finds `conflict/CSTO`).
   */
  resolveTags?: (value: string) => readonly string[]
  /**
   * Merge small runs of postings as soon as they pile up (the default). The search service turns
   * it off and calls compact() after a save has been followed, so that no save waits for a merge.
   */
  autoCompact?: boolean
}

/** A saved index this code cannot read (another format or folding), opened read-only: build one elsewhere. */
export class SearchIndexVersionError extends Error {
  override name = 'SearchIndexVersionError'
}

const DEFAULT_LIMIT = 50
/** Candidates beyond which a phrase is checked on all of them in document order. */
const PHRASE_SWEEP = 4096
const FIELD_IDS = new Map(INDEXED_FIELDS.map((f, i) => [f as string, i]))
const KIND_OF_CODE: Record<number, HitKind> = { 1: 'segment', 2: 'quote', 3: 'source', 4: 'interview' }

export function removeIndexFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true })
}

export class SearchIndex {
  private readonly store: IndexStore
  private readonly registry: Registry
  private readonly evaluator: Evaluator
  private tagsCache: TagInput[] | null = null
  private readonly resolveTagsOption: ((value: string) => readonly string[]) | undefined

  /** An index in memory, gone when closed: for tests and one-off uses. */
  constructor(options: SearchIndexOptions = {}, db?: Db) {
    const handle = db ?? openDb(':memory:')
    if (!db) IndexStore.initialise(handle)
    this.store = new IndexStore(handle)
    this.registry = new Registry(handle)
    this.evaluator = new Evaluator(this.store, INDEXED_FIELDS.map((f) => FIELD_BOOST[f] ?? 1))
    this.resolveTagsOption = options.resolveTags
    this.store.autoCompact = options.autoCompact !== false
  }

  /** Merges runs of postings that have piled up (cheap when there is nothing to merge). */
  compact(): void {
    this.batch(() => this.store.compact())
  }

  /**
   * Opens the index file, making it if there is none. A file of another format, or one SQLite
   * cannot read, is replaced by an empty index (it is a cache); read-only, it is refused instead.
   */
  static open(file: string, options: SearchIndexOptions & { readonly?: boolean } = {}): SearchIndex {
    const readonly = options.readonly === true
    let db: Db | undefined
    try {
      db = openDb(file, { readonly })
      if (IndexStore.isCurrentFormat(db)) return new SearchIndex(options, db)
      if (readonly) throw new SearchIndexVersionError('the search index was made by another version of Verbatim')
      db.close()
    } catch (e) {
      db?.close()
      // Only what SQLite says about the file makes it a damaged cache; anything else (the module
      // did not load, the folder cannot be read) is for the caller to report.
      if (readonly || !isSqliteError(e)) throw e
    }
    removeIndexFiles(file)
    db = openDb(file)
    IndexStore.initialise(db)
    return new SearchIndex(options, db)
  }

  close(): void {
    this.store.db.close()
  }

  /** Number of indexed documents of every kind. */
  get documentCount(): number {
    return this.store.documentCount
  }

  /** For tests and the benchmark. */
  get stats(): IndexStore['stats'] & { runs: number; pruned: number } {
    return { ...this.store.stats, runs: this.store.runs().length, pruned: this.evaluator.pruned }
  }

  getMeta(key: string): string | undefined {
    return this.store.getMeta(`user:${key}`)
  }

  setMeta(key: string, value: string): void {
    this.store.setMeta(`user:${key}`, value)
  }

  /** Id → version of every interview, quote or source indexed, as given when it was added. */
  versions(kind: 'interviews' | 'quotes' | 'sources'): Map<string, string | null> {
    return this.registry.versions(kind)
  }

  /**
   * Runs several changes as one transaction and one run of postings: what a save or a rebuild
   * step does. A change that throws takes every change of the batch back.
   */
  batch<T>(change: () => T): T {
    return this.store.batch(
      () => {
        const result = change()
        this.registry.writeEntries()
        return result
      },
      () => {
        this.registry.forget()
        this.tagsCache = null
      }
    )
  }

  /** A large build: postings are written in big runs at the end (see IndexStore.beginBulk). */
  beginBulk(): void {
    this.store.beginBulk()
  }

  endBulk(): void {
    this.store.endBulk()
  }

  // ---- interviews and their transcripts ----

  /** Indexes an interview and its transcript, replacing whatever was indexed under its id. */
  addInterview(interview: InterviewInput, segments: readonly SegmentInput[], version?: string): void {
    this.batch(() => {
      if (this.registry.entry(interview.id)) this.dropInterview(interview.id, true)
      const key = this.store.nextKey()
      const num = this.store.addDoc(interviewDocId(interview.id), interviewDoc(interview), KIND_CODE.interview, key, 0)
      const entry: InterviewEntry = {
        id: interview.id, key, ord: this.store.nextOrd(), num, title: interview.title, version: version ?? null,
        segmentIds: [], nums: [], speakers: [], speakerOf: []
      }
      this.registry.putEntry(entry)
      this.setSegments(entry, segments)
    })
  }

  /** Title, place or notes changed; the transcript did not. */
  updateInterview(interview: InterviewInput, version?: string): void {
    this.batch(() => {
      const entry = this.registry.entry(interview.id)
      if (!entry) return this.addInterview(interview, [], version)
      this.store.removeDoc(entry.num)
      entry.num = this.store.addDoc(interviewDocId(interview.id), interviewDoc(interview), KIND_CODE.interview, entry.key, 0)
      entry.title = interview.title
      if (version !== undefined) entry.version = version
      this.registry.putEntry(entry)
    })
  }

  /** Removes the interview, its transcript and its quotes. */
  removeInterview(interviewId: string): void {
    this.batch(() => this.dropInterview(interviewId, false))
  }

  private dropInterview(interviewId: string, keepQuotes: boolean): void {
    const entry = this.registry.entry(interviewId)
    if (!entry) return
    for (const num of entry.nums) this.dropDoc(num)
    this.store.removeDoc(entry.num)
    this.registry.deleteEntry(interviewId)
    if (keepQuotes) return
    for (const quote of this.registry.quotesOf(interviewId)) this.dropQuote(quote.id)
  }

  /**
   * The interview's transcript is now `segments`, in order. Only segments whose words, speaker,
   * tags or off-the-record flag changed are re-indexed, so a correction costs one segment.
   */
  replaceSegments(interviewId: string, segments: readonly SegmentInput[], version?: string): void {
    this.batch(() => {
      const entry = this.entry(interviewId)
      if (version !== undefined) entry.version = version
      this.setSegments(entry, segments)
    })
  }

  private setSegments(entry: InterviewEntry, segments: readonly SegmentInput[]): void {
    const seen = new Set<string>()
    const order: SegmentInput[] = []
    for (const segment of segments) {
      // A duplicated id could only be indexed once; the first copy wins, as it does for anchors.
      if (seen.has(segment.id)) continue
      seen.add(segment.id)
      order.push(segment)
    }
    const old = new Map<string, number>()
    entry.segmentIds.forEach((id, i) => old.set(id, entry.nums[i] as number))
    for (const [id, num] of old) if (!seen.has(id)) this.dropDoc(num)
    entry.nums = order.map((segment) => this.putSegment(entry, segment, old.get(segment.id)))
    entry.segmentIds = order.map((s) => s.id)
    entry.speakers = []
    entry.speakerOf = order.map((s) => {
      let index = entry.speakers.indexOf(s.speaker)
      if (index < 0) index = entry.speakers.push(s.speaker) - 1
      return index
    })
    this.registry.putEntry(entry)
    this.refreshQuotes(entry)
  }

  /** One segment changed; a segment the index does not know yet is added at the end. */
  updateSegment(interviewId: string, segment: SegmentInput): void {
    this.batch(() => {
      const entry = this.entry(interviewId)
      let position = entry.segmentIds.indexOf(segment.id)
      const num = this.putSegment(entry, segment, position < 0 ? undefined : entry.nums[position])
      if (position < 0) {
        position = entry.segmentIds.length
        entry.segmentIds = [...entry.segmentIds, segment.id]
      }
      entry.nums[position] = num
      let speaker = entry.speakers.indexOf(segment.speaker)
      if (speaker < 0) speaker = entry.speakers.push(segment.speaker) - 1
      entry.speakerOf[position] = speaker
      this.registry.putEntry(entry)
      this.refreshQuotes(entry)
    })
  }

  removeSegment(interviewId: string, segmentId: string): void {
    this.batch(() => {
      const entry = this.registry.entry(interviewId)
      if (!entry) return
      const position = entry.segmentIds.indexOf(segmentId)
      if (position < 0) return
      this.dropDoc(entry.nums[position] as number)
      entry.segmentIds = entry.segmentIds.filter((_, i) => i !== position)
      entry.nums.splice(position, 1)
      entry.speakerOf.splice(position, 1)
      this.registry.putEntry(entry)
      this.refreshQuotes(entry)
    })
  }

  private entry(interviewId: string): InterviewEntry {
    const entry = this.registry.entry(interviewId)
    if (!entry) throw new Error(`interview ${interviewId} is not in the search index; add it with addInterview`)
    return entry
  }

  /** Indexes a segment unless the indexed copy (`num`) already says the same; gives its number. */
  private putSegment(entry: InterviewEntry, segment: SegmentInput, num: number | undefined): number {
    const doc = segmentDoc(entry.id, segment)
    if (num !== undefined) {
      const stored = this.store.doc(num)
      if (sameSegment(doc, stored as Record<string, unknown> | undefined)) return num
      this.dropDoc(num)
    }
    const added = this.store.addDoc(doc.id, doc, KIND_CODE.segment, entry.key, this.registry.speakerId(segment.speaker))
    this.registry.tag(added, doc.tagIds)
    return added
  }

  private dropDoc(num: number): void {
    const doc = this.store.removeDoc(num)
    if (doc) this.registry.untag(num, doc.tagIds)
  }

  /** A quote's speakers and interview come from the segments it spans, as they are now. */
  private refreshQuotes(entry: InterviewEntry): void {
    for (const quote of this.registry.quotesOf(entry.id)) {
      this.store.setAttr(quote.num, ATTR_INTERVIEW, entry.key)
      this.store.setAttr(quote.num, ATTR_SPEAKER, this.registry.speakerId(quoteSpeaker(entry, quote.startSegment, quote.endSegment)))
    }
  }

  // ---- quotes, sources, tags ----

  upsertQuote(quote: QuoteInput, version?: string): void {
    this.batch(() => {
      const existing = this.registry.quote(quote.id)
      if (existing) this.dropDoc(existing.num)
      const doc = quoteDoc(quote)
      const entry = this.registry.entry(quote.interviewId)
      const speaker = entry ? quoteSpeaker(entry, quote.start.segmentId, quote.end.segmentId) : undefined
      const num = this.store.addDoc(doc.id, doc, KIND_CODE.quote, entry?.key ?? 0, this.registry.speakerId(speaker))
      this.registry.tag(num, doc.tagIds)
      this.registry.putQuote({
        id: quote.id, ord: existing?.ord ?? this.store.nextOrd(), interview: quote.interviewId, num, version: version ?? null,
        startSegment: quote.start.segmentId, endSegment: quote.end.segmentId
      })
    })
  }

  removeQuote(quoteId: string): void {
    this.batch(() => this.dropQuote(quoteId))
  }

  private dropQuote(quoteId: string): void {
    const existing = this.registry.quote(quoteId)
    if (!existing) return
    this.dropDoc(existing.num)
    this.registry.deleteQuote(quoteId)
  }

  upsertSource(source: SourceInput, version?: string): void {
    this.batch(() => {
      const existing = this.registry.source(source.id)
      if (existing) this.store.removeDoc(existing.num)
      const num = this.store.addDoc(sourceDocId(source.id), sourceDoc(source), KIND_CODE.source, 0, 0)
      this.registry.putSource({ id: source.id, ord: existing?.ord ?? this.store.nextOrd(), num, version: version ?? null })
    })
  }

  removeSource(sourceId: string): void {
    this.batch(() => {
      const existing = this.registry.source(sourceId)
      if (!existing) return
      this.store.removeDoc(existing.num)
      this.registry.deleteSource(sourceId)
    })
  }

  /** The codebook that `tag:` values are resolved against (unless a resolver was given). */
  setTags(tags: readonly TagInput[]): void {
    const list = tags.map(({ id, name }) => ({ id, name }))
    this.store.setMeta('tags', JSON.stringify(list))
    this.tagsCache = list
  }

  private tags(): TagInput[] {
    this.tagsCache ??= JSON.parse(this.store.getMeta('tags') ?? '[]') as TagInput[]
    return this.tagsCache
  }

  // ---- searching ----

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT))
    const parsed = parseQuery(query)
    if (limit === 0 || isEmptyQuery(parsed)) return []
    const scope = scopeOf(parsed, { registry: this.registry, tags: () => this.tags(), resolveTags: this.resolveTagsOption })
    if (!scope) return []
    const terms = termsOf(parsed)
    const snippets = options.snippets !== false
    if (terms.length === 0) return this.browse(scope, limit)

    const plans = terms.map((term) => this.evaluator.plan(term))
    const attrs = this.store.allAttrs()
    // Without phrases the best `limit` are final, so documents that cannot be among them may be left out.
    const ranked = this.evaluator.rank(plans, isUnfiltered(scope) ? null : acceptor(scope, attrs), parsed.phrases.length > 0 ? Infinity : limit)
    const planOf = new Map(plans.map((p) => [termKey(p.term), p]))
    const hits: SearchHit[] = []
    const taken = new Set<number>()
    let phrases = parsed.phrases
    if (phrases.length > 0 && ranked.ids.length > PHRASE_SWEEP) {
      // Many candidates: check them all in document order, a walk through the postings, rather
      // than best first, which would look each one up if few of them hold the phrase.
      const { ids } = ranked
      const sorted = ids.data.slice(0, ids.length).sort()
      ids.length = 0
      for (const num of sorted) if (this.holdsPhrases(num, attrs, phrases, planOf)) ids.push(num)
      phrases = []
    }
    // Phrases are checked on the best candidates first, a growing batch at a time, until enough pass.
    let batch = phrases.length > 0 ? Math.max(limit, 32) : limit
    while (hits.length < limit) {
      const best = this.evaluator.best(ranked, batch, taken)
      if (best.length === 0) break
      for (const num of best) {
        taken.add(num)
        if (phrases.length > 0 && !this.holdsPhrases(num, attrs, phrases, planOf)) continue
        const hit = this.hitOf(num, ranked.scores[num] ?? 0, snippets ? terms : null, parsed.phrases)
        if (hit) hits.push(hit)
        if (hits.length >= limit) break
      }
      batch *= 4
    }
    return hits
  }

  /** Whether every phrase stands, word after word, in one field of the document. */
  private holdsPhrases(num: number, attrs: Uint32Array, phrases: readonly WordSequence[], planOf: ReadonlyMap<string, Plan>): boolean {
    const kind = KIND_OF_CODE[(attrs[num * ATTR_WIDTH] ?? 0) & 0xff]
    if (!kind) return false
    const fields = FIELDS_OF[kind].map((f) => FIELD_IDS.get(f) as number)
    return phrases.every((phrase) => fields.some((field) => this.phraseInField(num, field, phrase, planOf)))
  }

  private phraseInField(num: number, field: number, phrase: WordSequence, planOf: ReadonlyMap<string, Plan>): boolean {
    const n = phrase.tokens.length
    const at: Array<ArrayLike<number>> = []
    for (let i = 0; i < n; i++) {
      const plan = planOf.get(termKey({ token: phrase.tokens[i] as string, prefix: phrase.prefixLast && i === n - 1 }))
      if (!plan) return false
      const positions: number[] = []
      for (const word of plan.words) {
        const found = this.evaluator.positions(word, num, field)
        for (let k = 0; k < found.length; k++) positions.push(found[k] as number)
      }
      if (positions.length === 0) return false
      at.push(positions)
    }
    const later = at.slice(1).map((positions) => new Set(Array.from(positions)))
    const first = at[0] ?? []
    for (let k = 0; k < first.length; k++) {
      const start = first[k] as number
      if (later.every((set, j) => set.has(start + j + 1))) return true
    }
    return false
  }

  /** A query of filters only lists what they allow, in archive order: interviews, quotes, then transcript segments. */
  private browse(scope: Scope, limit: number): SearchHit[] {
    const hits: SearchHit[] = []
    const attrs = this.store.allAttrs()
    const accept = acceptor(scope, attrs)
    const take = (num: number): boolean => {
      if (accept(num)) {
        const hit = this.hitOf(num, 0, [], [])
        if (hit) hits.push(hit)
      }
      return hits.length < limit
    }
    const inScope = (entry: InterviewEntry): boolean => !scope.interviewKeys || scope.interviewKeys.has(entry.key)
    if (scope.kinds.has('interview')) {
      for (const entry of this.registry.entriesInOrder()) if (inScope(entry) && !take(entry.num)) return hits
    }
    if (scope.kinds.has('quote')) {
      for (const quote of this.registry.quotesInOrder()) if (!take(quote.num)) return hits
    }
    if (scope.kinds.has('segment')) {
      for (const entry of this.registry.entriesInOrder()) {
        if (!inScope(entry)) continue
        // Skip whole speakers that cannot match before looking at any segment.
        const speakerOk = entry.speakers.map((name) => speakerMatches(name, scope.speakers))
        for (let i = 0; i < entry.nums.length; i++) {
          if (!speakerOk[entry.speakerOf[i] ?? -1]) continue
          if (!take(entry.nums[i] as number)) return hits
        }
      }
    }
    if (scope.kinds.has('source')) {
      for (const source of this.registry.sourcesInOrder()) if (!take(source.num)) return hits
    }
    return hits
  }

  private hitOf(num: number, score: number, terms: readonly TermQuery[] | null, phrases: readonly WordSequence[]): SearchHit | null {
    const doc = this.store.doc(num)
    if (!doc) return null
    const stored = doc as unknown as Record<string, unknown>
    const ref = parseDocId(doc.id)
    const fields = FIELDS_OF[ref.kind]
    const main = fields[0] ?? 'text'
    const text = typeof stored[main] === 'string' ? (stored[main] as string) : ''
    let highlights: SearchHit['highlights'] = []
    let snippet: SearchHit['snippet'] = { field: main, before: '', match: '', after: '' }
    if (terms) {
      highlights = highlightRanges(text, terms, phrases)
      snippet = snippetOf(main, text, highlights)
      if (highlights.length === 0 && (terms.length > 0 || phrases.length > 0)) {
        for (const field of fields.slice(1)) {
          const value = stored[field]
          if (typeof value !== 'string' || !value) continue
          const ranges = highlightRanges(value, terms, phrases)
          if (ranges.length > 0) {
            snippet = snippetOf(field, value, ranges)
            break
          }
        }
      }
    }
    const hit: SearchHit = { kind: ref.kind, id: ref.id, docId: doc.id, text, snippet, highlights, score }
    const interviewId = ref.kind === 'quote' ? doc.interviewId : ref.interviewId
    if (interviewId !== undefined) {
      hit.interviewId = interviewId
      const entry = this.registry.entry(interviewId)
      if (entry) hit.interviewTitle = entry.title
      if (ref.kind === 'segment' && entry) {
        hit.segmentId = ref.id
        hit.segmentIndex = entry.nums.indexOf(num)
      }
    }
    const speaker = ref.kind === 'segment' ? doc.speaker : ref.kind === 'quote' ? this.registry.speakerName(this.store.attr(num, ATTR_SPEAKER)) : undefined
    if (speaker !== undefined) hit.speaker = speaker
    if (doc.offRecord === true) hit.offRecord = true
    return hit
  }
}

const termKey = (term: TermQuery): string => `${term.prefix ? '>' : '='}${term.token}`

/** Words to look up: single words and every phrase's words, once each. */
function termsOf(parsed: ParsedQuery): TermQuery[] {
  const all = [...parsed.words]
  for (const phrase of parsed.phrases) {
    phrase.tokens.forEach((token, i) => all.push({ token, prefix: phrase.prefixLast && i === phrase.tokens.length - 1 }))
  }
  const seen = new Set<string>()
  return all.filter((term) => {
    const key = termKey(term)
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/** The speakers of the segments a quote spans, as the transcript has them now. */
function quoteSpeaker(entry: InterviewEntry, startSegment: string, endSegment: string): string | undefined {
  const from = entry.segmentIds.indexOf(startSegment)
  if (from < 0) return undefined
  const to = Math.max(from, entry.segmentIds.indexOf(endSegment))
  const names: string[] = []
  for (let i = from; i <= to; i++) {
    const name = entry.speakers[entry.speakerOf[i] ?? -1]
    if (name !== undefined && !names.includes(name)) names.push(name)
  }
  return names.length > 0 ? names.join(', ') : undefined
}

export type { IndexedDoc }
