import type { Root, Table } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { gfm } from 'micromark-extension-gfm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { claimWithEvidence, riverton } from './helpers'

const parse = (md: string): Root => fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] })
const kinds = (node: { type: string; children?: unknown[] }): string[] => [node.type, ...(node.children ?? []).flatMap((c) => kinds(c as never))]
const cells = (tree: Root): string[][] => {
  const table = tree.children.find((c) => c.type === 'table') as Table
  return table.children.map((row) => row.children.map((cell) => toString(cell)))
}

let session: Session
beforeEach(async () => {
  session = await riverton()
})
afterEach(async () => {
  await session.close()
})

const HOSTILE = 'He wrote | a pipe, <script>alert(1)</script>, [click](javascript:alert(1)), a lone * and\n# a hash at a line start\n---\nand a front-matter fence.'

describe('the fact-check sheet', () => {
  it('lists each claim with its status and every piece of evidence with speaker, interview, time and exact words', async () => {
    const ids = [await claimWithEvidence(session, 'About 40 workers were on the bridge when it collapsed on 12 March 2024')]
    // People may be named once an editor says so.
    for (const s of await session.client.call('sources.list', {})) {
      await session.client.call('sources.update', { id: s.id, patch: { naming: 'on-record', role: s.name === 'Anna Lindqvist' ? 'structural engineer' : 'site foreman' } })
    }
    await session.client.call('claims.update', { id: ids[0] as string, patch: { status: 'verified-by-document', overrideReason: 'The coroner’s list has 41 names.' } })
    const { markdown, claims } = await session.client.call('factcheck.markdown', {})
    expect(claims).toBe(1)
    const rows = cells(parse(markdown))
    expect(rows[0]).toEqual(['#', 'Claim', 'Status', 'Independent sources', 'Stance', 'Speaker', 'Interview', 'Time', 'Exact words'])
    expect(rows[1]?.slice(0, 4)).toEqual([
      '1',
      'About 40 workers were on the bridge when it collapsed on 12 March 2024',
      "Verified by document (editor's choice; the evidence suggests disputed). Reason: The coroner’s list has 41 names.",
      '1'
    ])
    expect(rows.slice(1).map((r) => r[5]).sort()).toEqual(['Anna Lindqvist', 'Joe Baptiste'])
    const anna = rows.find((r) => r[5] === 'Anna Lindqvist')
    expect(anna?.slice(4)).toEqual([
      'supports',
      'Anna Lindqvist',
      'Anna Lindqvist',
      '0:05',
      'There were about forty workers on the deck when it fell, on the twelfth of March.'
    ])
    expect(rows.find((r) => r[5] === 'Joe Baptiste')?.slice(4)).toEqual([
      'contradicts',
      'Joe Baptiste',
      'Interview notes: Joe Baptiste',
      'segment 2',
      'On the east ramp. Nearly sixty people were on the bridge when it went, on the eleventh of March.'
    ])
    expect(markdown).toContain('## Where sources disagree')
  })

  it('keeps hostile transcript and claim text as literal text in its cell', async () => {
    const interview = await session.client.call('interviews.create', {
      title: 'Hostile',
      segments: [{ speaker: 'Anna Lindqvist', text: HOSTILE, startSeconds: 1, endSeconds: 2, offRecord: false, tagIds: [] }]
    })
    const claim = await session.client.call('claims.create', { text: `A claim with | and <b>bold</b> and [x](javascript:alert(1))` })
    const { segments } = await session.client.call('transcript.get', { id: interview.id })
    await session.client.call('claims.addEvidence', { claimId: claim.id, interviewId: interview.id, segmentId: segments[0]?.id as string, stance: 'supports' })
    const { markdown } = await session.client.call('factcheck.markdown', {})
    const tree = parse(markdown)
    const types = kinds(tree as never)
    expect(types).not.toContain('html')
    expect(types).not.toContain('link')
    expect(types.filter((t) => t === 'heading')).toHaveLength(1)
    expect(types.filter((t) => t === 'table')).toHaveLength(1)
    const row = cells(tree).find((r) => r[1]?.startsWith('A claim with'))
    expect(row?.[1]).toBe('A claim with | and <b>bold</b> and [x](javascript:alert(1))')
    expect(row?.[8]).toBe(HOSTILE.replace(/\s*\n\s*/g, ' '))
  })

  it('prints people who may not be named as described, and no off-the-record words', async () => {
    await claimWithEvidence(session, 'The city paid 3.2 million for the repairs in 2023')
    const joe = (await session.client.call('sources.list', {})).find((s) => s.name === 'Joe Baptiste')!
    await session.client.call('sources.update', { id: joe.id, patch: { naming: 'anonymous', anonymousAs: 'a foreman on the site' } })
    const { markdown } = await session.client.call('factcheck.markdown', {})
    expect(markdown).not.toMatch(/Joe|Baptiste/)
    expect(markdown).toContain('a foreman on the site')
    // Unconfirmed people (everyone else, never asked) are held back too.
    expect(markdown).not.toContain('Anna Lindqvist')
    expect(markdown).not.toContain('Mark Feld')
  })

  it('refuses, writing nothing, when off-the-record words reached the sheet by another route', async () => {
    const copy = await session.client.call('interviews.create', {
      title: 'A later call',
      segments: [{ speaker: 'Joe Baptiste', text: 'The inspector, Mark Feld, signed the report without ever climbing the bridge.', startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [] }]
    })
    const claim = await session.client.call('claims.create', { text: 'The inspector never climbed the bridge' })
    const { segments } = await session.client.call('transcript.get', { id: copy.id })
    await session.client.call('claims.addEvidence', { claimId: claim.id, interviewId: copy.id, segmentId: segments[0]?.id as string, stance: 'supports' })
    await expect(session.client.call('factcheck.markdown', {})).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('off the record') })
  })
})
