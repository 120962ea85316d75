import { createClient, type ApiClient } from '../shared/api/client'
import { dispatch, type Handlers } from '../shared/api/dispatch'
import type { Envelope } from '../shared/api/envelope'
import { ArchiveStore, type OpenOptions } from './archive/store'
import { loadSeed } from './archive/seed'
import { createHandlers } from './service'
import { SearchService } from './service/search'

/** An open archive and the API over it: what every door (Electron, browser host, CLI) starts from. */
export interface Session {
  store: ArchiveStore
  handlers: Handlers
  /** The in-process door: validates like the others, and hands back copies, never live state. */
  client: ApiClient
  call(method: unknown, input: unknown): Promise<Envelope>
  close(): Promise<void>
}

export interface SessionOptions extends OpenOptions {
  /** A seed file for a brand-new archive (the demo); none gives an empty archive. */
  seedFile?: string
  /** Load the search index at once (the app) rather than at the first search (the CLI). */
  eagerSearch?: boolean
}

export async function openSession(dir: string, options: SessionOptions = {}): Promise<Session> {
  const { seedFile, eagerSearch, ...open } = options
  const store = await ArchiveStore.open(dir, {
    ...open,
    seed: open.seed ?? (seedFile ? () => loadSeed(seedFile) : undefined)
  })
  const search = new SearchService(store, eagerSearch)
  const handlers = createHandlers(store, search)
  const call = (method: unknown, input: unknown): Promise<Envelope> =>
    dispatch(handlers, method, input, {
      onInternalError: (m, e) => console.error(`verbatim: ${m} failed:`, e)
    })
  const client = createClient(async (method, input) => structuredClone(await call(method, structuredClone(input))))
  const close = async (): Promise<void> => {
    await search.save()
    await store.close()
  }
  return { store, handlers, client, call, close }
}
