#!/usr/bin/env node
// Builds the command line into out/cli/ (part of `npm run build`): one small entry and one chunk
// per command, loaded when the command runs, so a call starts in a fraction of the time tsx
// needs to compile ~600 modules. bin/verbatim.mjs runs this build while it is up to date with
// the sources listed in out/cli/manifest.json, and the sources through tsx otherwise.
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Packages with native code cannot be bundled: their `.node` binary is found at run time next to
 * the package (better-sqlite3 through `bindings`). Any installed package that builds with
 * node-gyp or ships prebuilt binaries stays an import from node_modules.
 */
function nativePackages() {
  const modules = join(root, 'node_modules')
  const names = []
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith('.')) continue
    const scoped = entry.startsWith('@') ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`) : [entry]
    for (const name of scoped) {
      const dir = join(modules, name)
      let pkg
      try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      } catch {
        continue
      }
      if (pkg.gypfile || existsSync(join(dir, 'binding.gyp')) || existsSync(join(dir, 'prebuilds'))) names.push(name)
    }
  }
  return names
}

export const ALWAYS_EXTERNAL = ['electron', 'better-sqlite3', 'bindings', '*.node']

/** `outdir` is out/cli for the app; a test builds elsewhere. Returns what the manifest says. */
export async function buildCli({ outdir = join(root, 'out', 'cli'), quiet = false } = {}) {
  const startedAt = Date.now()
  rmSync(outdir, { recursive: true, force: true })
  const external = [...new Set([...ALWAYS_EXTERNAL, ...nativePackages()])]
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    // Flat: every file sits in out/cli/, so a path two folders up from any of them is the project
    // (src/cli/open.ts finds the demo archive and the built renderer that way, from src/cli/ too).
    chunkNames: '[name]-[hash]',
    external,
    metafile: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    // Bundled CommonJS packages (mammoth, papaparse) call require(); an ES module has none.
    banner: { js: "import { createRequire as __verbatimRequire } from 'node:module'; const require = __verbatimRequire(import.meta.url);" }
  })
  // The sources this build was made from, for bin/verbatim.mjs to compare against: a newer one
  // (an edit, a checkout) and the sources run instead. package-lock.json stands for the bundled
  // dependencies, this script for the build's own settings.
  const sources = Object.keys(result.metafile.inputs).filter((p) => !p.includes('node_modules/'))
  const manifest = {
    builtAt: startedAt,
    node: process.versions.node,
    inputs: [...sources, 'package-lock.json', relative(root, fileURLToPath(import.meta.url))],
    external
  }
  writeFileSync(join(outdir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  const chunks = Object.keys(result.metafile.outputs).filter((p) => p.endsWith('.mjs')).length
  if (!quiet) console.log(`out/cli: ${chunks} files from ${sources.length} sources (${Date.now() - startedAt} ms); kept external: ${external.join(', ')}`)
  return { manifest, outputs: result.metafile.outputs }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli()
