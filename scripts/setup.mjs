#!/usr/bin/env node
// `npm run setup`: install, try to fetch Electron's binary, build. Works with only the npm
// registry reachable: the binary download is a separate, optional step.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { electronBinary } from './electron-binary.mjs'
import { ensureElectronBuild, ensureNodeBuild } from './native-modules.mjs'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = (cmd, args, env = {}, timeout) =>
  spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env }, timeout, shell: process.platform === 'win32' })

// Electron's postinstall downloads its binary from outside the npm registry; where that is not
// reachable it would fail the whole install. Install without it, then try it on its own.
const install = run(npm, [existsSync('package-lock.json') ? 'ci' : 'install'], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' })
if (install.status !== 0) process.exit(install.status ?? 1)

if (!electronBinary() && !process.env.CI && !process.argv.includes('--no-electron')) {
  console.log('Fetching the Electron binary (optional: without it Verbatim runs in your browser)…')
  const env = { ...process.env }
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD
  const fetched = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'inherit', env, timeout: 180_000 })
  if (fetched.status !== 0 || !electronBinary()) {
    console.log('The Electron binary could not be downloaded here; `npm start` will open Verbatim in your browser instead.')
  }
}

// The search index's SQLite module, compiled here if npm skipped its install script.
if (!ensureNodeBuild()) {
  console.error('setup: better-sqlite3 could not be compiled (it needs python3, make and a C++ compiler).')
  process.exit(1)
}
if (electronBinary()) {
  const { version } = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8'))
  if (!ensureElectronBuild(version)) console.log('better-sqlite3 could not be compiled for Electron here: the desktop app will not search until it is; `npm start` in a browser is unaffected.')
}

const build = run(npm, ['run', 'build'])
if (build.status !== 0) process.exit(build.status ?? 1)
console.log('\nVerbatim is installed. Start it with: npm start')
