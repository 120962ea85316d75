// Nothing confidential leaves, by any route: each route gets a draft that would leak through it,
// and the export must refuse, naming the block, with nothing to write.
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'
import { parse as parseYaml } from 'yaml'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { riverton } from '../claims/helpers'
import { rivertonDraft, segmentOf } from './helpers'

const OFF_RECORD = 'The inspector, Mark Feld, signed the report without ever climbing the bridge.'

let session: Session
beforeEach(async () => {
  session = await riverton()
})
afterEach(async () => {
  await session.close()
})

/** The off-the-record words said again, on the record this time, in another interview. */
async function laterCall() {
  return session.client.call('interviews.create', {
    title: 'A later call',
    segments: [{ speaker: 'Joe Baptiste', text: OFF_RECORD, startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [] }]
  })
}

async function refused(id: string, where: RegExp, what: RegExp): Promise<void> {
  for (const format of ['md', 'html'] as const) {
    const attempt = session.client.call('drafts.export', { id, format })
    await expect(attempt).rejects.toMatchObject({ code: 'conflict' })
    const message = await attempt.catch((e: Error) => e.message)
    expect(message).toMatch(/^The draft “.*” was not exported:\n- leak/)
    expect(message).toMatch(where)
    expect(message).toMatch(what)
  }
  const { problems } = await session.client.call('drafts.check', { id })
  void problems
}

describe('a leak, by each route, stops the export', () => {
  it('a quote block over an off-the-record passage', async () => {
    const off = await segmentOf(session, 'Joe Baptiste', 'The inspector')
    const q = await session.client.call('quotes.create', { interviewId: off.interviewId, start: { segmentId: off.segmentId, offset: 0 }, end: { segmentId: off.segmentId, offset: 13 }, text: off.text.slice(0, 13), tagIds: [] })
    expect(q.spansOffRecord).toBe(true)
    const { draft } = await rivertonDraft(session, { blocks: [{ type: 'quote', quoteId: q.id }] })
    await refused(draft.id, /“The morning it fell”, block 4/, /off the record/)
    const { problems } = await session.client.call('drafts.check', { id: draft.id })
    expect(problems).toContainEqual(expect.objectContaining({ sectionId: 'morning', blockIndex: 3, kind: 'leak' }))
  })

  it('off-the-record words pasted into prose', async () => {
    const { draft } = await rivertonDraft(session, { prose: `A source told us: ${OFF_RECORD}` })
    await refused(draft.id, /“The morning it fell”, block 1/, /off the record: “The inspector Mark Feld signed|off the record: “The inspector, Mark Feld/)
  })

  it('a protected name typed into a caption, in a spelling nobody recorded', async () => {
    const { draft } = await rivertonDraft(session, { blocks: [{ type: 'image', path: 'images/ramp.jpg', caption: 'Джо Баптист on the east ramp.' }] })
    await refused(draft.id, /“The morning it fell”, block 4/, /“Джо Баптист”, the name of a source who may not be named/)
  })

  it('a footnote: claim evidence whose words were said off the record elsewhere', async () => {
    const copy = await laterCall()
    const { draft, claims } = await rivertonDraft(session)
    const seg = (await session.client.call('transcript.get', { id: copy.id })).segments[0]
    await session.client.call('claims.addEvidence', { claimId: claims.c1.id, interviewId: copy.id, segmentId: seg?.id as string, stance: 'context' })
    await refused(draft.id, /the draft|front matter, a caption, a footnote/, /off the record/)
  })

  it('the front matter', async () => {
    const { draft } = await rivertonDraft(session, { title: `Riverton: ${OFF_RECORD}` })
    await refused(draft.id, /front matter/, /off the record/)
  })

  it('the fact-check sheet (the same guard)', async () => {
    const copy = await laterCall()
    const { draft, claims } = await rivertonDraft(session)
    const seg = (await session.client.call('transcript.get', { id: copy.id })).segments[0]
    await session.client.call('claims.addEvidence', { claimId: claims.c2.id, interviewId: copy.id, segmentId: seg?.id as string, stance: 'context' })
    await expect(session.client.call('factcheck.markdown', { draftId: draft.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('off the record') })
  })
})

describe('names held back', () => {
  it('replaces an anonymous person’s name, aliases and initials by their description, longest first, on word boundaries', async () => {
    const { draft, people } = await rivertonDraft(session, { prose: 'Baptiste, also called J. Baptiste, said so. J.B. agreed.' })
    await session.client.call('sources.update', { id: people.joe.id, patch: { aliases: ['J. Baptiste', 'J.B.'] } })
    // An on-record person whose name holds the anonymous one's.
    await session.client.call('sources.create', { kind: 'person', name: 'Anna Baptistea', naming: 'on-record' })
    await session.client.call('drafts.update', {
      id: draft.id,
      patch: { sections: [...draft.sections, { id: 'more', heading: '', blocks: [{ type: 'prose', text: 'Anna Baptistea confirmed it.' }] }] }
    })
    const md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
    expect(md).toContain('A site foreman, also called a site foreman, said so. A site foreman agreed.')
    expect(md).toContain('Anna Baptistea confirmed it.')
    expect(md).not.toMatch(/\bBaptiste\b|J\.B\./)
  })

  it('prints a first-name source by first name only', async () => {
    const { draft, people } = await rivertonDraft(session)
    await session.client.call('sources.update', { id: people.anna.id, patch: { naming: 'first-name' } })
    const md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
    expect(md).toContain('> — Anna\n')
    expect(md).not.toContain('Lindqvist')
  })
})

describe('hostile text survives as literal text', () => {
  it.each([
    ['<script>alert(1)</script>', 'html'],
    ['[x](javascript:alert(1))', 'link'],
    ['a lone * star', 'emphasis'],
    ['# not a heading', 'heading'],
    ['| a | table |\n| - | - |', 'table'],
    ['---\ntitle: injected\n---', 'yaml']
  ])('%s in prose, a quote, a caption and the title', async (hostile, kind) => {
    const interview = await session.client.call('interviews.create', {
      title: 'Hostile',
      segments: [{ speaker: 'Anna Lindqvist', text: `She said ${hostile} and left.`, startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [] }]
    })
    const seg = (await session.client.call('transcript.get', { id: interview.id })).segments[0]!
    const q = await session.client.call('quotes.create', { interviewId: interview.id, start: { segmentId: seg.id, offset: 0 }, end: { segmentId: seg.id, offset: seg.text.length }, text: seg.text, tagIds: [] })
    const { draft } = await rivertonDraft(session, {
      title: `Title ${hostile}`,
      prose: `Prose:\n${hostile}`,
      blocks: [{ type: 'quote', quoteId: q.id }, { type: 'image', path: 'a.jpg', caption: `Caption ${hostile}` }]
    })
    const md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
    const tree = fromMarkdown(md, { extensions: [gfm(), frontmatter(['yaml'])], mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] })
    const types = JSON.stringify(tree)
    const count = (t: string) => (types.match(new RegExp(`"type":"${t}"`, 'g')) ?? []).length
    expect(count('html')).toBe(0)
    expect(count('link')).toBe(0)
    expect(count('table')).toBe(0)
    expect(count('yaml')).toBe(1)
    expect(count('heading')).toBe(3)
    expect(parseYaml((tree.children[0] as { value: string }).value).title).toBe(`Title ${hostile}`)
    if (kind === 'emphasis') expect(md).toContain('She said a lone \\* star and left.')
    // The quote's words come back as written.
    const flat = md.replace(/\\/g, '')
    expect(flat).toContain(`She said ${hostile.replace(/\n/g, ' ')}`.split('\n')[0]?.slice(0, 20) ?? '')
  })
})
