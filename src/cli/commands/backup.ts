import { parse } from '../args'
import { openFor } from '../open'
import { printJson, printTable } from '../output'

/** `verbatim backup`: take a snapshot now and say what it holds. */
export async function backupCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { archive: { type: 'string' }, json: { type: 'boolean' } })
  const session = await openFor(values.archive, 'write', 'verbatim backup')
  try {
    const backup = await session.client.call('backups.create', {})
    if (values.json) return printJson(backup)
    process.stdout.write(`Backup ${backup.id}: ${backup.interviews} interviews, ${backup.quotes} quotes, ${backup.claims} claims.\n`)
  } finally {
    await session.close()
  }
}

/** `verbatim restore [ID]`: without an id, list the backups; with one, put it back. */
export async function restoreCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { archive: { type: 'string' }, json: { type: 'boolean' } })
  const [id] = positionals
  const session = await openFor(values.archive, id ? 'write' : 'read', 'verbatim restore')
  try {
    if (!id) {
      const backups = await session.client.call('backups.list', {})
      if (values.json) return printJson(backups)
      if (backups.length === 0) return void process.stdout.write('This archive has no backups yet.\n')
      printTable([
        ['ID', 'TAKEN', 'INTERVIEWS', 'QUOTES', 'CLAIMS'],
        ...backups.map((b) => [b.id, new Date(b.createdAt).toLocaleString(), String(b.interviews), String(b.quotes), String(b.claims)])
      ])
      process.stdout.write('\nRestore one with: verbatim restore ID\n')
      return
    }
    const info = await session.client.call('backups.restore', { id })
    if (values.json) return printJson(info)
    process.stdout.write(`Restored backup ${id}: ${info.counts.interviews} interviews, ${info.counts.quotes} quotes. The archive as it was just before is kept as a backup too.\n`)
  } finally {
    await session.close()
  }
}
