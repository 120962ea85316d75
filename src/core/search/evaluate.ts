// Ranking without MiniSearch's per-candidate garbage. MiniSearch.search builds a result object for
// every matching document, copies its stored fields into it, and sorts them all; for a common word
// over an archive that is hundreds of thousands of objects per keystroke (measured: p95 ≈ 2 s at
// 10M words). The postings it keeps are what we need, so this reads them directly: scores add up
// in typed arrays, the rarest word drives the AND, and only the best k documents are ever sorted.
// Scores use MiniSearch's own BM25 formula and prefix weights, so ranking does not change.
//
// MiniSearch's postings are protected members, reached here through the minimal shape below and
// checked at run time; if a future MiniSearch stores them differently, `internalsOf` returns null
// and the index falls back to MiniSearch.search (slower, same answers).
import type MiniSearch from 'minisearch'

type FieldPostings = Map<number, number> // document short id → term frequency
type TermData = Map<number, FieldPostings> // field id → postings

interface Internals {
  _index: { get(term: string): TermData | undefined; atPrefix(prefix: string): Iterable<[string, TermData]> }
  _documentIds: Map<number, unknown>
  _fieldLength: Map<number, number[]>
  _avgFieldLength: number[]
  _documentCount: number
  _nextId: number
  _fieldIds: Record<string, number>
  _storedFields: Map<number, Record<string, unknown>>
}

export function internalsOf(miniSearch: MiniSearch<never> | MiniSearch<unknown>): Internals | null {
  const m = miniSearch as unknown as Partial<Internals>
  const ok =
    m._index !== undefined &&
    typeof m._index.get === 'function' &&
    typeof m._index.atPrefix === 'function' &&
    m._documentIds instanceof Map &&
    m._fieldLength instanceof Map &&
    m._storedFields instanceof Map &&
    Array.isArray(m._avgFieldLength) &&
    typeof m._documentCount === 'number' &&
    typeof m._nextId === 'number' &&
    typeof m._fieldIds === 'object'
  return ok ? (m as Internals) : null
}

// MiniSearch 7's defaults, which the fallback path uses too.
const BM25 = { k: 1.2, b: 0.7, d: 0.5 }
const PREFIX_WEIGHT = 0.375

/**
 * A word being typed matches at most this many longer words. A three-letter prefix can begin
 * thousands of words in a large archive and the query would read all their postings on every
 * keystroke; the next letter narrows it anyway. Elasticsearch's prefix queries cap expansions at 50
 * too. MiniSearch.search (the fallback) has no cap.
 */
export const MAX_PREFIX_EXPANSIONS = 50

export interface TermQuery {
  token: string
  prefix: boolean
}

/** One field's postings of one word, with everything about its score that does not depend on the document. */
interface Posting {
  field: number
  postings: FieldPostings
  /** Prefix weight × field boost × IDF. */
  factor: number
}

interface Plan {
  postings: Posting[]
  /** Sum of posting-list sizes: what scanning this term costs. */
  size: number
}

export interface Ranked {
  /** Short ids of every document matching all terms (and the filter), unordered. */
  ids: number[]
  scores: Float64Array
}

export class Evaluator {
  private scores = new Float64Array(0)
  private readonly fieldLengths: Array<Uint32Array | undefined> = []
  private readonly copiedUpTo: number[] = []
  private stamps = new Uint32Array(0)
  private generation = 0

  constructor(
    private readonly m: Internals,
    /** Field id → boost, for every indexed field, in field-id order. */
    private readonly boosts: readonly number[]
  ) {}

  docId(shortId: number): string {
    return this.m._documentIds.get(shortId) as string
  }

  stored(shortId: number): Record<string, unknown> {
    return this.m._storedFields.get(shortId) ?? {}
  }

  /** Every live document holding all terms, with its score; `accept` narrows by filters. */
  rank(terms: readonly TermQuery[], accept: ((shortId: number) => boolean) | null): Ranked {
    this.reserve(this.m._nextId)
    const scores = this.scores
    const plans = terms
      .map((t) => this.plan(t))
      .sort((a, b) => a.size - b.size)
    let ids: number[] = []
    const first = plans[0]
    if (!first || first.size === 0) return { ids, scores }
    const alive = this.m._documentIds
    let gen = this.nextGeneration()
    // The rarest term lists the candidates.
    for (const posting of first.postings) {
      const lengths = this.lengths(posting.field)
      posting.postings.forEach((tf, doc) => {
        if (this.stamps[doc] !== gen) {
          this.stamps[doc] = gen
          // Scores are positive, so -1 marks a document seen and turned away (discarded, filtered out).
          if (!alive.has(doc) || (accept && !accept(doc))) {
            scores[doc] = -1
            return
          }
          scores[doc] = 0
          ids.push(doc)
        } else if ((scores[doc] ?? 0) < 0) return
        scores[doc] = (scores[doc] ?? 0) + this.score(posting, lengths[doc] ?? 0, tf)
      })
    }
    for (const plan of plans.slice(1)) {
      const previous = gen
      gen = this.nextGeneration()
      const next: number[] = []
      if (plan.size <= ids.length * plan.postings.length) {
        // Scanning this term's postings is cheaper than probing them for every candidate.
        for (const posting of plan.postings) {
          const lengths = this.lengths(posting.field)
          posting.postings.forEach((tf, doc) => {
            const stamp = this.stamps[doc]
            if ((stamp !== previous && stamp !== gen) || (scores[doc] ?? 0) < 0) return
            if (stamp === previous) {
              this.stamps[doc] = gen
              next.push(doc)
            }
            scores[doc] = (scores[doc] ?? 0) + this.score(posting, lengths[doc] ?? 0, tf)
          })
        }
      } else {
        for (const doc of ids) {
          let found = false
          for (const posting of plan.postings) {
            const tf = posting.postings.get(doc)
            if (tf === undefined) continue
            found = true
            scores[doc] = (scores[doc] ?? 0) + this.score(posting, this.lengths(posting.field)[doc] ?? 0, tf)
          }
          if (found) {
            this.stamps[doc] = gen
            next.push(doc)
          }
        }
      }
      ids = next
      if (ids.length === 0) break
    }
    // MiniSearch multiplies by the number of query terms a document matched: all of them, here.
    const quality = new Set(terms.map((t) => t.token)).size
    for (const doc of ids) scores[doc] = (scores[doc] ?? 0) * quality
    return { ids, scores }
  }

  /** The best `k` of `ids` not yet taken, best first; ties go to the smaller document id string. */
  best(ranked: Ranked, k: number, taken: ReadonlySet<number>): number[] {
    const { ids, scores } = ranked
    const better = (a: number, b: number): boolean => {
      const sa = scores[a] ?? 0
      const sb = scores[b] ?? 0
      if (sa !== sb) return sa > sb
      return this.docId(a) < this.docId(b)
    }
    // A min-heap of the k best so far: its root is the worst of them.
    const heap: number[] = []
    const up = (i: number): void => {
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (!better(heap[parent] as number, heap[i] as number)) break
        ;[heap[parent], heap[i]] = [heap[i] as number, heap[parent] as number]
        i = parent
      }
    }
    const down = (i: number): void => {
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let worst = i
        if (l < heap.length && better(heap[worst] as number, heap[l] as number)) worst = l
        if (r < heap.length && better(heap[worst] as number, heap[r] as number)) worst = r
        if (worst === i) return
        ;[heap[worst], heap[i]] = [heap[i] as number, heap[worst] as number]
        i = worst
      }
    }
    for (const doc of ids) {
      if (taken.has(doc)) continue
      if (heap.length < k) {
        heap.push(doc)
        up(heap.length - 1)
      } else if (k > 0 && better(doc, heap[0] as number)) {
        heap[0] = doc
        down(0)
      }
    }
    return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
  }

  private plan(term: TermQuery): Plan {
    const words: Array<{ data: TermData; weight: number }> = []
    const exact = this.m._index.get(term.token)
    if (exact) words.push({ data: exact, weight: 1 })
    if (term.prefix) {
      const expansions: Array<[string, TermData]> = []
      for (const [word, data] of this.m._index.atPrefix(term.token)) if (word.length > term.token.length) expansions.push([word, data])
      // Shortest first (MiniSearch weighs them highest), then alphabetical: a fixed order also
      // keeps floating-point sums identical in a saved and a loaded index.
      expansions.sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
      for (const [word, data] of expansions.slice(0, MAX_PREFIX_EXPANSIONS)) {
        const distance = word.length - term.token.length
        words.push({ data, weight: (PREFIX_WEIGHT * word.length) / (word.length + 0.3 * distance) })
      }
    }
    const postings: Posting[] = []
    let size = 0
    const total = this.m._documentCount
    for (const { data, weight } of words) {
      // Fields in id order, as MiniSearch adds them up.
      for (let field = 0; field < this.boosts.length; field++) {
        const map = data.get(field)
        if (!map || map.size === 0) continue
        const idf = Math.log(1 + (total - map.size + 0.5) / (map.size + 0.5))
        postings.push({ field, postings: map, factor: weight * (this.boosts[field] ?? 1) * idf })
        size += map.size
      }
    }
    return { postings, size }
  }

  private score(posting: Posting, fieldLength: number, tf: number): number {
    const average = this.m._avgFieldLength[posting.field] ?? 1
    return posting.factor * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * fieldLength) / average)))
  }

  /**
   * A field's lengths by short id, copied out of MiniSearch's map of arrays because that lookup
   * was the largest cost per posting. Short ids only ever grow, so the copy is brought up to date
   * by reading just the documents added since; removed documents never have postings to score.
   */
  private lengths(field: number): Uint32Array {
    let copy = this.fieldLengths[field]
    const upTo = this.m._nextId
    const from = this.copiedUpTo[field] ?? 0
    if (copy && from >= upTo) return copy
    if (!copy || copy.length < upTo) {
      const grown = new Uint32Array(Math.max(upTo, Math.ceil((copy?.length ?? 0) * 1.5), 1024))
      if (copy) grown.set(copy)
      copy = grown
      this.fieldLengths[field] = copy
    }
    for (let doc = from; doc < upTo; doc++) copy[doc] = this.m._fieldLength.get(doc)?.[field] ?? 0
    this.copiedUpTo[field] = upTo
    return copy
  }

  private reserve(size: number): void {
    if (this.scores.length >= size) return
    const capacity = Math.max(size, Math.ceil(this.scores.length * 1.5), 1024)
    this.scores = new Float64Array(capacity)
    const stamps = new Uint32Array(capacity)
    stamps.set(this.stamps)
    this.stamps = stamps
  }

  private nextGeneration(): number {
    this.generation++
    if (this.generation >= 0xffffffff) {
      this.stamps.fill(0)
      this.generation = 1
    }
    return this.generation
  }
}
