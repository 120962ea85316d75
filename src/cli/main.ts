import { isVerbatimError } from '../shared/errors'
import { backupCommand, restoreCommand } from './commands/backup'
import { callCommand } from './commands/call'
import { claimsCommand, evidenceCommand, factcheckCommand } from './commands/claims'
import { draftsCommand, exportCommand } from './commands/drafts'
import { importCommand } from './commands/import'
import { quotesCommand } from './commands/quotes'
import { searchCommand } from './commands/search'
import { interviewsCommand } from './commands/interviews'
import { serveCommand } from './commands/serve'
import { transcriptCommand } from './commands/transcript'

/** A command returns its exit code, or nothing for success. */
const commands: Record<string, { run: (argv: string[]) => Promise<number | void>; usage: string; what: string }> = {
  serve: { run: serveCommand, usage: 'serve [--archive DIR] [--port N] [--no-open]', what: 'start the app in your browser' },
  interviews: { run: interviewsCommand, usage: 'interviews [--archive DIR] [--json]', what: 'list interviews' },
  transcript: { run: transcriptCommand, usage: 'transcript ID [--archive DIR] [--json]', what: 'print one transcript' },
  import: { run: importCommand, usage: 'import FILE_OR_FOLDER... [--archive DIR] [--json] [--allow-duplicate]', what: 'import transcripts' },
  search: { run: searchCommand, usage: 'search QUERY [--archive DIR] [--json] [--limit N]', what: 'search transcripts, quotes and sources' },
  quotes: { run: quotesCommand, usage: 'quotes [--archive DIR] [--json]', what: 'list quotes with their tags and whether they still match' },
  claims: { run: claimsCommand, usage: 'claims [--archive DIR] [--json] [--draft DRAFT_ID]', what: 'list claims with their status, sources, evidence and conflicts, weakest first' },
  evidence: { run: evidenceCommand, usage: 'evidence "CLAIM TEXT" [--archive DIR] [--json] [--include-off-record]', what: 'propose evidence for a claim from every interview (saves nothing)' },
  factcheck: { run: factcheckCommand, usage: 'factcheck [DRAFT_ID] --out FILE.md [--archive DIR]', what: 'write the fact-check sheet for a draft (or all claims)' },
  drafts: { run: draftsCommand, usage: 'drafts [--archive DIR] [--json]', what: 'list drafts with the problems that stop an export' },
  export: { run: exportCommand, usage: 'export DRAFT_ID --format md|html --out FILE [--archive DIR] [--section SECTION_ID]', what: 'export a draft (refused, with each problem, when it is not safe to print)' },
  backup: { run: backupCommand, usage: 'backup [--archive DIR] [--json]', what: 'take a snapshot of the archive now' },
  restore: { run: restoreCommand, usage: 'restore [BACKUP_ID] [--archive DIR] [--json]', what: 'list backups, or put one back' },
  call: { run: callCommand, usage: 'call METHOD JSON [--archive DIR]', what: 'call any API method' }
}

function help(): void {
  process.stdout.write(
    `Usage: verbatim COMMAND [options]\n\n${Object.values(commands)
      .map((c) => `  verbatim ${c.usage}\n      ${c.what}`)
      .join('\n')}\n\nWithout --archive the default archive is used (VERBATIM_ARCHIVE, or your app-data folder).\n`
  )
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    help()
    return 0
  }
  const command = commands[name]
  if (!command) {
    process.stderr.write(`verbatim: unknown command “${name}”. Run \`verbatim help\` for the list.\n`)
    return 2
  }
  try {
    return (await command.run(rest)) ?? 0
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
