// The built CLI (scripts/build-cli.mjs) carries the import worker as a file of its own,
// out/cli/import-worker.mjs, and an import through the build parses there: the sources' tsx
// route is not what runs for a user.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'
import { buildCli } from '../../scripts/build-cli.mjs'
import { OWN_FIXTURES } from '../support/shared'
import { tempDir } from '../support/temp'

it('imports through the built CLI, parsing on the built import worker', async () => {
  const outdir = await tempDir('verbatim-cli-build-')
  await buildCli({ outdir, quiet: true })
  expect(existsSync(join(outdir, 'import-worker.mjs'))).toBe(true)
  const archive = await tempDir()
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const m = await import(${JSON.stringify(pathToFileURL(join(outdir, 'main.mjs')).href)}); await m.exitWhenFlushed(await m.main(process.argv.slice(1)))`,
      'import',
      join(OWN_FIXTURES, 'interviews', 'timur-akhmetov.docx'),
      join(OWN_FIXTURES, 'formats', 'ohms-v6.xml'),
      '--archive',
      archive,
      '--json'
    ],
    { encoding: 'utf8' }
  )
  expect(run.status, run.stderr).toBe(0)
  const report = JSON.parse(run.stdout) as { imported: { format: string; segments: number }[]; failed: unknown[] }
  expect(report.failed).toEqual([])
  expect(report.imported.map((i) => [i.format, i.segments])).toEqual([
    ['docx', 5],
    ['ohms', 4]
  ])
}, 120_000)
