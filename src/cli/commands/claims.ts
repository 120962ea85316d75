import { writeFile } from 'node:fs/promises'
import { claimStatusLabels } from '../../shared/claims'
import { VerbatimError } from '../../shared/errors'
import { formatTime } from '../../shared/time'
import { parse } from '../args'
import { openFor } from '../open'
import { printJson } from '../output'

/**
 * `verbatim claims`: every claim with its status (chosen and suggested), independent sources,
 * evidence in full and conflicts, weakest first. The JSON shape is documented in docs/cli.md.
 */
export async function claimsCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { archive: { type: 'string' }, json: { type: 'boolean' }, draft: { type: 'string' } })
  const session = await openFor(values.archive, 'read', 'verbatim claims')
  try {
    const { claims } = await session.client.call('claims.review', values.draft ? { draftId: values.draft } : {})
    const rows = claims.map((c) => ({
      id: c.id,
      text: c.text,
      status: c.status,
      suggestedStatus: c.suggestedStatus,
      statusSetBy: c.statusSetBy,
      ...(c.overrideReason ? { overrideReason: c.overrideReason } : {}),
      distinctSources: c.distinctSources,
      evidence: c.evidence.map((e) => ({
        stance: e.stance,
        speaker: e.speaker,
        sourceId: e.sourceId ?? null,
        interviewId: e.interviewId ?? null,
        segmentIndex: e.segmentIndex ?? null,
        text: e.text,
        kind: e.kind,
        quoteId: e.quoteId ?? null,
        startSeconds: e.startSeconds ?? null,
        ...(e.missing ? { missing: true } : {})
      })),
      conflicts: c.conflicts.map((k) => ({
        kind: k.kind,
        about: k.about,
        a: { speaker: k.a.speaker, text: k.a.text, said: k.a.said, interviewId: k.a.interviewId ?? null, startSeconds: k.a.startSeconds ?? null },
        b: { speaker: k.b.speaker, text: k.b.text, said: k.b.said, interviewId: k.b.interviewId ?? null, startSeconds: k.b.startSeconds ?? null }
      }))
    }))
    if (values.json) return printJson({ claims: rows })
    if (!rows.length) process.stdout.write('No claims yet.\n')
    for (const c of claims) {
      const chosen = c.overridden ? ` (your choice; the evidence suggests ${claimStatusLabels[c.suggestedStatus].toLowerCase()})` : ''
      process.stdout.write(`${claimStatusLabels[c.status]}${chosen}  ${c.text}\n  ${c.reason} Independent sources: ${c.distinctSources}.\n`)
      for (const e of c.evidence) {
        const at = e.startSeconds !== undefined && e.startSeconds !== null ? ` ${formatTime(e.startSeconds)}` : ''
        process.stdout.write(`  - ${e.stance}: ${e.speaker}${e.interviewTitle ? `, ${e.interviewTitle}` : ''}${at}: “${e.text}”\n`)
      }
      for (const k of c.conflicts) process.stdout.write(`  ! ${k.a.speaker} says “${k.a.said}”, ${k.b.speaker} says “${k.b.said}”\n`)
    }
  } finally {
    await session.close()
  }
}

/** `verbatim evidence "CLAIM TEXT"`: proposals for a claim, best first; nothing is saved. */
export async function evidenceCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, {
    archive: { type: 'string' },
    json: { type: 'boolean' },
    'include-off-record': { type: 'boolean' },
    limit: { type: 'string' }
  })
  const text = positionals.join(' ').trim()
  if (!text) throw new VerbatimError('invalid-input', 'Usage: verbatim evidence "CLAIM TEXT" [--archive DIR] [--json] [--include-off-record] [--limit N]')
  const limit = values.limit === undefined ? 30 : Number(values.limit)
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new VerbatimError('invalid-input', '--limit takes a whole number from 1 to 200.')
  const session = await openFor(values.archive, 'read', 'verbatim evidence')
  try {
    const { proposals } = await session.client.call('claims.propose', { text, includeOffRecord: values['include-off-record'] === true, limit })
    const rows = proposals.map((p) => ({
      interviewId: p.interviewId,
      segmentIndex: p.segmentIndex,
      speaker: p.speaker,
      text: p.text,
      why: p.why,
      segmentId: p.segmentId,
      interviewTitle: p.interviewTitle ?? null,
      stance: p.stance,
      score: p.score,
      matches: p.matches,
      ...(p.offRecord ? { offRecord: true } : {})
    }))
    if (values.json) return printJson({ proposals: rows })
    if (!rows.length) process.stdout.write('Nothing in the archive bears on that claim.\n')
    for (const p of rows) {
      process.stdout.write(`${p.offRecord ? '[OFF THE RECORD] ' : ''}${p.interviewTitle ?? p.interviewId} #${p.segmentIndex}  ${p.speaker}: ${p.text}\n  why: ${p.why}\n`)
    }
  } finally {
    await session.close()
  }
}

/** `verbatim factcheck [DRAFT_ID] --out FILE.md`: the copy desk's sheet, written only when whole and clean. */
export async function factcheckCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(argv, { archive: { type: 'string' }, out: { type: 'string' } })
  const [draftId] = positionals
  if (!values.out) throw new VerbatimError('invalid-input', 'Usage: verbatim factcheck [DRAFT_ID] --archive DIR --out FILE.md')
  const session = await openFor(values.archive, 'read', 'verbatim factcheck')
  try {
    const { markdown, claims } = await session.client.call('factcheck.markdown', draftId ? { draftId } : {})
    await writeFile(values.out, markdown, 'utf8')
    process.stderr.write(`Wrote the fact-check sheet (${claims} claim${claims === 1 ? '' : 's'}) to ${values.out}.\n`)
  } finally {
    await session.close()
  }
}
