// The search index is SQLite through better-sqlite3, a native module. Its own install script
// downloads a prebuilt binary from outside the npm registry and falls back to compiling; npm 11
// may skip that script altogether. So setup checks that the module loads in plain Node and, if it
// does not, compiles it here with npm's own node-gyp (python3, make and a C++ compiler: what a
// bare Debian CI machine has). Where the Electron binary is installed, a second copy is compiled
// for Electron's ABI into build-electron/, which src/core/search/sqlite.ts loads under Electron;
// plain Node (the CLI, the browser host, the tests) keeps build/Release.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'

const MODULE = 'better-sqlite3'
const root = resolve(dirname(new URL(import.meta.url).pathname), '..')
const moduleDir = join(root, 'node_modules', MODULE)

function loadsInNode() {
  const probe = spawnSync(process.execPath, ['-e', `new (require(${JSON.stringify(MODULE)}))(':memory:').prepare('select 1').get()`], { cwd: root, stdio: 'ignore' })
  return probe.status === 0
}

/** npm ships node-gyp; find it beside the npm that runs us, else beside the global npm. */
function nodeGyp() {
  const candidates = []
  if (process.env.npm_execpath) candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  const globalRoot = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['root', '-g'], { encoding: 'utf8', shell: process.platform === 'win32' }).stdout?.trim()
  if (globalRoot) candidates.push(join(globalRoot, 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'))
  return candidates.find((file) => existsSync(file)) ?? null
}

/** Node's own headers where Node was installed with them (official builds, Debian's nodejs-dev): no download needed. */
function localNodeDir() {
  const prefix = resolve(dirname(process.execPath), '..')
  return existsSync(join(prefix, 'include', 'node', 'node.h')) ? prefix : null
}

function compile(dir, extra) {
  const gyp = nodeGyp()
  if (!gyp) {
    console.error(`setup: node-gyp was not found next to npm; cannot compile ${MODULE}.`)
    return false
  }
  const result = spawnSync(process.execPath, [gyp, 'rebuild', '--release', ...extra], { cwd: dir, stdio: 'inherit' })
  return result.status === 0
}

export function ensureNodeBuild() {
  if (!existsSync(moduleDir)) return true
  if (loadsInNode()) return true
  console.log(`Compiling ${MODULE} for Node ${process.version} (the search index; about two minutes)…`)
  const nodedir = localNodeDir()
  if (!compile(moduleDir, nodedir ? [`--nodedir=${nodedir}`] : [])) return false
  return loadsInNode()
}

/**
 * Compiles a copy for Electron's ABI. Needs Electron's headers (node-gyp fetches them from
 * Electron's site); where they cannot be had, the desktop app cannot search and says so, while the
 * browser host and the CLI are unaffected.
 */
export function ensureElectronBuild(electronVersion) {
  const target = join(moduleDir, 'build-electron', 'better_sqlite3.node')
  const stamp = join(moduleDir, 'build-electron', 'electron-version')
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return true
  console.log(`Compiling ${MODULE} for Electron ${electronVersion}…`)
  const work = mkdtempSync(join(tmpdir(), 'verbatim-native-'))
  try {
    const copy = join(work, MODULE)
    cpSync(moduleDir, copy, { recursive: true, filter: (src) => !src.includes(`${MODULE}/build`) })
    const ok = compile(copy, [`--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'])
    if (!ok) return false
    mkdirSync(dirname(target), { recursive: true })
    cpSync(join(copy, 'build', 'Release', 'better_sqlite3.node'), target)
    writeFileSync(stamp, electronVersion)
    return true
  } catch (e) {
    console.error(`setup: ${e instanceof Error ? e.message : String(e)}`)
    return false
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
