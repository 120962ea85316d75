import { fileURLToPath } from 'node:url'
import { defaultArchiveDir } from '../core/archive/default-location'
import { checkArchivePath } from '../core/archive/path-check'
import { openSession, type Session, type SessionOptions } from '../core/session'

// Both resolve the same from src/cli/ (tsx) and from out/cli/ (the built CLI): two folders down is the project.
export const DEMO_SEED = fileURLToPath(new URL('../../resources/demo/demo-archive.json', import.meta.url))
export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url))

export interface OpenChoice {
  /** `serve`: a new archive starts as the demo, and the search index loads at once. */
  demo?: boolean
  /** `--create`: a reading command may make the archive it names. Writing commands always may. */
  create?: boolean
}

/** Options given once for every command (main.ts takes them off the command line). */
const global: { create: boolean } = { create: false }
export function setGlobalOptions(options: { create: boolean }): void {
  global.create = options.create
}

/**
 * Opens the archive a command names (or the default one). The path is the user's word, checked
 * before anything is touched: a reading command opens only an archive that exists (a typo never
 * grows a new archive), a writing command or `--create` may make one, but only in a new or empty
 * folder. Reading takes no lock, so it works while the app has the archive open.
 */
export async function openFor(archive: string | undefined, access: 'read' | 'write', app: string, choice: OpenChoice = {}): Promise<Session> {
  const named = archive !== undefined
  const dir = archive ?? defaultArchiveDir()
  const create = access === 'write' || (choice.create ?? global.create)
  // The default folder is the app's own: its parents may be made. A typed path's may not.
  const state = await checkArchivePath(dir, { create, createParents: !named })
  const seedFile = choice.demo ? DEMO_SEED : undefined
  const options: SessionOptions = { mode: access, app, create, seedFile, eagerSearch: Boolean(choice.demo) }
  if (access === 'read' && state !== 'archive') {
    // --create on a reading command: make the archive (that needs the lock), then read it like any other.
    await (await openSession(dir, { ...options, mode: 'write' })).close()
  }
  return openSession(dir, options)
}
