// Postings of documents added since the last flush, gathered in memory and written as one run.
// A bulk build passes tens of millions of words through here, so everything lives in a few
// growable typed arrays (no object or array per word), and is grouped by word only when written.
import { FIELD_BITS } from './postings'

const SHIFT = 2 ** FIELD_BITS

class Grow {
  data: Uint32Array
  length = 0
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity)
  }
  push(value: number): number {
    if (this.length === this.data.length) {
      const grown = new Uint32Array(this.data.length * 2)
      grown.set(this.data)
      this.data = grown
    }
    this.data[this.length] = value
    return this.length++
  }
  set(index: number, value: number): void {
    this.data[index] = value
  }
}

export interface PendingTerm {
  term: string
  /** doc number << 4 | field, ascending. */
  keys: Uint32Array
  tf: Uint32Array
  /** Every posting's positions, in posting order. */
  pos: Uint32Array
}

export class RunBuilder {
  private readonly index = new Map<string, number>()
  private readonly words: string[] = []
  /** Per word: the key of its last posting, and that posting's number. */
  private lastKey = new Float64Array(1024)
  private lastPosting = new Uint32Array(1024)
  // Per posting: its word, key and term frequency.
  private readonly postingWord = new Grow()
  private readonly postingKey = new Grow()
  private readonly postingTf = new Grow()
  // Per occurrence: its posting and its position in the field.
  private readonly occurrencePosting = new Grow()
  private readonly occurrencePosition = new Grow()
  docs = 0
  /** The first document number added since the last flush, or -1. */
  first = -1

  get postings(): number {
    return this.postingWord.length
  }

  get size(): number {
    return this.words.length
  }

  /**
   * Adds one field of a document; gives the number of distinct words in it. Documents come in
   * ascending number order and fields in ascending id order, so a word's postings stay sorted.
   */
  addField(num: number, field: number, tokens: readonly string[]): number {
    const key = num * SHIFT + field
    if (this.first < 0) this.first = num
    let distinct = 0
    for (let i = 0; i < tokens.length; i++) {
      const term = tokens[i] as string
      let w = this.index.get(term)
      if (w === undefined) {
        w = this.words.push(term) - 1
        this.index.set(term, w)
        if (w >= this.lastKey.length) this.growWords()
        this.lastKey[w] = -1
      }
      let p: number
      if (this.lastKey[w] === key) {
        p = this.lastPosting[w] as number
        this.postingTf.set(p, (this.postingTf.data[p] as number) + 1)
      } else {
        p = this.postingWord.push(w)
        this.postingKey.push(key)
        this.postingTf.push(1)
        this.lastKey[w] = key
        this.lastPosting[w] = p
        distinct++
      }
      this.occurrencePosting.push(p)
      this.occurrencePosition.push(i)
    }
    return distinct
  }

  private growWords(): void {
    const keys = new Float64Array(this.lastKey.length * 2)
    keys.set(this.lastKey)
    this.lastKey = keys
    const postings = new Uint32Array(this.lastPosting.length * 2)
    postings.set(this.lastPosting)
    this.lastPosting = postings
  }

  /** Every word with its postings and positions, grouped (counting sorts: linear in what was added). */
  *terms(): Generator<PendingTerm> {
    const words = this.words.length
    const postings = this.postingWord.length
    const occurrences = this.occurrencePosting.length
    // Positions grouped by posting, in the order they came.
    const posStart = new Uint32Array(postings + 1)
    for (let o = 0; o < occurrences; o++) {
      const p = (this.occurrencePosting.data[o] as number) + 1
      posStart[p] = (posStart[p] as number) + 1
    }
    for (let p = 0; p < postings; p++) posStart[p + 1] = (posStart[p + 1] as number) + (posStart[p] as number)
    const fill = posStart.slice(0, postings)
    const positions = new Uint32Array(occurrences)
    for (let o = 0; o < occurrences; o++) {
      const p = this.occurrencePosting.data[o] as number
      const at = fill[p] as number
      fill[p] = at + 1
      positions[at] = this.occurrencePosition.data[o] as number
    }
    // Postings grouped by word, keeping their (ascending) order.
    const wordStart = new Uint32Array(words + 1)
    for (let p = 0; p < postings; p++) {
      const w = (this.postingWord.data[p] as number) + 1
      wordStart[w] = (wordStart[w] as number) + 1
    }
    for (let w = 0; w < words; w++) wordStart[w + 1] = (wordStart[w + 1] as number) + (wordStart[w] as number)
    const next = wordStart.slice(0, words)
    const order = new Uint32Array(postings)
    for (let p = 0; p < postings; p++) {
      const w = this.postingWord.data[p] as number
      const at = next[w] as number
      next[w] = at + 1
      order[at] = p
    }
    for (let w = 0; w < words; w++) {
      const from = wordStart[w] as number
      const to = wordStart[w + 1] as number
      const keys = new Uint32Array(to - from)
      const tf = new Uint32Array(to - from)
      let count = 0
      for (let j = from; j < to; j++) count += this.postingTf.data[order[j] as number] as number
      const pos = new Uint32Array(count)
      let at = 0
      for (let j = from; j < to; j++) {
        const p = order[j] as number
        keys[j - from] = this.postingKey.data[p] as number
        tf[j - from] = this.postingTf.data[p] as number
        const end = posStart[p + 1] as number
        for (let o = posStart[p] as number; o < end; o++) pos[at++] = positions[o] as number
      }
      yield { term: this.words[w] as string, keys, tf, pos }
    }
  }

  clear(): void {
    this.index.clear()
    this.words.length = 0
    this.postingWord.length = 0
    this.postingKey.length = 0
    this.postingTf.length = 0
    this.occurrencePosting.length = 0
    this.occurrencePosition.length = 0
    this.docs = 0
    this.first = -1
  }
}
