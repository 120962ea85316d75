// The in-memory MiniSearch index Verbatim searched with before the index moved to disk, kept here
// as the reference the new engine must agree with (test/search/ranking.test.ts): same words, same
// BM25 scores, same phrases and filters. It ranks with MiniSearch.search itself.
//
// MiniSearch answers "which documents hold all these words" with BM25 ranking and prefix
// expansion. What it lacks is done here: phrases are checked against the stored text of its
// candidates, filters against stored fields and the small registries below, and a query made only
// of filters is answered from those registries without touching the word index.
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch'
import { normaliseTagName, tagPath } from '../../src/shared/codebook'
import {
  FIELDS_OF,
  FIELD_BOOST,
  INDEXED_FIELDS,
  STORED_FIELDS,
  interviewDoc,
  interviewDocId,
  kindOfDocId,
  parseDocId,
  quoteDoc,
  quoteDocId,
  sameSegment,
  segmentDoc,
  segmentDocId,
  sourceDoc,
  sourceDocId,
  type IndexedDoc,
  type InterviewInput,
  type QuoteInput,
  type SegmentInput,
  type SourceInput,
  type TagInput
} from '../../src/core/search/documents'
import { fold, FOLD_VERSION } from '../../src/core/search/fold'
import { containsSequence, highlightRanges, snippetOf, termsHoldSequence } from '../../src/core/search/match'
import type { TermQuery } from '../../src/core/search/evaluate'
import { isEmptyQuery, parseQuery, type HitKind, type ParsedQuery, type WordSequence } from '../../src/core/search/query'
import { tokenize } from '../../src/core/search/tokenize'
import type { SearchHit } from '../../src/shared/search'

export type { SearchHit }

export interface SearchOptions {
  /** Most hits to return; 50 unless given. */
  limit?: number
}

export interface SearchIndexOptions {
  /**
   * Tag ids meant by a `tag:` value. Without it the codebook given to setTags is used: a value
   * names a tag by its id, its full path, or its last level, and takes in its nested tags
   * (`tag:conflict` also finds `conflict/CSTO`).
   */
  resolveTags?: (value: string) => readonly string[]
}

interface InterviewEntry {
  title: string
  /** Segment ids in transcript order. */
  segmentIds: string[]
  /** Distinct speaker names, and for each segment the index of its speaker in them. */
  speakers: string[]
  speakerOf: number[]
}

export interface SearchIndexSnapshot {
  format: 'verbatim-search-index'
  version: number
  foldVersion: number
  index: AsPlainObject
  interviews: Array<[string, InterviewEntry]>
  quotes: Array<[string, string]>
  sources: string[]
  tags: TagInput[]
  tagDocs: Array<[string, string[]]>
}

const SNAPSHOT_FORMAT = 'verbatim-search-index'
const SNAPSHOT_VERSION = 1
const DEFAULT_LIMIT = 50

/** A saved index this code cannot read (older format or folding rules): rebuild it from the archive. */
export class SearchIndexVersionError extends Error {
  override name = 'SearchIndexVersionError'
}

function miniSearchOptions(): Options<IndexedDoc> {
  return {
    fields: [...INDEXED_FIELDS],
    storeFields: [...STORED_FIELDS],
    tokenize,
    // Folding already happened in tokenize.
    processTerm: (term) => term,
    // Documents are removed eagerly (see discard), so there is never anything to vacuum.
    autoVacuum: false,
    searchOptions: { combineWith: 'AND', fuzzy: false, boost: FIELD_BOOST }
  }
}

interface Scope {
  kinds: ReadonlySet<HitKind>
  interviewIds: ReadonlySet<string> | null
  speakers: readonly WordSequence[]
  /** Each set is one `tag:` filter: a document must carry at least one tag of every set. */
  tagSets: ReadonlyArray<ReadonlySet<string>>
}

const ALL_KINDS: readonly HitKind[] = ['segment', 'quote', 'source', 'interview']

export class ReferenceIndex {
  private miniSearch: MiniSearch<IndexedDoc>
  private readonly interviews = new Map<string, InterviewEntry>()
  /** Quote id → interview id. */
  private readonly quotes = new Map<string, string>()
  private readonly sources = new Set<string>()
  private tags: TagInput[] = []
  /** Tag id → documents (segments and quotes) carrying it. */
  private readonly tagDocs = new Map<string, Set<string>>()
  private readonly speakerTokens = new Map<string, string[]>()
  private readonly resolveTagsOption: ((value: string) => readonly string[]) | undefined

  constructor(options: SearchIndexOptions = {}) {
    this.miniSearch = new MiniSearch(miniSearchOptions())
    this.resolveTagsOption = options.resolveTags
  }

  /** Number of indexed documents of every kind. */
  get documentCount(): number {
    return this.miniSearch.documentCount
  }

  // ---- interviews and their transcripts ----

  /** Indexes an interview and its transcript, replacing whatever was indexed under its id. */
  addInterview(interview: InterviewInput, segments: readonly SegmentInput[]): void {
    if (this.interviews.has(interview.id)) this.removeInterview(interview.id, { keepQuotes: true })
    this.interviews.set(interview.id, { title: interview.title, segmentIds: [], speakers: [], speakerOf: [] })
    this.miniSearch.add(interviewDoc(interview))
    this.replaceSegments(interview.id, segments)
  }

  /** Title, place or notes changed; the transcript did not. */
  updateInterview(interview: InterviewInput): void {
    const entry = this.interviews.get(interview.id)
    if (!entry) {
      this.addInterview(interview, [])
      return
    }
    entry.title = interview.title
    this.miniSearch.replace(interviewDoc(interview))
  }

  /** Removes the interview, its transcript and its quotes. */
  removeInterview(interviewId: string, options: { keepQuotes?: boolean } = {}): void {
    const entry = this.interviews.get(interviewId)
    if (!entry) return
    for (const segmentId of entry.segmentIds) this.discard(segmentDocId(interviewId, segmentId))
    this.discard(interviewDocId(interviewId))
    this.interviews.delete(interviewId)
    if (options.keepQuotes) return
    for (const [quoteId, quoteInterview] of this.quotes) if (quoteInterview === interviewId) this.removeQuote(quoteId)
  }

  /**
   * The interview's transcript is now `segments`, in order. Only segments whose words, speaker,
   * tags or off-the-record flag changed are re-indexed, so a correction costs one segment.
   */
  replaceSegments(interviewId: string, segments: readonly SegmentInput[]): void {
    const entry = this.entry(interviewId)
    const keep = new Set<string>()
    const order: SegmentInput[] = []
    for (const segment of segments) {
      // A duplicated id could only be indexed once; the first copy wins, as it does for anchors.
      if (keep.has(segment.id)) continue
      keep.add(segment.id)
      order.push(segment)
    }
    for (const segmentId of entry.segmentIds) if (!keep.has(segmentId)) this.discard(segmentDocId(interviewId, segmentId))
    for (const segment of order) this.putSegment(interviewId, segment)
    entry.segmentIds = order.map((s) => s.id)
    entry.speakers = []
    entry.speakerOf = order.map((s) => {
      let index = entry.speakers.indexOf(s.speaker)
      if (index < 0) index = entry.speakers.push(s.speaker) - 1
      return index
    })
  }

  /** One segment changed; a segment the index does not know yet is added at the end. */
  updateSegment(interviewId: string, segment: SegmentInput): void {
    const entry = this.entry(interviewId)
    this.putSegment(interviewId, segment)
    let position = entry.segmentIds.indexOf(segment.id)
    if (position < 0) position = entry.segmentIds.push(segment.id) - 1
    let speaker = entry.speakers.indexOf(segment.speaker)
    if (speaker < 0) speaker = entry.speakers.push(segment.speaker) - 1
    entry.speakerOf[position] = speaker
  }

  removeSegment(interviewId: string, segmentId: string): void {
    const entry = this.interviews.get(interviewId)
    if (!entry) return
    const position = entry.segmentIds.indexOf(segmentId)
    if (position < 0) return
    this.discard(segmentDocId(interviewId, segmentId))
    entry.segmentIds.splice(position, 1)
    entry.speakerOf.splice(position, 1)
  }

  // ---- quotes, sources, tags ----

  upsertQuote(quote: QuoteInput): void {
    const docId = quoteDocId(quote.id)
    this.discard(docId)
    const doc = quoteDoc(quote)
    this.miniSearch.add(doc)
    this.tagDoc(docId, doc.tagIds)
    this.quotes.set(quote.id, quote.interviewId)
  }

  removeQuote(quoteId: string): void {
    this.discard(quoteDocId(quoteId))
    this.quotes.delete(quoteId)
  }

  upsertSource(source: SourceInput): void {
    const docId = sourceDocId(source.id)
    this.discard(docId)
    this.miniSearch.add(sourceDoc(source))
    this.sources.add(source.id)
  }

  removeSource(sourceId: string): void {
    this.discard(sourceDocId(sourceId))
    this.sources.delete(sourceId)
  }

  /** The codebook that `tag:` values are resolved against (unless a resolver was given). */
  setTags(tags: readonly TagInput[]): void {
    this.tags = tags.map(({ id, name }) => ({ id, name }))
  }

  // ---- searching ----

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_LIMIT))
    const parsed = parseQuery(query)
    if (limit === 0 || isEmptyQuery(parsed)) return []
    const scope = this.scopeOf(parsed)
    if (!scope) return []
    const terms = this.termsOf(parsed)
    if (terms.length === 0) return this.browse(scope, limit)

    const unfiltered = scope.kinds.size === ALL_KINDS.length && !scope.interviewIds && scope.speakers.length === 0 && scope.tagSets.length === 0
    return this.searchWithMiniSearch(parsed, terms, unfiltered ? null : scope, limit)
  }

  /** MiniSearch's own search: the fallback should its internals ever change shape. */
  private searchWithMiniSearch(parsed: ParsedQuery, terms: readonly TermQuery[], scope: Scope | null, limit: number): SearchHit[] {
    const results = this.miniSearch.search(
      { combineWith: 'AND', queries: terms.map(({ token, prefix }) => ({ queries: [token], prefix })) },
      // The filter runs once per candidate; an unfiltered query of a common word has hundreds of thousands.
      scope ? { filter: (result) => this.inScope(result.id as string, result, scope) } : {}
    )
    const hits: SearchHit[] = []
    for (const result of inStableOrder(results)) {
      if (hits.length >= limit) break
      const docId = result.id as string
      if (parsed.phrases.length > 0 && !this.holdsPhrases(docId, result, parsed.phrases)) continue
      hits.push(this.hitOf(docId, result, result.score, terms, parsed.phrases))
    }
    return hits
  }

  // ---- saving and loading ----

  /** A plain object for JSON.stringify (which calls this), read back by fromJSON. */
  toJSON(): SearchIndexSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      foldVersion: FOLD_VERSION,
      index: this.miniSearch.toJSON(),
      interviews: [...this.interviews],
      quotes: [...this.quotes],
      sources: [...this.sources],
      tags: this.tags,
      tagDocs: [...this.tagDocs].map(([tagId, docs]) => [tagId, [...docs]])
    }
  }

  /** Throws SearchIndexVersionError for a snapshot of another format or folding: rebuild then. */
  static fromJSON(json: string | SearchIndexSnapshot, options: SearchIndexOptions = {}): ReferenceIndex {
    const snapshot = (typeof json === 'string' ? JSON.parse(json) : json) as Partial<SearchIndexSnapshot> | null
    if (!snapshot || snapshot.format !== SNAPSHOT_FORMAT || snapshot.version !== SNAPSHOT_VERSION || !snapshot.index) {
      throw new SearchIndexVersionError('not a search index this version of Verbatim can read')
    }
    if (snapshot.foldVersion !== FOLD_VERSION) throw new SearchIndexVersionError('the saved search index folds words differently')
    const index = new ReferenceIndex(options)
    index.miniSearch = MiniSearch.loadJS(snapshot.index, miniSearchOptions())
    for (const [id, entry] of snapshot.interviews ?? []) index.interviews.set(id, entry)
    for (const [id, interviewId] of snapshot.quotes ?? []) index.quotes.set(id, interviewId)
    for (const id of snapshot.sources ?? []) index.sources.add(id)
    index.tags = snapshot.tags ?? []
    for (const [tagId, docs] of snapshot.tagDocs ?? []) index.tagDocs.set(tagId, new Set(docs))
    return index
  }

  // ---- internals ----

  private entry(interviewId: string): InterviewEntry {
    const entry = this.interviews.get(interviewId)
    if (!entry) throw new Error(`interview ${interviewId} is not in the search index; add it with addInterview`)
    return entry
  }

  /**
   * Removes a document's postings right away, from its stored fields (every indexed field is
   * stored). MiniSearch's lazy `discard` would leave them counting toward word frequencies, and so
   * toward scores, until a vacuum runs.
   */
  private discard(docId: string): void {
    const stored = this.miniSearch.getStoredFields(docId)
    if (!stored) return
    this.untagDoc(docId, stored.tagIds as string[] | undefined)
    this.miniSearch.remove({ ...stored, id: docId } as IndexedDoc)
  }

  private putSegment(interviewId: string, segment: SegmentInput): void {
    const doc = segmentDoc(interviewId, segment)
    if (this.miniSearch.has(doc.id)) {
      if (sameSegment(doc, this.miniSearch.getStoredFields(doc.id))) return
      this.discard(doc.id)
    }
    this.miniSearch.add(doc)
    this.tagDoc(doc.id, doc.tagIds)
  }

  private tagDoc(docId: string, tagIds: readonly string[] | undefined): void {
    for (const tagId of tagIds ?? []) {
      let docs = this.tagDocs.get(tagId)
      if (!docs) this.tagDocs.set(tagId, (docs = new Set()))
      docs.add(docId)
    }
  }

  private untagDoc(docId: string, tagIds: readonly string[] | undefined): void {
    for (const tagId of tagIds ?? []) {
      const docs = this.tagDocs.get(tagId)
      docs?.delete(docId)
      if (docs?.size === 0) this.tagDocs.delete(tagId)
    }
  }

  /** Words for MiniSearch: single words and every phrase's words, once each. */
  private termsOf(parsed: ParsedQuery): TermQuery[] {
    const all = [...parsed.words]
    for (const phrase of parsed.phrases) {
      phrase.tokens.forEach((token, i) => all.push({ token, prefix: phrase.prefixLast && i === phrase.tokens.length - 1 }))
    }
    const seen = new Set<string>()
    return all.filter(({ token, prefix }) => {
      const key = `${prefix ? '>' : '='}${token}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
  }

  /** The filters resolved to ids; null when a filter can match nothing, so nothing can be found. */
  private scopeOf(parsed: ParsedQuery): Scope | null {
    let kinds = new Set<HitKind>(parsed.kinds.length > 0 ? parsed.kinds : ALL_KINDS)
    const narrow = (allowed: readonly HitKind[]): void => {
      kinds = new Set([...kinds].filter((k) => allowed.includes(k)))
    }
    if (parsed.speakers.length > 0 || parsed.tags.length > 0) narrow(['segment', 'quote'])
    if (parsed.interviews.length > 0) narrow(['segment', 'quote', 'interview'])
    if (kinds.size === 0) return null
    let interviewIds: Set<string> | null = null
    for (const value of parsed.interviews) {
      const matching = this.interviewsMatching(value)
      interviewIds = interviewIds ? intersect(interviewIds, matching) : matching
      if (interviewIds.size === 0) return null
    }
    const tagSets: Array<Set<string>> = []
    for (const value of parsed.tags) {
      const ids = new Set(this.resolveTags(value))
      if (ids.size === 0) return null
      tagSets.push(ids)
    }
    return { kinds, interviewIds, speakers: parsed.speakers, tagSets }
  }

  private resolveTags(value: string): readonly string[] {
    if (this.resolveTagsOption) return this.resolveTagsOption(value)
    const wanted = fold(normaliseTagName(value))
    return this.tags
      .filter((tag) => {
        if (tag.id === value) return true
        const path = fold(normaliseTagName(tag.name))
        const leaf = fold(tagPath(tag.name).at(-1) ?? '')
        return path === wanted || path.startsWith(`${wanted}/`) || leaf === wanted
      })
      .map((tag) => tag.id)
  }

  /** An interview named by its id, or by words of its title (the last one may be unfinished). */
  private interviewsMatching(value: string): Set<string> {
    if (this.interviews.has(value)) return new Set([value])
    const tokens = tokenize(value)
    const found = new Set<string>()
    if (tokens.length === 0) return found
    const sequence: WordSequence = { tokens, prefixLast: true }
    for (const [id, entry] of this.interviews) if (containsSequence(entry.title, sequence)) found.add(id)
    return found
  }

  private speakerMatches(speaker: string | undefined, sequences: readonly WordSequence[]): boolean {
    if (sequences.length === 0) return true
    if (!speaker) return false
    let tokens = this.speakerTokens.get(speaker)
    if (!tokens) {
      tokens = tokenize(speaker)
      // Speakers are a few names per interview; the cache stays small.
      this.speakerTokens.set(speaker, tokens)
    }
    return sequences.every((sequence) => termsHoldSequence(tokens, sequence))
  }

  private inScope(docId: string, stored: Record<string, unknown>, scope: Scope): boolean {
    // Runs for every candidate of a filtered query: read the kind without taking the id apart.
    const kind = kindOfDocId(docId)
    if (!scope.kinds.has(kind)) return false
    if (scope.interviewIds) {
      const interviewId = kind === 'quote' ? (stored.interviewId as string | undefined) : kind === 'source' ? undefined : parseDocId(docId).interviewId
      if (!interviewId || !scope.interviewIds.has(interviewId)) return false
    }
    if (scope.speakers.length > 0) {
      const speaker = kind === 'quote' ? this.quoteSpeaker(stored) : (stored.speaker as string | undefined)
      if (!this.speakerMatches(speaker, scope.speakers)) return false
    }
    if (scope.tagSets.length > 0) {
      const tagIds = (stored.tagIds as string[] | undefined) ?? []
      if (!scope.tagSets.every((set) => tagIds.some((id) => set.has(id)))) return false
    }
    return true
  }

  /** A quote's speakers come from the segments it spans, as they are now. */
  private quoteSpeaker(stored: Record<string, unknown>): string | undefined {
    const entry = this.interviews.get(stored.interviewId as string)
    if (!entry) return undefined
    const from = entry.segmentIds.indexOf(stored.startSegmentId as string)
    if (from < 0) return undefined
    const to = Math.max(from, entry.segmentIds.indexOf(stored.endSegmentId as string))
    const names: string[] = []
    for (let i = from; i <= to; i++) {
      const name = entry.speakers[entry.speakerOf[i] ?? -1]
      if (name !== undefined && !names.includes(name)) names.push(name)
    }
    return names.length > 0 ? names.join(', ') : undefined
  }

  private holdsPhrases(docId: string, stored: Record<string, unknown>, phrases: readonly WordSequence[]): boolean {
    const fields = FIELDS_OF[kindOfDocId(docId)]
    return phrases.every((phrase) =>
      fields.some((field) => {
        const value = stored[field]
        return typeof value === 'string' && containsSequence(value, phrase)
      })
    )
  }

  /** A query of filters only lists what they allow, in archive order: interviews, quotes, then transcript segments. */
  private browse(scope: Scope, limit: number): SearchHit[] {
    const hits: SearchHit[] = []
    const take = (docId: string): boolean => {
      const stored = this.miniSearch.getStoredFields(docId)
      if (stored && this.inScope(docId, stored, scope)) hits.push(this.hitOf(docId, stored, 0, [], []))
      return hits.length < limit
    }
    const interviewIds = scope.interviewIds ?? this.interviews.keys()
    if (scope.kinds.has('interview')) {
      for (const id of interviewIds) if (!take(interviewDocId(id))) return hits
    }
    if (scope.kinds.has('quote')) {
      for (const id of this.quotes.keys()) if (!take(quoteDocId(id))) return hits
    }
    if (scope.kinds.has('segment')) {
      const tagged = this.taggedDocs(scope)
      for (const interviewId of scope.interviewIds ?? this.interviews.keys()) {
        const entry = this.interviews.get(interviewId)
        if (!entry) continue
        // Skip whole speakers that cannot match before building any document id.
        const speakerOk = entry.speakers.map((name) => this.speakerMatches(name, scope.speakers))
        for (let i = 0; i < entry.segmentIds.length; i++) {
          if (!speakerOk[entry.speakerOf[i] ?? -1]) continue
          const docId = segmentDocId(interviewId, entry.segmentIds[i] ?? '')
          if (tagged && !tagged.has(docId)) continue
          if (!take(docId)) return hits
        }
      }
    }
    if (scope.kinds.has('source')) {
      for (const id of this.sources) if (!take(sourceDocId(id))) return hits
    }
    return hits
  }

  /** Documents carrying a tag from every tag filter, or null when there is no tag filter. */
  private taggedDocs(scope: Scope): Set<string> | null {
    let result: Set<string> | null = null
    for (const set of scope.tagSets) {
      const docs = new Set<string>()
      for (const tagId of set) for (const docId of this.tagDocs.get(tagId) ?? []) docs.add(docId)
      result = result ? intersect(result, docs) : docs
    }
    return result
  }

  private hitOf(docId: string, stored: Record<string, unknown>, score: number, terms: readonly TermQuery[], phrases: readonly WordSequence[]): SearchHit {
    const ref = parseDocId(docId)
    const fields = FIELDS_OF[ref.kind]
    const main = fields[0] ?? 'text'
    const text = typeof stored[main] === 'string' ? (stored[main] as string) : ''
    const highlights = highlightRanges(text, terms, phrases)
    let snippet = snippetOf(main, text, highlights)
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
    const hit: SearchHit = { kind: ref.kind, id: ref.id, docId, text, snippet, highlights, score }
    const interviewId = ref.kind === 'quote' ? (stored.interviewId as string | undefined) : ref.interviewId
    if (interviewId !== undefined) {
      hit.interviewId = interviewId
      const entry = this.interviews.get(interviewId)
      if (entry) hit.interviewTitle = entry.title
      if (ref.kind === 'segment' && entry) {
        hit.segmentId = ref.id
        hit.segmentIndex = entry.segmentIds.indexOf(ref.id)
      }
    }
    const speaker = ref.kind === 'segment' ? (stored.speaker as string | undefined) : ref.kind === 'quote' ? this.quoteSpeaker(stored) : undefined
    if (speaker !== undefined) hit.speaker = speaker
    if (stored.offRecord === true) hit.offRecord = true
    return hit
  }
}

/**
 * MiniSearch sums a document's score over fields and prefix expansions in the order its maps were
 * filled, and a loaded index fills them in another order; the sums then differ in the last bits
 * and ties fall out differently. Rounding to 9 significant digits and breaking ties by id makes a
 * saved-and-loaded index answer exactly like the one that was saved.
 */
function inStableOrder(results: SearchResult[]): SearchResult[] {
  for (const result of results) result.score = Number(result.score.toPrecision(9))
  return results.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

function intersect(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  const both = new Set<string>()
  for (const item of a) if (b.has(item)) both.add(item)
  return both
}

