import { spawnSync } from 'node:child_process'
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { builtCli } from '../../bin/built-cli.mjs'
import { buildCli } from '../../scripts/build-cli.mjs'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

/** A project folder with a build made at `builtAt` from two sources. */
async function fakeProject(builtAt: number): Promise<string> {
  const root = await tempDir()
  await mkdir(join(root, 'src'), { recursive: true })
  await mkdir(join(root, 'out', 'cli'), { recursive: true })
  for (const file of ['src/a.ts', 'src/b.ts', 'package-lock.json']) {
    await writeFile(join(root, file), '')
    await utimes(join(root, file), new Date(builtAt - 60_000), new Date(builtAt - 60_000))
  }
  const manifest = { builtAt, node: process.versions.node, inputs: ['src/a.ts', 'src/b.ts', 'package-lock.json'], external: [] }
  await writeFile(join(root, 'out', 'cli', 'manifest.json'), JSON.stringify(manifest))
  return root
}

describe('bin/verbatim.mjs chooses the built CLI only while it is up to date', () => {
  it('uses the build when every source is older than it', async () => {
    const root = await fakeProject(Date.now())
    expect(builtCli(root)).toEqual({ entry: pathToFileURL(join(root, 'out', 'cli', 'main.mjs')).href, reason: 'up to date' })
  })

  it('runs the sources after an edit, a deleted source, or with no build', async () => {
    const root = await fakeProject(Date.now() - 10_000)
    await writeFile(join(root, 'src', 'b.ts'), 'edited')
    expect(builtCli(root)).toEqual({ entry: null, reason: 'src/b.ts changed after the build' })

    const gone = await fakeProject(Date.now())
    const manifest = JSON.parse(await readFile(join(gone, 'out', 'cli', 'manifest.json'), 'utf8')) as { inputs: string[] }
    manifest.inputs.push('src/removed.ts')
    await writeFile(join(gone, 'out', 'cli', 'manifest.json'), JSON.stringify(manifest))
    expect(builtCli(gone).entry).toBeNull()

    expect(builtCli(await tempDir())).toEqual({ entry: null, reason: 'the CLI is not built (npm run build)' })
  })

  it('says which it ran, and can be told (VERBATIM_CLI)', async () => {
    const r = await verbatim(['help'], { VERBATIM_CLI: 'source', VERBATIM_CLI_SHOW: '1' })
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('running the sources (VERBATIM_CLI=source)')
    expect(r.stdout).toContain('Usage: verbatim COMMAND')
  })
})

describe('the built CLI', () => {
  it('loads each command when it runs, keeps native modules out of the bundle, and answers like the sources', async () => {
    const outdir = await tempDir('verbatim-cli-build-')
    const { manifest, outputs } = await buildCli({ outdir, quiet: true })
    // better-sqlite3 and anything else with a .node binary must be found in node_modules at run time.
    expect(manifest.external).toEqual(expect.arrayContaining(['better-sqlite3', 'bindings', '*.node', 'electron']))
    expect(manifest.inputs).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/core/session.ts', 'package-lock.json']))

    // Every file directly in the folder: src/cli/open.ts finds the project two folders up from each.
    for (const path of Object.keys(outputs)) expect(path.slice(0, path.lastIndexOf('/')), path).toBe(Object.keys(outputs).find((p) => p.endsWith('/main.mjs'))?.replace(/\/main\.mjs$/, ''))
    const entry = Object.entries(outputs).find(([path]) => path.endsWith('/main.mjs'))
    expect(entry).toBeDefined()
    const [, main] = entry as [string, (typeof outputs)[string]]
    // The entry is small and reaches every command through a dynamic import.
    expect(main.bytes).toBeLessThan(20_000)
    expect(main.imports.filter((i) => i.kind === 'dynamic-import').length).toBeGreaterThanOrEqual(8)
    // The importers (mammoth and friends) are not in what a reading command loads.
    const statics = (path: string, seen = new Set<string>()): Set<string> => {
      for (const i of outputs[path]?.imports ?? []) {
        if (i.kind !== 'import-statement' || i.external || seen.has(i.path)) continue
        seen.add(i.path)
        statics(i.path, seen)
      }
      return seen
    }
    const interviews = Object.keys(outputs).find((p) => /\/interviews-[\w-]+\.mjs$/.test(p)) as string
    const loaded = [interviews, ...statics(interviews)]
    const inputs = loaded.flatMap((p) => Object.keys(outputs[p]?.inputs ?? {}))
    expect(inputs.some((i) => i.includes('src/core/session.ts'))).toBe(true)
    for (const importer of ['mammoth', 'fast-xml-parser', 'papaparse', 'iconv-lite', 'chardet', 'jszip']) {
      expect(inputs.filter((i) => i.includes(`node_modules/${importer}/`)), importer).toEqual([])
    }
    expect(inputs.some((i) => i.includes('src/core/service/import.ts'))).toBe(false)

    const archive = await tempDir()
    expect((await verbatim(['call', 'tags.create', '{"name":"CSTO"}', '--archive', archive])).code).toBe(0)
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const m = await import(${JSON.stringify(pathToFileURL(join(outdir, 'main.mjs')).href)}); await m.exitWhenFlushed(await m.main(process.argv.slice(1)))`, 'call', 'tags.list', '{}', '--archive', archive],
      { encoding: 'utf8' }
    )
    expect(run.stderr).toBe('')
    expect(JSON.parse(run.stdout)).toMatchObject([{ name: 'CSTO' }])
  })
})
