// Ranking over the postings as stored: scores add up in typed arrays indexed by document number,
// the rarest word lists the candidates of an AND, and only the best k are ever sorted. Scores use
// MiniSearch's BM25+ formula, field boosts and prefix weights (the engine Verbatim used before,
// kept in the tests as the reference), so answers and their order are unchanged.
import { FIELD_BITS, FIELD_MASK, decodePostings, lowerBound, type PostingList } from './postings'
import { ATTR_LENGTHS, ATTR_WIDTH, DEAD, FIELD_COUNT, SLOT, type IndexStore, type TermInfo } from './index-store'

const BM25 = { k: 1.2, b: 0.7, d: 0.5 }
const PREFIX_WEIGHT = 0.375

/**
 * A word being typed matches at most this many longer words. A two-letter prefix can begin
 * thousands of words in a large archive and the query would read all their postings on every
 * keystroke; the next letter narrows it anyway. Elasticsearch's prefix queries cap expansions at
 * 50 too.
 */
export const MAX_PREFIX_EXPANSIONS = 50

export interface TermQuery {
  token: string
  prefix: boolean
}

/** One stored run of one word's postings. */
export interface RunPostings extends PostingList {
  rowId: number
  /** Where each posting's positions start; made when a phrase first needs it. */
  starts?: Uint32Array
  positions?: Uint16Array | Uint32Array
  /** Where the last position look-up in this run ended. */
  cursor?: number
}

export interface WordPlan {
  word: string
  runs: RunPostings[]
  /** Per field id: prefix weight × field boost × IDF; 0 where no live document has the word. */
  factor: Float64Array
}

export interface Plan {
  term: TermQuery
  words: WordPlan[]
  /** Postings to read: what scanning this term costs. */
  size: number
}

/** A growable list of document numbers in a typed array: a common word lists hundreds of thousands. */
export class DocList {
  data = new Uint32Array(1024)
  length = 0
  push(doc: number): void {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length++] = doc
  }
}

export interface Ranked {
  /** Numbers of every document matching all terms (and the filter), unordered. */
  ids: DocList
  scores: Float64Array
}

/** What scoring a posting needs besides the posting itself. */
interface Norm {
  attrs: Uint32Array
  /** Per field: BM25's k(1 - b), and k·b / average length. */
  c1: Float64Array
  c2: Float64Array
  d: number
  k1: number
}

/**
 * Adds one run of the rarest term's postings to the scores, listing each document the first time
 * it is seen. A function of its own, with typed arrays in locals, so V8 compiles the loop tight:
 * it runs for every posting of a common word.
 */
function collect(
  keys: Uint32Array,
  tf: Uint16Array,
  factor: Float64Array,
  norm: Norm,
  stamps: Uint32Array,
  scores: Float64Array,
  gen: number,
  accept: ((num: number) => boolean) | null,
  ids: DocList
): void {
  const { attrs, c1, c2, d, k1 } = norm
  const n = keys.length
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number
    const doc = key >>> FIELD_BITS
    const at = doc * ATTR_WIDTH
    const flags = attrs[at] as number
    if (stamps[doc] !== gen) {
      stamps[doc] = gen
      // Scores are positive, so -1 marks a document seen and turned away (dead, filtered out).
      if ((flags & DEAD) !== 0 || (accept !== null && !accept(doc))) {
        scores[doc] = -1
        continue
      }
      scores[doc] = 0
      ids.push(doc)
    } else if ((scores[doc] as number) < 0) continue
    const field = key & FIELD_MASK
    const length = attrs[at + ATTR_LENGTHS + (SLOT[(flags & 0xff) * FIELD_COUNT + field] as number)] as number
    const f = tf[i] as number
    scores[doc] = (scores[doc] as number) + (factor[field] as number) * (d + (f * k1) / (f + (c1[field] as number) + (c2[field] as number) * length))
  }
}

/** Adds a word's postings to documents already seen (stamped `gen`, not turned away); lists no new one. */
function addToSeen(keys: Uint32Array, tf: Uint16Array, factor: Float64Array, norm: Norm, stamps: Uint32Array, scores: Float64Array, gen: number): void {
  const { attrs, c1, c2, d, k1 } = norm
  const n = keys.length
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number
    const doc = key >>> FIELD_BITS
    if (stamps[doc] !== gen || (scores[doc] as number) < 0) continue
    const at = doc * ATTR_WIDTH
    const field = key & FIELD_MASK
    const length = attrs[at + ATTR_LENGTHS + (SLOT[((attrs[at] as number) & 0xff) * FIELD_COUNT + field] as number)] as number
    const f = tf[i] as number
    scores[doc] = (scores[doc] as number) + (factor[field] as number) * (d + (f * k1) / (f + (c1[field] as number) + (c2[field] as number) * length))
  }
}

/** Adds one run of a later term's postings to the documents still in the running (stamped `previous`), moving them to `gen`. */
function narrow(keys: Uint32Array, tf: Uint16Array, factor: Float64Array, norm: Norm, stamps: Uint32Array, scores: Float64Array, previous: number, gen: number, next: DocList): void {
  const { attrs, c1, c2, d, k1 } = norm
  const n = keys.length
  for (let i = 0; i < n; i++) {
    const key = keys[i] as number
    const doc = key >>> FIELD_BITS
    const stamp = stamps[doc]
    if ((stamp !== previous && stamp !== gen) || (scores[doc] as number) < 0) continue
    if (stamp === previous) {
      stamps[doc] = gen
      next.push(doc)
    }
    const at = doc * ATTR_WIDTH
    const field = key & FIELD_MASK
    const length = attrs[at + ATTR_LENGTHS + (SLOT[((attrs[at] as number) & 0xff) * FIELD_COUNT + field] as number)] as number
    const f = tf[i] as number
    scores[doc] = (scores[doc] as number) + (factor[field] as number) * (d + (f * k1) / (f + (c1[field] as number) + (c2[field] as number) * length))
  }
}

/**
 * Live documents holding the word, per field: MiniSearch's document frequency, for IDF. Each run
 * says how many postings it has per field; only the dead documents within its range are looked up
 * and taken off, so a common word's postings are not all read to count them.
 */
function liveCounts(runs: readonly PostingList[], attrs: Uint32Array, dead: Uint32Array): Int32Array {
  const df = new Int32Array(FIELD_COUNT)
  for (const { keys, counts } of runs) {
    for (let f = 0; f < FIELD_COUNT; f++) df[f] = (df[f] as number) + (counts[f] ?? 0)
    const n = keys.length
    if (n === 0 || dead.length === 0) continue
    const from = lowerBound(dead, (keys[0] as number) >>> FIELD_BITS)
    const to = lowerBound(dead, ((keys[n - 1] as number) >>> FIELD_BITS) + 1)
    if (to === from) continue
    if ((to - from) * 16 > n) {
      for (let i = 0; i < n; i++) {
        const key = keys[i] as number
        if (((attrs[(key >>> FIELD_BITS) * ATTR_WIDTH] as number) & DEAD) !== 0) df[key & FIELD_MASK] = (df[key & FIELD_MASK] as number) - 1
      }
      continue
    }
    for (let j = from; j < to; j++) {
      const low = (dead[j] as number) * (FIELD_MASK + 1)
      for (let i = lowerBound(keys, low); i < n && (keys[i] as number) <= low + FIELD_MASK; i++) {
        const f = (keys[i] as number) & FIELD_MASK
        df[f] = (df[f] as number) - 1
      }
    }
  }
  return df
}

export class Evaluator {
  private scores = new Float64Array(0)
  private stamps = new Uint32Array(0)
  private generation = 0
  private keys = new Map<number, string>()
  /** Queries where orderedOr left words' new documents unread: for tests and the benchmark. */
  pruned = 0

  constructor(
    private readonly store: IndexStore,
    /** Field id → boost. */
    private readonly boosts: readonly number[]
  ) {}

  /** Reads the postings a term needs: the word itself and, for a word being typed, its expansions. */
  plan(term: TermQuery): Plan {
    const attrs = this.store.allAttrs()
    const dead = this.store.deadNumbers()
    const total = this.store.documentCount
    const words: WordPlan[] = []
    let size = 0
    // A word counts only while some live document holds it, as it did in MiniSearch's tree.
    const add = (info: TermInfo, weight: number): boolean => {
      const runs = this.store.postings(info.id).map(({ rowId, data }) => ({ rowId, ...decodePostings(data) }))
      const df = liveCounts(runs, attrs, dead)
      let live = 0
      const factor = new Float64Array(FIELD_COUNT)
      for (let field = 0; field < FIELD_COUNT; field++) {
        const n = df[field] as number
        live += n
        if (n > 0) factor[field] = weight * (this.boosts[field] ?? 1) * Math.log(1 + (total - n + 0.5) / (n + 0.5))
      }
      if (live === 0) return false
      for (const run of runs) size += run.keys.length
      words.push({ word: info.term, runs, factor })
      return true
    }
    const exact = this.store.term(term.token)
    if (exact) add(exact, 1)
    if (term.prefix) {
      const expansions = this.store.expansions(term.token)
      // Shortest first (they weigh most), then alphabetical: a fixed order keeps sums identical.
      expansions.sort((a, b) => a.term.length - b.term.length || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
      let taken = 0
      for (const info of expansions) {
        if (taken >= MAX_PREFIX_EXPANSIONS) break
        const distance = info.term.length - term.token.length
        if (add(info, (PREFIX_WEIGHT * info.term.length) / (info.term.length + 0.3 * distance))) taken++
      }
    }
    return { term, words, size }
  }

  /** Every live document holding all terms, with its score; `accept` narrows by filters. */
  /**
   * Every live document holding all terms (and accepted by the filter), with its score. With `best`,
   * a single term of many words (a word being typed) may leave out documents that cannot be among
   * the best `best`: see orderedOr.
   */
  rank(plans: readonly Plan[], accept: ((num: number) => boolean) | null, best = Infinity): Ranked {
    this.reserve(this.store.numberLimit)
    this.keys.clear()
    const attrs = this.store.allAttrs()
    const scores = this.scores
    const stamps = this.stamps
    const ordered = [...plans].sort((a, b) => a.size - b.size)
    let ids = new DocList()
    const first = ordered[0]
    if (!first || first.size === 0) return { ids, scores }
    const { k, b, d } = BM25
    const k1 = k + 1
    const avg = this.store.averageLengths
    // Per field: the parts of BM25's length normalisation that do not depend on the document.
    const c1 = new Float64Array(FIELD_COUNT)
    const c2 = new Float64Array(FIELD_COUNT)
    for (let f = 0; f < FIELD_COUNT; f++) {
      c1[f] = k * (1 - b)
      c2[f] = (k * b) / (avg[f] || 1)
    }
    const scoreOf = (factor: Float64Array, key: number, tf: number): number => {
      const field = key & FIELD_MASK
      const at = (key >>> FIELD_BITS) * ATTR_WIDTH
      const length = attrs[at + ATTR_LENGTHS + (SLOT[((attrs[at] as number) & 0xff) * FIELD_COUNT + field] as number)] ?? 0
      return (factor[field] as number) * (d + (tf * (k + 1)) / (tf + (c1[field] as number) + (c2[field] as number) * length))
    }

    let gen = this.nextGeneration()
    const norm: Norm = { attrs, c1, c2, d, k1 }
    if (plans.length === 1 && first.words.length > 1 && Number.isFinite(best)) {
      this.orderedOr(first, norm, gen, accept, ids, best)
      return { ids, scores }
    }
    // The rarest term lists the candidates.
    for (const word of first.words) for (const run of word.runs) collect(run.keys, run.tf, word.factor, norm, stamps, scores, gen, accept, ids)
    for (const plan of ordered.slice(1)) {
      const previous = gen
      gen = this.nextGeneration()
      const next = new DocList()
      let lists = 0
      for (const word of plan.words) lists += word.runs.length
      if (plan.size <= ids.length * Math.max(1, Math.log2(plan.size + 1)) * Math.max(1, lists / 4)) {
        // Scanning this term's postings is cheaper than looking each candidate up in them.
        for (const word of plan.words) for (const run of word.runs) narrow(run.keys, run.tf, word.factor, norm, stamps, scores, previous, gen, next)
      } else {
        for (let j = 0; j < ids.length; j++) {
          const doc = ids.data[j] as number
          let found = false
          const low = doc * (FIELD_MASK + 1)
          for (const word of plan.words) {
            for (const run of word.runs) {
              const { keys, tf } = run
              for (let i = lowerBound(keys, low); i < keys.length && (keys[i] as number) <= low + FIELD_MASK; i++) {
                found = true
                scores[doc] = (scores[doc] as number) + scoreOf(word.factor, keys[i] as number, tf[i] as number)
              }
            }
          }
          if (found) {
            stamps[doc] = gen
            next.push(doc)
          }
        }
      }
      ids = next
      if (ids.length === 0) break
    }
    // MiniSearch multiplies by the number of query terms a document matched: all of them, here.
    const quality = new Set(plans.map((p) => p.term.token)).size
    for (let j = 0; j < ids.length; j++) {
      const doc = ids.data[j] as number
      scores[doc] = (scores[doc] as number) * quality
    }
    return { ids, scores }
  }

  /**
   * One term of many words (a word being typed and its expansions), where a document's score is
   * the sum over the words it holds: MaxScore. Words are taken highest possible contribution first
   * (rare words: a common word's IDF is small). Once the k-th best score so far is above what all
   * the remaining words together could give, a document not seen yet cannot make the best k; the
   * remaining words (the common ones, with the longest lists) then only add to documents already
   * seen. The best k, their scores and their order are exactly those of scoring everything.
   */
  private orderedOr(plan: Plan, norm: Norm, gen: number, accept: ((num: number) => boolean) | null, ids: DocList, k: number): void {
    const { d, k1 } = norm
    // BM25's saturation: a posting gives at most factor × (d + k + 1).
    const bound = (w: WordPlan): number => w.factor.reduce((sum, f) => sum + f, 0) * (d + k1)
    const words = [...plan.words].sort((a, b) => bound(b) - bound(a))
    const rest = new Float64Array(words.length + 1)
    const left = new Float64Array(words.length + 1)
    for (let i = words.length - 1; i >= 0; i--) {
      const w = words[i] as WordPlan
      rest[i] = (rest[i + 1] as number) + bound(w)
      left[i] = (left[i + 1] as number) + w.runs.reduce((n, r) => n + r.keys.length, 0)
    }
    let i = 0
    let checkedAt = Infinity
    for (; i < words.length; i++) {
      // Worth checking when what is left to read outweighs the check, and the bound has fallen since the last one.
      if (ids.length >= k && (left[i] as number) > ids.length && (rest[i] as number) < checkedAt * 0.8) {
        checkedAt = rest[i] as number
        if (this.kth(ids, k) > (rest[i] as number)) {
          this.pruned++
          break
        }
      }
      const w = words[i] as WordPlan
      for (const run of w.runs) collect(run.keys, run.tf, w.factor, norm, this.stamps, this.scores, gen, accept, ids)
    }
    for (; i < words.length; i++) {
      const w = words[i] as WordPlan
      for (const run of w.runs) addToSeen(run.keys, run.tf, w.factor, norm, this.stamps, this.scores, gen)
    }
  }

  /** The k-th best score among `ids` (a partial score: it only grows). */
  private kth(ids: DocList, k: number): number {
    const heap = new Float64Array(k)
    let size = 0
    const scores = this.scores
    for (let j = 0; j < ids.length; j++) {
      const s = scores[ids.data[j] as number] as number
      if (size < k) {
        let i = size++
        heap[i] = s
        while (i > 0) {
          const parent = (i - 1) >> 1
          if ((heap[parent] as number) <= (heap[i] as number)) break
          const t = heap[parent] as number
          heap[parent] = heap[i] as number
          heap[i] = t
          i = parent
        }
      } else if (s > (heap[0] as number)) {
        heap[0] = s
        let i = 0
        for (;;) {
          const l = 2 * i + 1
          const r = l + 1
          let m = i
          if (l < k && (heap[l] as number) < (heap[m] as number)) m = l
          if (r < k && (heap[r] as number) < (heap[m] as number)) m = r
          if (m === i) break
          const t = heap[m] as number
          heap[m] = heap[i] as number
          heap[i] = t
          i = m
        }
      }
    }
    return size < k ? -Infinity : (heap[0] as number)
  }

  /** A document's id string, for breaking ties the way the in-memory index did. */
  key(num: number): string {
    let key = this.keys.get(num)
    if (key === undefined) {
      key = this.store.docKey(num)
      this.keys.set(num, key)
    }
    return key
  }

  /** The best `k` of `ids` not yet taken, best first; ties go to the smaller document id string. */
  best(ranked: Ranked, k: number, taken: ReadonlySet<number>): number[] {
    const { ids, scores } = ranked
    const better = (a: number, b: number): boolean => {
      const sa = scores[a] as number
      const sb = scores[b] as number
      if (sa !== sb) return sa > sb
      return this.key(a) < this.key(b)
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
    for (let j = 0; j < ids.length; j++) {
      const doc = ids.data[j] as number
      if (taken.size > 0 && taken.has(doc)) continue
      if (heap.length < k) {
        heap.push(doc)
        up(heap.length - 1)
      } else if (k > 0) {
        const root = heap[0] as number
        // Most candidates lose on score alone; only a tie needs the ids.
        if ((scores[doc] as number) < (scores[root] as number)) continue
        if (better(doc, root)) {
          heap[0] = doc
          down(0)
        }
      }
    }
    return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0))
  }

  /** Where a word stands in one field of one document (word positions, ascending). */
  positions(word: WordPlan, doc: number, field: number): ArrayLike<number> {
    const key = doc * (FIELD_MASK + 1) + field
    for (const run of word.runs) {
      const n = run.keys.length
      if (n === 0 || key < (run.keys[0] as number) || key > (run.keys[n - 1] as number)) continue
      // Gallop from where the last look-up in this run ended: documents checked in ascending order
      // (a phrase filtered over many candidates) cost a walk through the postings, not a search each.
      let from = run.cursor ?? 0
      if ((run.keys[from] as number) > key) from = 0
      let step = 1
      let to = from + 1
      while (to < n && (run.keys[to] as number) < key) {
        from = to
        step *= 2
        to = Math.min(n, from + step)
      }
      const i = lowerBound(run.keys, key, from, Math.min(n, to + 1))
      run.cursor = i
      if (run.keys[i] !== key) continue
      if (!run.starts) {
        const starts = new Uint32Array(run.keys.length + 1)
        for (let j = 0; j < run.keys.length; j++) starts[j + 1] = (starts[j] as number) + (run.tf[j] as number)
        run.starts = starts
      }
      run.positions ??= this.store.positions(run.rowId)
      return run.positions.subarray(run.starts[i] as number, run.starts[i + 1] as number)
    }
    return []
  }

  private reserve(size: number): void {
    if (this.scores.length >= size) return
    const capacity = Math.max(size, Math.ceil(this.scores.length * 1.5))
    this.scores = new Float64Array(capacity)
    this.stamps = new Uint32Array(capacity)
    this.generation = 0
  }

  private nextGeneration(): number {
    this.generation++
    if (this.generation === 0xffffffff) {
      this.stamps.fill(0)
      this.generation = 1
    }
    return this.generation
  }
}
