import { fileURLToPath } from 'node:url'
import { defaultArchiveDir } from '../core/archive/default-location'
import { openSession, type Session } from '../core/session'

export const DEMO_SEED = fileURLToPath(new URL('../../resources/demo/demo-archive.json', import.meta.url))
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url))

/**
 * Opens the archive a command names (or the default one). Reading commands take no lock, so they
 * work while the app has the archive open; a missing archive is created, which needs the lock.
 */
export async function openFor(archive: string | undefined, access: 'read' | 'write', app: string, demo = false): Promise<Session> {
  const dir = archive ?? defaultArchiveDir()
  const seedFile = demo ? DEMO_SEED : undefined
  if (access === 'read') {
    try {
      return await openSession(dir, { mode: 'read', app })
    } catch (e) {
      if ((e as { code?: string }).code !== 'not-found') throw e
      // Nothing there yet: create it, then read it like any other.
      await (await openSession(dir, { mode: 'write', app, seedFile })).close()
      return openSession(dir, { mode: 'read', app })
    }
  }
  // The app (serve) loads the search index at once; a one-shot command only when it searches.
  return openSession(dir, { mode: 'write', app, seedFile, eagerSearch: demo })
}
