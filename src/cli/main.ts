import { isVerbatimError } from '../shared/errors'
import { setGlobalOptions } from './open'
import { guardTerminal, tolerateClosedPipe } from './output'

export { exitWhenFlushed } from './output'

type Run = (argv: string[]) => Promise<number | void>

/**
 * Each command is loaded when it is used: `verbatim interviews` never loads the importers, the
 * browser host or the search engine, and starts in a fraction of the time (docs/cli.md).
 */
const commands: Record<string, { load: () => Promise<Run>; usage: string; what: string }> = {
  serve: { load: () => import('./commands/serve').then((m) => m.serveCommand), usage: 'serve [--archive DIR] [--port N] [--no-open]', what: 'start the app in your browser' },
  interviews: { load: () => import('./commands/interviews').then((m) => m.interviewsCommand), usage: 'interviews [--archive DIR] [--json]', what: 'list interviews' },
  transcript: { load: () => import('./commands/transcript').then((m) => m.transcriptCommand), usage: 'transcript ID [--archive DIR] [--json]', what: 'print one transcript' },
  import: { load: () => import('./commands/import').then((m) => m.importCommand), usage: 'import FILE_OR_FOLDER... [--archive DIR] [--json] [--allow-duplicate]', what: 'import transcripts' },
  search: { load: () => import('./commands/search').then((m) => m.searchCommand), usage: 'search QUERY [--archive DIR] [--json] [--limit N]', what: 'search transcripts, quotes and sources' },
  quotes: { load: () => import('./commands/quotes').then((m) => m.quotesCommand), usage: 'quotes [--archive DIR] [--json]', what: 'list quotes with their tags and whether they still match' },
  claims: { load: () => import('./commands/claims').then((m) => m.claimsCommand), usage: 'claims [--archive DIR] [--json] [--draft DRAFT_ID]', what: 'list claims with their status, sources, evidence and conflicts, weakest first' },
  evidence: { load: () => import('./commands/claims').then((m) => m.evidenceCommand), usage: 'evidence "CLAIM TEXT" [--archive DIR] [--json] [--include-off-record]', what: 'propose evidence for a claim from every interview (saves nothing)' },
  factcheck: { load: () => import('./commands/claims').then((m) => m.factcheckCommand), usage: 'factcheck [DRAFT_ID] --out FILE.md [--archive DIR]', what: 'write the fact-check sheet for a draft (or all claims)' },
  drafts: { load: () => import('./commands/drafts').then((m) => m.draftsCommand), usage: 'drafts [--archive DIR] [--json]', what: 'list drafts with the problems that stop an export' },
  export: { load: () => import('./commands/drafts').then((m) => m.exportCommand), usage: 'export DRAFT_ID --format md|html --out FILE [--archive DIR] [--section SECTION_ID]', what: 'export a draft (refused, with each problem, when it is not safe to print)' },
  backup: { load: () => import('./commands/backup').then((m) => m.backupCommand), usage: 'backup [--archive DIR] [--json]', what: 'take a snapshot of the archive now' },
  restore: { load: () => import('./commands/backup').then((m) => m.restoreCommand), usage: 'restore [BACKUP_ID] [--archive DIR] [--json]', what: 'list backups, or put one back' },
  call: { load: () => import('./commands/call').then((m) => m.callCommand), usage: 'call METHOD JSON [--archive DIR]', what: 'call any API method' }
}

function help(): void {
  process.stdout.write(
    `Usage: verbatim COMMAND [options]\n\n${Object.values(commands)
      .map((c) => `  verbatim ${c.usage}\n      ${c.what}`)
      .join('\n')}\n\n` +
      'Without --archive the default archive is used (VERBATIM_ARCHIVE, or your app-data folder).\n' +
      'Reading commands open only an existing archive; add --create to make a new one in a new or empty folder.\n' +
      'Commands that write (import, backup, restore ID, serve, call of a writing method) make it when it is missing.\n'
  )
}

/** Options every command takes, taken off the command line before the command parses the rest. */
function takeGlobalOptions(argv: string[]): string[] {
  const end = argv.indexOf('--')
  const options = end === -1 ? argv : argv.slice(0, end)
  const create = options.includes('--create')
  setGlobalOptions({ create })
  return create ? [...options.filter((a) => a !== '--create'), ...(end === -1 ? [] : argv.slice(end))] : argv
}

let guarded = false

/** Runs one command; returns its exit code. bin/verbatim.mjs exits only once the output has drained. */
export async function main(argv: string[]): Promise<number> {
  if (!guarded) {
    guarded = true
    for (const stream of [process.stdout, process.stderr]) {
      guardTerminal(stream)
      tolerateClosedPipe(stream)
    }
  }
  const [name, ...given] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help()
    return 0
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!command) {
    process.stderr.write(`verbatim: unknown command “${name}”. Run \`verbatim help\` for the list.\n`)
    return 2
  }
  try {
    const rest = takeGlobalOptions(given)
    return (await (await command.load())(rest)) ?? 0
  } catch (e) {
    if (isVerbatimError(e)) {
      process.stderr.write(`verbatim: ${e.message}\n`)
      return 1
    }
    // Not the user's fault: say so plainly, keep the stack for whoever asks for it.
    process.stderr.write(`verbatim: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`)
    if (process.env.VERBATIM_DEBUG) console.error(e)
    return 2
  }
}
