// The layer rule is an allow-list: for every layer, an import it may make passes lint and one it
// may not make fails, linted by ESLint's own API against the repository's eslint.config.js.
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

/** One file's lint errors from the layer rule, for a probe file that only imports `spec`. */
async function layerErrors(file: string, spec: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import * as probe from '${spec}'\nexport const used = probe\n`, { filePath: file })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/dependencies').map((m) => m.message)
}

const cases: { layer: string; file: string; allowed: string[]; forbidden: string[] }[] = [
  { layer: 'shared', file: 'src/shared/probe.ts', allowed: ['zod', './model'], forbidden: ['node:fs', 'fs', 'worker_threads', 'events', 'minisearch', 'vue', '../core/session', '../renderer/src/api'] },
  { layer: 'core', file: 'src/core/probe.ts', allowed: ['node:fs', 'path', 'zod', 'papaparse', 'better-sqlite3', '../shared/model', './session'], forbidden: ['electron', 'vue', 'pinia', '../server/host', '../cli/main', '../main/menu'] },
  { layer: 'renderer', file: 'src/renderer/src/probe.ts', allowed: ['vue', 'pinia', '@tanstack/vue-virtual', '../../shared/model', './api'], forbidden: ['events', 'buffer', 'node:path', 'electron', 'zod', 'minisearch', '../../core/session', '../../preload/bridge'] },
  { layer: 'preload', file: 'src/preload/probe.ts', allowed: ['electron', '../shared/api/envelope'], forbidden: ['node:fs', '../core/session', '../main/ipc'] },
  { layer: 'main', file: 'src/main/probe.ts', allowed: ['electron', 'node:path', '../core/session'], forbidden: ['vue', '../renderer/src/api', '../server/host', '../cli/main'] },
  { layer: 'server', file: 'src/server/probe.ts', allowed: ['node:http', '../core/session'], forbidden: ['electron', '../main/ipc', '../renderer/src/api'] },
  { layer: 'cli', file: 'src/cli/probe.ts', allowed: ['node:util', '../server/host', '../core/session'], forbidden: ['electron', '../main/menu', '../renderer/src/api'] }
]

describe.each(cases)('src/$layer', ({ file, allowed, forbidden }) => {
  it.each(allowed)('may import %s', async (spec) => {
    expect(await layerErrors(file, spec)).toEqual([])
  })
  it.each(forbidden)('may not import %s', async (spec) => {
    const errors = await layerErrors(file, spec)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(`may not import “${spec}”`)
  })
})
