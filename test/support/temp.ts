import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

/** A fresh folder under the system temp dir, removed after the test. */
export async function tempDir(prefix = 'verbatim-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

afterEach(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })))
})

export const DEMO_SEED = new URL('../../resources/demo/demo-archive.json', import.meta.url).pathname
export const SHARED = new URL('../../../shared/', import.meta.url).pathname
