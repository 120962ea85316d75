import { writeFile } from 'node:fs/promises'
import { VerbatimError } from '../../shared/errors'
import { parse } from '../args'
import { openFor } from '../open'
import { printJson } from '../output'

/** `verbatim drafts`: every draft with what stands between it and the CMS. */
export async function draftsCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { archive: { type: 'string' }, json: { type: 'boolean' } })
  const session = await openFor(values.archive, 'read', 'verbatim drafts')
  try {
    const drafts = await session.client.call('drafts.list', {})
    const rows = []
    for (const d of drafts) {
      const check = await session.client.call('drafts.check', { id: d.id })
      rows.push({
        id: d.id,
        title: d.title,
        updatedAt: d.updatedAt,
        problems: check.problems.map((p) => ({ sectionId: p.sectionId, blockIndex: p.blockIndex, kind: p.kind, message: p.message, ...(p.overridden ? { overridden: p.overridden } : {}) })),
        statements: check.counts
      })
    }
    if (values.json) return printJson({ drafts: rows })
    if (!rows.length) process.stdout.write('No drafts yet.\n')
    for (const d of rows) {
      const open = d.problems.filter((p) => p.kind !== 'unsourced' && !p.overridden).length
      process.stdout.write(`${d.id}  ${d.title}  (${open ? `${open} problem${open === 1 ? '' : 's'} to fix before export` : 'ready to export'}; ${d.statements.unsourced} unsourced statement${d.statements.unsourced === 1 ? '' : 's'})\n`)
      for (const p of d.problems) process.stdout.write(`  - ${p.kind}: ${p.message}\n`)
    }
  } finally {
    await session.close()
  }
}

/**
 * `verbatim export DRAFT_ID --format md|html --out FILE`: the article, written only when it passes
 * every check; otherwise exit 1, each problem on stderr, and no file.
 */
export async function exportCommand(argv: string[]): Promise<number | void> {
  const { values, positionals } = parse(argv, { archive: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, section: { type: 'string' } })
  const [id] = positionals
  const format = values.format ?? 'md'
  if (!id || !values.out || (format !== 'md' && format !== 'html')) {
    throw new VerbatimError('invalid-input', 'Usage: verbatim export DRAFT_ID --format md|html --out FILE [--archive DIR] [--section SECTION_ID]')
  }
  const session = await openFor(values.archive, 'read', 'verbatim export')
  try {
    const result = await session.client.call('drafts.export', { id, format, ...(values.section ? { sectionId: values.section } : {}) })
    await writeFile(values.out, result.content, 'utf8')
    for (const h of result.heldBack) process.stderr.write(`Held back: ${h.name} (${h.why === 'anonymous' ? 'anonymous' : h.why === 'first-name' ? 'first name only' : 'not confirmed yet'}), printed as “${h.printedAs}”.\n`)
    for (const w of result.warnings) process.stderr.write(`Note: ${w.kind}: ${w.message}\n`)
    process.stderr.write(`Wrote ${values.out}.\n`)
  } finally {
    await session.close()
  }
}
