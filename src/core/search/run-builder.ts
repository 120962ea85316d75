// Postings of documents added since the last flush, gathered in memory and written as one run.
import { FIELD_BITS } from './postings'

export interface PendingPostings {
  keys: number[]
  tf: number[]
  pos: number[]
}

const SHIFT = 2 ** FIELD_BITS

export class RunBuilder {
  readonly terms = new Map<string, PendingPostings>()
  postings = 0
  docs = 0

  /**
   * Adds one field of a document; gives the number of distinct words in it. Documents come in
   * ascending number order and fields in ascending id order, so a word's postings stay sorted and
   * a repeated word only extends its last posting.
   */
  addField(num: number, field: number, tokens: readonly string[]): number {
    const key = num * SHIFT + field
    let distinct = 0
    for (let i = 0; i < tokens.length; i++) {
      const term = tokens[i] as string
      let pending = this.terms.get(term)
      if (!pending) this.terms.set(term, (pending = { keys: [], tf: [], pos: [] }))
      const last = pending.keys.length - 1
      if (last >= 0 && pending.keys[last] === key) {
        pending.tf[last] = (pending.tf[last] as number) + 1
        // Positions of one posting must stay together: this word's last posting is this field's.
        pending.pos.push(i)
      } else {
        pending.keys.push(key)
        pending.tf.push(1)
        pending.pos.push(i)
        distinct++
      }
    }
    this.postings += distinct
    return distinct
  }

  clear(): void {
    this.terms.clear()
    this.postings = 0
    this.docs = 0
  }
}
