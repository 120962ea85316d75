// Decides whether bin/verbatim.mjs may run the built CLI (out/cli/, from `npm run build`): only
// when every source it was built from is older than the build. Checked on every call, so it
// stats only the files the build lists (~150), never walks the tree.
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const PROJECT = fileURLToPath(new URL('..', import.meta.url))

/**
 * The built entry's URL when it is there and up to date, else null with the reason (for
 * `VERBATIM_CLI=built`, and for tests). `root` is the project folder.
 */
export function builtCli(root = PROJECT) {
  const dir = join(root, 'out', 'cli')
  let manifest
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
  } catch {
    return { entry: null, reason: 'the CLI is not built (npm run build)' }
  }
  if (manifest.node !== process.versions.node) return { entry: null, reason: `it was built under Node ${manifest.node}` }
  for (const input of manifest.inputs ?? []) {
    let mtime
    try {
      mtime = statSync(join(root, input)).mtimeMs
    } catch {
      return { entry: null, reason: `${input}, which it was built from, is gone` }
    }
    if (mtime > manifest.builtAt) return { entry: null, reason: `${input} changed after the build` }
  }
  return { entry: new URL(`file://${join(dir, 'main.mjs')}`).href, reason: 'up to date' }
}
