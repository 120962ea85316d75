// Opens the SQLite file that holds the search index. better-sqlite3 is a native module: plain
// Node (the CLI, the browser host, the tests) loads build/Release; Electron needs a copy compiled
// for its own ABI, which `npm run setup` puts in build-electron/ (scripts/native-modules.mjs).
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { VerbatimError } from '../../shared/errors'

export type Db = BetterSqlite3.Database

let Database: typeof BetterSqlite3 | undefined
/** Loaded on first use: a command that never searches never loads the native module. */
function driver(): typeof BetterSqlite3 {
  Database ??= createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3
  return Database
}

function electronBinding(): string | undefined {
  if (!process.versions.electron) return undefined
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'))
    const file = join(dir, 'build-electron', 'better_sqlite3.node')
    return existsSync(file) ? file : undefined
  } catch {
    return undefined
  }
}

/** An error from SQLite itself (a file it cannot read, a full disk), as opposed to the module failing to load. */
export const isSqliteError = (e: unknown): boolean => /^SQLITE_/.test(String((e as { code?: unknown } | null)?.code ?? ''))

export function openDb(file: string, options: { readonly?: boolean } = {}): Db {
  let db: Db
  try {
    db = new (driver())(file, { readonly: options.readonly === true, fileMustExist: options.readonly === true, nativeBinding: electronBinding() })
  } catch (e) {
    if (isSqliteError(e) || (e as NodeJS.ErrnoException).code === 'ENOENT') throw e
    // The native module is missing or built for another runtime (Node vs Electron).
    throw new VerbatimError('unsupported', `Search cannot start: its SQLite module (better-sqlite3) did not load here (${(e as Error).message.split('\n')[0]}). Run \`npm run setup\` to compile it for this runtime.`)
  }
  // The index is a cache beside the archive: WAL lets a reader (a CLI search) run while the app
  // writes, and NORMAL syncing can lose the last changes on a power cut (never corrupt the file);
  // the next open sees the revision behind the archive's and catches up.
  if (!options.readonly) {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
  }
  db.pragma('busy_timeout = 5000')
  // Pages the index reads often (terms, small postings) stay in SQLite's cache; the file itself is
  // never mapped, so a large index does not count against the process's memory.
  db.pragma('cache_size = -32768')
  db.pragma('temp_store = MEMORY')
  return db
}
