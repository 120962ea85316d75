#!/usr/bin/env node
// Which CLI runs: the built one (out/cli/, made by `npm run build`; a call starts in about a
// tenth of a second) while it is up to date with every source it was built from; otherwise the
// TypeScript sources through tsx (slower to start, but a command right after an edit, or in a
// test, runs what was edited). VERBATIM_CLI=source forces the sources, VERBATIM_CLI=built the
// build (and fails if it is missing or stale).
import { pathToFileURL } from 'node:url'
import { builtCli } from './built-cli.mjs'

const want = process.env.VERBATIM_CLI
const built = want === 'source' ? { entry: null, reason: 'VERBATIM_CLI=source' } : builtCli()
let entry = built.entry
if (!entry) {
  if (want === 'built') {
    process.stderr.write(`verbatim: VERBATIM_CLI=built, but the built CLI cannot be used: ${built.reason}.\n`)
    process.exit(2)
  }
  const { register } = await import('tsx/esm/api')
  register()
  entry = pathToFileURL(new URL('../src/cli/main.ts', import.meta.url).pathname).href
}
if (process.env.VERBATIM_CLI_SHOW) process.stderr.write(`verbatim: running ${built.entry ? 'the built CLI' : `the sources (${built.reason})`}\n`)

const { main, exitWhenFlushed } = await import(entry)
const code = await main(process.argv.slice(2))
// `serve` keeps running; every other command ends once its output has drained into the pipe.
if (process.argv[2] !== 'serve' || code !== 0) await exitWhenFlushed(code)
