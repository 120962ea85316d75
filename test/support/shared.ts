// ../shared (the team's shared fixtures and the real Oral History as Data corpus) sits beside the
// checkout on the team's machines and CI, but not in a fresh clone. Suites that read it run where
// it exists and say plainly that they were skipped where it does not.
import { existsSync } from 'node:fs'
import { join } from 'node:path'

export const SHARED_DIR = new URL('../../../shared/', import.meta.url).pathname

/** The folder under ../shared, or null after printing why the suite that needs it is skipped. */
export function sharedFolder(relative: string, suite: string): string | null {
  const dir = join(SHARED_DIR, relative)
  if (existsSync(dir)) return dir
  console.log(`${suite}: skipped, because ../shared/${relative} is not here (a fresh clone has no ../shared). It runs where ../shared exists.`)
  return null
}

/** The suite's own fixtures, part of the repository. */
export const OWN_FIXTURES = new URL('../fixtures/', import.meta.url).pathname
