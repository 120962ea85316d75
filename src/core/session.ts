import { createClient, type ApiClient } from '../shared/api/client'
import { dispatch, type Handlers } from '../shared/api/dispatch'
import type { ArchiveChange, ArchiveInfo } from '../shared/api/contract'
import type { Envelope } from '../shared/api/envelope'
import { basename, dirname, join } from 'node:path'
import { VerbatimError } from '../shared/errors'
import { ArchiveStore, type OpenOptions } from './archive/store'
import { realFs } from './archive/fs'
import { reasonOf } from './archive/fs-errors'
import { loadSeed } from './archive/seed'
import { createHandlers } from './service'
import { SearchService } from './service/search'
import { describeCommit, emptyChange } from './changes'

export type ChangeListener = (change: ArchiveChange) => void

/** An open archive and the API over it: what every door (Electron, browser host, CLI) starts from. */
export interface Session {
  readonly store: ArchiveStore
  readonly handlers: Handlers
  /** The in-process door: validates like the others, and hands back copies, never live state. */
  client: ApiClient
  call(method: unknown, input: unknown): Promise<Envelope>
  /**
   * Hears every save (whoever made it) as a small {@link ArchiveChange}, so doors can push it to
   * open windows. Returns the unsubscribe. With no listener a save costs nothing extra.
   */
  subscribe(listener: ChangeListener): () => void
  close(): Promise<void>
}

export interface SessionOptions extends OpenOptions {
  /**
   * Make the archive if the folder holds none (in a new or empty folder only). Handed to the
   * store, whose own option it is (off there); a session creates unless told not to, as the app
   * and the browser host always have. Reading never creates.
   */
  create?: boolean
  /** A seed file for a brand-new archive (the demo); none gives an empty archive. */
  seedFile?: string
  /** Load the search index at once (the app) rather than at the first search (the CLI). */
  eagerSearch?: boolean
}

export async function openSession(dir: string, options: SessionOptions = {}): Promise<Session> {
  const { seedFile, eagerSearch, ...open } = options
  interface Live {
    store: ArchiveStore
    search: SearchService
    handlers: Handlers
  }
  const start = async (seeded = true): Promise<Live> => {
    const store = await ArchiveStore.open(dir, {
      ...open,
      create: open.create ?? true,
      seed: seeded ? (open.seed ?? (seedFile ? () => loadSeed(seedFile) : undefined)) : async () => null
    })
    store.onCommit((event) => {
      if (listeners.size) emit(describeCommit(event))
    })
    return withSearch(store)
  }
  /** A search service (closing one is for good) and the handlers over it, for an open store. */
  const withSearch = (store: ArchiveStore): Live => {
    const search = new SearchService(store, eagerSearch)
    return { store, search, handlers: createHandlers(store, search, { restore, startEmpty }) }
  }
  const listeners = new Set<ChangeListener>()
  const emit = (change: ArchiveChange): void => {
    for (const listener of listeners) {
      // A window that cannot follow must not turn a saved edit into a failure, nor stop the others.
      try {
        listener(change)
      } catch (e) {
        console.error('verbatim: a change listener failed:', e)
      }
    }
  }
  // Restoring a backup replaces the archive under the session: the store is reopened in place,
  // and every door keeps calling the same session. Calls that arrive meanwhile wait for the
  // reopened archive rather than reach the store being closed (where a save would be refused).
  let switching: Promise<unknown> | null = null
  const restore = async (backupId: string): Promise<ArchiveInfo> => {
    const done = (async () => {
      await live.search.close()
      try {
        await live.store.restore(backupId)
      } catch (e) {
        // Refused (no such backup, a full disk): the store is still open, and is searched as before.
        live = withSearch(live.store)
        throw e
      }
      live = await start()
    })()
    switching = done.catch(() => undefined)
    try {
      await done
    } finally {
      switching = null
    }
    if (listeners.size) emit({ ...emptyChange(live.store.index.revision), reset: true })
    return live.handlers['archive.info']({})
  }
  // Starting empty moves the whole archive folder aside (nothing is deleted) and opens a new,
  // empty archive where it was, so the next start opens the empty one too.
  const startEmpty = async (): Promise<ArchiveInfo & { keptAt: string }> => {
    if (live.store.readOnly) throw new VerbatimError('read-only', live.store.readOnlyReason ?? 'The archive is read-only.')
    const fs = open.fs ?? realFs
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const keptAt = join(dirname(dir), `${basename(dir)}-${live.store.index.demo ? 'demo' : 'kept'}-${stamp}`)
    await live.search.close()
    await live.store.close()
    try {
      await fs.rename(dir, keptAt)
    } catch (e) {
      live = await start()
      throw new VerbatimError('not-saved', `The archive could not be moved aside to ${keptAt}: ${reasonOf(e)}. Nothing was changed.`)
    }
    live = await start(false)
    if (listeners.size) emit({ ...emptyChange(live.store.index.revision), reset: true })
    return { ...(await live.handlers['archive.info']({})), keptAt }
  }
  let live: Live = await start()
  const call = async (method: unknown, input: unknown): Promise<Envelope> => {
    while (switching) await switching
    return dispatch(live.handlers, method, input, {
      onInternalError: (m, e) => console.error(`verbatim: ${m} failed:`, e)
    })
  }
  // The in-process door copies like the others do (a caller's object never becomes archive state);
  // input too deep to copy is refused like too-deep JSON at the other doors, not thrown.
  const client = createClient(async (method, input) => {
    let copy: unknown
    try {
      copy = structuredClone(input)
    } catch {
      return { ok: false, error: { code: 'invalid-input', message: 'The input could not be read: it is nested too deeply or holds values JSON cannot carry.' } }
    }
    return structuredClone(await call(method, copy))
  })
  const close = async (): Promise<void> => {
    await live.search.close()
    await live.store.close()
  }
  return {
    get store() {
      return live.store
    },
    get handlers() {
      return live.handlers
    },
    client,
    call,
    subscribe: (listener) => {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    close
  }
}
