import type { Root } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { toString } from 'mdast-util-to-string'
import { frontmatter } from 'micromark-extension-frontmatter'
import { gfm } from 'micromark-extension-gfm'
import { parse as parseYaml } from 'yaml'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Session } from '../../src/core/session'
import { riverton } from '../claims/helpers'
import { rivertonDraft } from './helpers'

const parse = (md: string): Root =>
  fromMarkdown(md, { extensions: [gfm(), frontmatter(['yaml'])], mdastExtensions: [gfmFromMarkdown(), frontmatterFromMarkdown(['yaml'])] })
const all = (node: { type: string; children?: unknown[] }): { type: string }[] => [node, ...(node.children ?? []).flatMap((c) => all(c as never))]

let session: Session
beforeEach(async () => {
  session = await riverton()
})
afterEach(async () => {
  await session.close()
})

describe('exporting the Riverton draft', () => {
  it('prints the transcripts’ exact words, names people by their rule in house style, and footnotes each claim’s evidence', async () => {
    const { draft } = await rivertonDraft(session)
    const out = await session.client.call('drafts.export', { id: draft.id, format: 'md' })
    const md = out.content
    const tree = parse(md)
    const yaml = tree.children[0]
    expect(yaml?.type).toBe('yaml')
    expect(parseYaml((yaml as { value: string }).value)).toMatchObject({ title: 'The bridge that fell', byline: 'Sam Okafor', editor: 'Lena Moretti', tags: ['Riverton', 'infrastructure'] })
    expect(tree.children.filter((n) => n.type === 'heading').map((h) => toString(h))).toEqual(['The morning it fell', 'The money', 'Sources'])
    const quotes = tree.children.filter((n) => n.type === 'blockquote').map((b) => toString(b, { includeImageAlt: false }))
    expect(quotes).toHaveLength(4)
    // Exact words, the excerpts as trimmed, and attribution: first mention in full with role, later by surname.
    expect(md).toContain('> “There were about forty workers on the deck when it fell, on the twelfth of March.”\n>\n> — Anna Lindqvist, a structural engineer')
    expect(md).toContain('> “The city paid 3.2 million for the repairs in 2023”\n>\n> — Lindqvist')
    expect(md).toContain('> “The city paid 3.2 million. … I saw the invoice myself.”\n>\n> — a site foreman')
    // Footnotes: each claim with its evidence.
    const notes = all(tree as never).filter((n) => n.type === 'footnoteDefinition')
    expect(notes).toHaveLength(2)
    const first = toString(notes[0] as never)
    expect(first).toMatch(/^Disputed\./)
    expect(first).toContain('supports: Anna Lindqvist (Anna Lindqvist, 0:05): “There were about forty workers')
    expect(first).toContain('contradicts: a site foreman')
    expect(all(tree as never).filter((n) => n.type === 'footnoteReference')).toHaveLength(2)
    // Image with its credit from the document source.
    expect(md).toContain('![The east span, the day after.](images/bridge.jpg)')
    expect(md).toContain('_The east span, the day after. Photo: Mira Holt / Riverton Ledger_')
    // Nothing confidential: the anonymous foreman, his alias, the unconfirmed Pavel, the off-record passage.
    for (const secret of ['Joe', 'Baptiste', 'J. Baptiste', 'Павел', 'Орлов', 'Mark Feld', 'signed the report']) expect(md).not.toContain(secret)
    expect(md).toContain('A site foreman watched from the east ramp.')
    expect(out.heldBack.map((h) => [h.name, h.why]).sort()).toEqual([
      ['Joe Baptiste', 'anonymous'],
      ['Павел Орлов', 'unconfirmed']
    ])
  })

  it('follows the archive’s house style: marks, dash, says or said, first name after the first mention, inline quotes', async () => {
    const { draft } = await rivertonDraft(session)
    await session.client.call('settings.update', { houseStyle: { quoteMarks: 'guillemets', dash: 'en', attributionVerb: 'said', laterMention: 'first-name' } })
    let md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
    expect(md).toContain('> «The city paid 3.2 million for the repairs in 2023»\n>\n> – Anna')
    await session.client.call('drafts.update', { id: draft.id, patch: { quoteStyle: 'inline' } })
    md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
    expect(md).toContain('«There were about forty workers on the deck when it fell, on the twelfth of March,» said Anna Lindqvist, a structural engineer.')
    expect(md).toContain('«The city paid 3.2 million for the repairs in 2023,» said Anna.')
  })

  it('parses back to the same structure with a CommonMark parser, and exports one section alone', async () => {
    const { draft } = await rivertonDraft(session)
    const md = (await session.client.call('drafts.export', { id: draft.id, format: 'md' })).content
    const again = parse(md)
    const types = (t: Root) => t.children.map((n) => n.type)
    expect(types(again)).toEqual(['yaml', 'paragraph', 'heading', 'paragraph', 'blockquote', 'blockquote', 'heading', 'paragraph', 'blockquote', 'blockquote', 'paragraph', 'paragraph', 'heading', 'list', 'footnoteDefinition', 'footnoteDefinition'])
    const section = (await session.client.call('drafts.export', { id: draft.id, format: 'md', sectionId: 'money' })).content
    expect(section).toContain('## The money')
    expect(section).not.toContain('The morning it fell')
  })

  it('writes a standalone HTML page of the same content with no script', async () => {
    const { draft } = await rivertonDraft(session, { prose: '<script>alert(1)</script> [x](javascript:alert(1))' })
    const html = (await session.client.call('drafts.export', { id: draft.id, format: 'html' })).content
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<blockquote>')
    expect(html).toContain('“There were about forty workers on the deck when it fell, on the twelfth of March.”')
    expect(html).not.toMatch(/<script|href="javascript|onerror/i)
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    expect(html).toContain("default-src 'none'".replace(/'/g, '&#x27;'))
    expect(html).not.toMatch(/Baptiste|Орлов/)
  })
})
