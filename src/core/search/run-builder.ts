// Postings of documents added since the last flush, gathered in memory and written as one run.
import { FIELD_BITS } from './postings'

export interface FieldTokens {
  field: number
  tokens: readonly string[]
}

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

  /** Documents must come in ascending number order, so every word's postings stay sorted. */
  add(num: number, fields: readonly FieldTokens[]): void {
    this.docs++
    for (const { field, tokens } of fields) {
      const positions = new Map<string, number[]>()
      for (let i = 0; i < tokens.length; i++) {
        const term = tokens[i] as string
        const list = positions.get(term)
        if (list) list.push(i)
        else positions.set(term, [i])
      }
      const key = num * SHIFT + field
      for (const [term, list] of positions) {
        let pending = this.terms.get(term)
        if (!pending) this.terms.set(term, (pending = { keys: [], tf: [], pos: [] }))
        pending.keys.push(key)
        pending.tf.push(list.length)
        for (const p of list) pending.pos.push(p)
        this.postings++
      }
    }
  }

  clear(): void {
    this.terms.clear()
    this.postings = 0
    this.docs = 0
  }
}
