// The tables of the search index file (search.sqlite beside archive.json). It is a cache: every
// row can be made again from the archive, so a different FORMAT_VERSION means "rebuild", never
// "migrate".
import type { Db } from './sqlite'

export const INDEX_FORMAT = 'verbatim-search-index'
export const FORMAT_VERSION = 4

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

-- Every word the index has seen, ordered so that a prefix is a range. Rows are only ever added:
-- how many live documents hold a word is counted from its postings when a query reads them, so a
-- save never rewrites counts scattered over the whole vocabulary.
CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, id INTEGER NOT NULL) WITHOUT ROWID;

-- A word's postings in one run: rowid = run id * 2^32 + term id, so a new run is written at the
-- end of the table and a run is one range (merged or dropped in one pass).
CREATE TABLE IF NOT EXISTS postings (id INTEGER PRIMARY KEY, data BLOB NOT NULL, pos BLOB NOT NULL);

-- A run is one batch of documents written together; small runs are merged into bigger ones.
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY, level INTEGER NOT NULL, docs INTEGER NOT NULL, postings INTEGER NOT NULL);

-- What a hit shows, and what removing a document must take back out of the counts.
CREATE TABLE IF NOT EXISTS docs (num INTEGER PRIMARY KEY, key TEXT NOT NULL, data TEXT NOT NULL);

-- Per document, for ranking and filters without reading docs: kind and flags, interview, speaker,
-- field lengths. 4,096 documents per row.
CREATE TABLE IF NOT EXISTS attrs (chunk INTEGER PRIMARY KEY, data BLOB NOT NULL);

CREATE TABLE IF NOT EXISTS interviews (
  id TEXT PRIMARY KEY, key INTEGER NOT NULL UNIQUE, ord INTEGER NOT NULL, num INTEGER NOT NULL,
  title TEXT NOT NULL, version TEXT, segments TEXT NOT NULL, nums BLOB NOT NULL, speakers TEXT NOT NULL, speaker_of BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS interviews_ord ON interviews (ord);
CREATE TABLE IF NOT EXISTS quotes (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, interview TEXT NOT NULL, num INTEGER NOT NULL, version TEXT, start_segment TEXT NOT NULL, end_segment TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS quotes_ord ON quotes (ord);
CREATE INDEX IF NOT EXISTS quotes_interview ON quotes (interview);
CREATE TABLE IF NOT EXISTS sources (id TEXT PRIMARY KEY, ord INTEGER NOT NULL, num INTEGER NOT NULL, version TEXT);
CREATE INDEX IF NOT EXISTS sources_ord ON sources (ord);
CREATE TABLE IF NOT EXISTS speakers (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS tag_docs (tag TEXT NOT NULL, num INTEGER NOT NULL, PRIMARY KEY (tag, num)) WITHOUT ROWID;
`

export function createSchema(db: Db): void {
  db.exec(SCHEMA)
}
