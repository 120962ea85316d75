// The yardstick engine: SQLite FTS5, as a developer on this stack would use it, over the same
// documents with the same folding (the folded words are what FTS5 is given, so it finds the same
// words), BM25 with the same field boosts, and a prefix index for two- and three-letter prefixes.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { FIELD_BOOST, INDEXED_FIELDS, interviewDoc, quoteDoc, segmentDoc, sourceDoc, type IndexedDoc } from '../src/core/search/documents'
import { parseQuery } from '../src/core/search/query'
import { tokenize } from '../src/core/search/tokenize'
import type { ArchiveIndex, Segment } from '../src/shared/model'

const COLUMNS = INDEXED_FIELDS.map((f) => `"${f}"`).join(', ')
const WEIGHTS = INDEXED_FIELDS.map((f) => FIELD_BOOST[f] ?? 1).join(', ')

export async function buildFts5(dir: string, file: string): Promise<void> {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec(`CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, ${COLUMNS}, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3')`)
  const insert = db.prepare(`INSERT INTO docs (id, ${COLUMNS}) VALUES (${['?', ...INDEXED_FIELDS.map(() => '?')].join(', ')})`)
  const put = (doc: IndexedDoc): void => {
    insert.run(doc.id, ...INDEXED_FIELDS.map((f) => (doc[f] === undefined ? null : tokenize(doc[f]).join(' '))))
  }
  const archive = JSON.parse(await readFile(join(dir, 'archive.json'), 'utf8')) as ArchiveIndex
  const batch = db.transaction((work: () => void) => work())
  for (const interview of archive.interviews) {
    const { segments } = JSON.parse(await readFile(join(dir, 'interviews', `${interview.id}.json`), 'utf8')) as { segments: Segment[] }
    batch(() => {
      put(interviewDoc(interview))
      for (const segment of segments) put(segmentDoc(interview.id, segment))
    })
  }
  batch(() => {
    for (const quote of archive.quotes) put(quoteDoc(quote))
    for (const source of archive.sources) put(sourceDoc(source))
  })
  db.exec("INSERT INTO docs(docs) VALUES ('optimize')")
  db.close()
}

/** The query in FTS5's syntax: words, `word*` for the word being typed, "phrases". Null for filters, which FTS5 alone does not have. */
export function toFts5(query: string): string | null {
  const parsed = parseQuery(query)
  if (parsed.speakers.length + parsed.tags.length + parsed.interviews.length + parsed.kinds.length > 0) return null
  const parts = parsed.words.map((w) => `"${w.token}"${w.prefix ? '*' : ''}`)
  for (const p of parsed.phrases) parts.push(`"${p.tokens.join(' ')}"${p.prefixLast ? '*' : ''}`)
  return parts.length > 0 ? parts.join(' AND ') : null
}

export class Fts5Search {
  private readonly db: Database.Database
  private readonly plain
  private readonly withSnippets

  constructor(file: string) {
    this.db = new Database(file, { readonly: true })
    this.plain = this.db.prepare(`SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, ${WEIGHTS}) LIMIT ?`).pluck()
    this.withSnippets = this.db.prepare(`SELECT id, snippet(docs, -1, '[', ']', '…', 24) AS s FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, ${WEIGHTS}) LIMIT ?`)
  }

  search(match: string, limit: number, snippets: boolean): unknown[] {
    return snippets ? this.withSnippets.all(match, limit) : this.plain.all(match, limit)
  }
}
