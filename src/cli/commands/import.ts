import { VerbatimError } from '../../shared/errors'
import { parse } from '../args'
import { openFor } from '../open'
import { printJson } from '../output'

/**
 * `verbatim import FILE_OR_FOLDER...`: one JSON report; exit 1 when any file failed, and when
 * nothing was imported because every file was skipped (a script must not take that for success).
 */
export async function importCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    archive: { type: 'string' },
    json: { type: 'boolean' },
    'allow-duplicate': { type: 'boolean' }
  })
  if (positionals.length === 0) {
    throw new VerbatimError('invalid-input', 'Usage: verbatim import FILE_OR_FOLDER... [--archive DIR] [--json] [--allow-duplicate]')
  }
  const session = await openFor(values.archive, 'write', 'verbatim import')
  try {
    const report = await session.client.call('import.files', { paths: positionals, allowDuplicate: values['allow-duplicate'] ?? false })
    if (values.json) {
      printJson(report)
    } else {
      for (const i of report.imported) process.stdout.write(`imported  ${i.file}  → ${i.interviewId} (${i.format}, ${i.encoding}, ${i.segments} segments; ${i.speakers.join(', ')})\n`)
      for (const c of report.codebooks) process.stdout.write(`codebook  ${c.file}  → ${c.tags} tags\n`)
      for (const s of report.skipped) process.stdout.write(`skipped   ${s.file}  ${s.reason}\n`)
      for (const f of report.failed) process.stderr.write(`failed    ${f.file}  ${f.error}\n`)
      process.stdout.write(`${report.imported.length} imported, ${report.skipped.length} skipped, ${report.failed.length} failed\n`)
    }
    const nothing = report.imported.length === 0 && report.codebooks.length === 0 && report.failed.length === 0
    if (nothing) {
      process.stderr.write(
        report.skipped.length === 0
          ? 'verbatim: nothing was imported: no files were found.\n'
          : `verbatim: nothing was imported: all ${report.skipped.length} file(s) were skipped (${report.skipped.length === 1 ? 'the reason is' : 'reasons are'} in the report).\n`
      )
    }
    return report.failed.length === 0 && !nothing ? 0 : 1
  } finally {
    await session.close()
  }
}
