// The yardstick for search results: every document read for every query, nothing precomputed but
// what BM25 needs to know about the whole archive (document count and average field lengths, in
// the order the index adds documents). It scores with the same formula from scratch, so its top
// 20 is what the index's top 20 must be.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FIELD_BOOST, FIELDS_OF, INDEXED_FIELDS, interviewDoc, quoteDoc, segmentDoc, sourceDoc, type IndexedDoc } from '../src/core/search/documents'
import { MAX_PREFIX_EXPANSIONS } from '../src/core/search/evaluate'
import { fold } from '../src/core/search/fold'
import { containsSequence } from '../src/core/search/match'
import { parseQuery } from '../src/core/search/query'
import { tokenize } from '../src/core/search/tokenize'
import type { ArchiveIndex, Segment } from '../src/shared/model'

interface Doc {
  id: string
  fields: Array<{ field: number; text: string; folded: string; unique: number }>
}

export class LinearScan {
  private readonly docs: Doc[] = []
  private readonly vocabulary = new Set<string>()
  private readonly avg = new Array<number>(INDEXED_FIELDS.length).fill(0)

  static async load(dir: string): Promise<LinearScan> {
    const scan = new LinearScan()
    const archive = JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8')) as ArchiveIndex
    for (const interview of archive.interviews) {
      scan.add(interviewDoc(interview))
      const file = JSON.parse(await readFile(join(dir, 'interviews', `${interview.id}.json`), 'utf8')) as { segments: Segment[] }
      for (const segment of file.segments) scan.add(segmentDoc(interview.id, segment))
    }
    for (const quote of archive.quotes) scan.add(quoteDoc(quote))
    for (const source of archive.sources) scan.add(sourceDoc(source))
    return scan
  }

  get size(): number {
    return this.docs.length
  }

  private add(doc: IndexedDoc): void {
    const fields: Doc['fields'] = []
    const n = this.docs.length + 1
    INDEXED_FIELDS.forEach((name, field) => {
      const value = doc[name]
      if (value === undefined || value === null) return
      const tokens = tokenize(value)
      for (const t of tokens) this.vocabulary.add(t)
      const unique = new Set(tokens).size
      this.avg[field] = ((this.avg[field] ?? 0) * (n - 1) + unique) / n
      fields.push({ field, text: value, folded: fold(value), unique })
    })
    this.docs.push({ id: doc.id, fields })
  }

  /** The best `limit` document ids for a query of words and phrases (filters are not part of the yardstick). */
  search(query: string, limit = 20): string[] {
    const parsed = parseQuery(query)
    const terms = [...parsed.words]
    for (const phrase of parsed.phrases) phrase.tokens.forEach((token, i) => terms.push({ token, prefix: phrase.prefixLast && i === phrase.tokens.length - 1 }))
    const unique = [...new Map(terms.map((t) => [`${t.prefix}${t.token}`, t])).values()]
    if (unique.length === 0) return []
    // Each term is a set of words with weights: itself, and for a word being typed its 50 shortest expansions.
    const words = unique.map((t) => {
      const list = [{ word: t.token, weight: 1 }]
      if (t.prefix) {
        const longer = [...this.vocabulary].filter((w) => w.length > t.token.length && w.startsWith(t.token))
        longer.sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
        for (const w of longer.slice(0, MAX_PREFIX_EXPANSIONS)) list.push({ word: w, weight: (0.375 * w.length) / (w.length + 0.3 * (w.length - t.token.length)) })
      }
      return list
    })
    // One pattern per term finds every word of it (the word, or any word it begins): each field is
    // read once per term, and each word found is counted under its own name.
    const patterns = unique.map((t) => new RegExp(`(?<![\\p{L}\\p{N}])${t.token}${t.prefix ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`, 'gu'))
    const slots = words.map((list) => new Map(list.map((w, k) => [w.word, k])))
    // Term frequency of every word in every field of every document: the scan.
    const tf = words.map((list) => list.map(() => new Map<number, number[]>()))
    const df = words.map((list) => list.map(() => new Array<number>(INDEXED_FIELDS.length).fill(0)))
    this.docs.forEach((doc, d) => {
      patterns.forEach((pattern, t) => {
        for (const f of doc.fields) {
          const found = f.folded.match(pattern)
          if (!found) continue
          const counts = new Map<number, number>()
          for (const w of found) {
            const k = slots[t]!.get(w)
            if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1)
          }
          for (const [k, count] of counts) {
            let row = tf[t]![k]!.get(d)
            if (!row) tf[t]![k]!.set(d, (row = new Array<number>(INDEXED_FIELDS.length).fill(0)))
            row[f.field] = count
            df[t]![k]![f.field]!++
          }
        }
      })
    })
    const N = this.docs.length
    const scores = new Map<number, number>()
    words.forEach((list, t) => {
      const termScores = new Map<number, number>()
      list.forEach((w, k) => {
        for (const [d, row] of tf[t]![k]!) {
          const doc = this.docs[d]!
          let s = 0
          for (const f of doc.fields) {
            const freq = row[f.field] ?? 0
            if (!freq) continue
            const n = df[t]![k]![f.field]!
            const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5))
            const boost = FIELD_BOOST[INDEXED_FIELDS[f.field]!] ?? 1
            s += w.weight * boost * idf * (0.5 + (freq * 2.2) / (freq + 1.2 * (1 - 0.7 + (0.7 * f.unique) / (this.avg[f.field] || 1))))
          }
          termScores.set(d, (termScores.get(d) ?? 0) + s)
        }
      })
      if (t === 0) for (const [d, s] of termScores) scores.set(d, s)
      else {
        for (const d of [...scores.keys()]) {
          const more = termScores.get(d)
          if (more === undefined) scores.delete(d)
          else scores.set(d, scores.get(d)! + more)
        }
      }
    })
    const quality = new Set(unique.map((t) => t.token)).size
    const ranked = [...scores]
      .filter(([d]) => {
        if (parsed.phrases.length === 0) return true
        const doc = this.docs[d]!
        const kind = doc.id.startsWith('seg:') ? 'segment' : doc.id.startsWith('quote:') ? 'quote' : doc.id.startsWith('source:') ? 'source' : 'interview'
        const allowed = new Set(FIELDS_OF[kind].map((f) => INDEXED_FIELDS.indexOf(f)))
        return parsed.phrases.every((p) => doc.fields.some((f) => allowed.has(f.field) && containsSequence(f.text, p)))
      })
      .map(([d, s]) => ({ id: this.docs[d]!.id, score: s * quality }))
    ranked.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    return ranked.slice(0, limit).map((r) => r.id)
  }
}
