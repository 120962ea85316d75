#!/usr/bin/env node
// `npm start`: the desktop window where Electron can run, else the browser host — and say which.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { electronBinary } from './electron-binary.mjs'

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const args = process.argv.slice(2)

if (!existsSync('out/renderer/index.html') || !existsSync('out/main/index.js')) {
  const build = spawnSync(npm, ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

const binary = electronBinary()
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)
let why = ''
if (!binary) why = 'the Electron binary is not installed (its download needs more than the npm registry)'
else if (!display) why = 'there is no display for a desktop window'

if (!why) {
  const child = spawn(binary, ['.', ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(`Starting Verbatim in your browser, because ${why}.`)
  const child = spawn(process.execPath, ['bin/verbatim.mjs', 'serve', ...args], { stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
}
