#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx: no build step between a change and a command.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/main.ts')
const code = await main(process.argv.slice(2))
// serve keeps running; every other command ends here.
if (process.argv[2] !== 'serve') process.exit(code)
else if (code !== 0) process.exit(code)
