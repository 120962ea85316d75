// A second process that opens an archive for writing, for the one-writer tests.
//
//   lock-child <archiveDir> <app> [--wait]
//
// Prints `W <pid>` once loaded; with --wait it then waits for a `go` line on stdin, so that several
// children can race for the lock at the same moment. Then it opens the archive and prints
// `OPEN <pid>` or `REFUSED <code> <message>`. An opened child holds the archive until it reads
// `exit` (it closes and exits) or is killed.
import { createInterface } from 'node:readline'
import { ArchiveStore } from '../../../src/core/archive/store'

const [dir, app, flag] = process.argv.slice(2)
if (!dir || !app) throw new Error('usage: lock-child <dir> <app> [--wait]')

const lines = createInterface({ input: process.stdin })
const next = (): Promise<string> =>
  new Promise((resolve) => {
    lines.once('line', resolve)
    lines.once('close', () => resolve('exit'))
  })

process.stdout.write(`W ${process.pid}\n`)
if (flag === '--wait') await next()

let store: ArchiveStore | undefined
try {
  store = await ArchiveStore.open(dir, { app, create: true })
  process.stdout.write(`OPEN ${process.pid}\n`)
} catch (e) {
  const err = e as { code?: string; message?: string }
  process.stdout.write(`REFUSED ${err.code ?? 'unknown'} ${String(err.message).replace(/\n/g, ' ')}\n`)
}
while ((await next()) !== 'exit') {
  // Only `exit` ends the wait.
}
await store?.close()
lines.close()
process.exit(0)
