import { access, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { rivertonDraft } from '../drafts/helpers'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

const STORY = new URL('../fixtures/claims-story/', import.meta.url).pathname

/** An archive on disk holding the Riverton draft, built through the API and closed for the CLI. */
async function archiveWithDraft(prose?: string): Promise<{ archive: string; draftId: string }> {
  const archive = join(await tempDir(), 'a')
  const session = await openSession(archive, { create: true } as never)
  try {
    await session.client.call('import.files', { paths: [STORY] })
    const { draft } = await rivertonDraft(session, prose ? { prose } : {})
    return { archive, draftId: draft.id }
  } finally {
    await session.close()
  }
}

describe('verbatim drafts and export', () => {
  it('lists drafts with their problems, and exports Markdown and HTML files', async () => {
    const { archive, draftId } = await archiveWithDraft()
    const listed = await verbatim(['drafts', '--archive', archive, '--json'])
    expect(listed.code).toBe(0)
    const { drafts } = JSON.parse(listed.stdout) as { drafts: { id: string; title: string; updatedAt: string; problems: { sectionId: string; blockIndex: number; kind: string; message: string }[] }[] }
    expect(drafts).toHaveLength(1)
    expect(drafts[0]).toMatchObject({ id: draftId, title: 'The bridge that fell' })
    expect(Object.keys(drafts[0] ?? {})).toEqual(expect.arrayContaining(['id', 'title', 'updatedAt', 'problems']))
    expect(drafts[0]?.problems).toContainEqual({ sectionId: 'morning', blockIndex: 0, kind: 'unsourced', message: expect.stringContaining('Joe Baptiste watched') })

    const md = join(await tempDir(), 'story.md')
    const r = await verbatim(['export', draftId, '--archive', archive, '--format', 'md', '--out', md])
    expect(r.code).toBe(0)
    expect(r.stderr).toContain('Held back: Joe Baptiste (anonymous), printed as “a site foreman”')
    const text = await readFile(md, 'utf8')
    expect(text).toContain('“There were about forty workers on the deck when it fell, on the twelfth of March.”')
    expect(text).not.toContain('Baptiste')
    const html = join(await tempDir(), 'story.html')
    expect((await verbatim(['export', draftId, '--archive', archive, '--format', 'html', '--out', html])).code).toBe(0)
    expect(await readFile(html, 'utf8')).toMatch(/^<!doctype html>/)
  })

  it('refuses with exit 1, each problem on stderr, and no file', async () => {
    const { archive, draftId } = await archiveWithDraft('A source told us: The inspector, Mark Feld, signed the report without ever climbing the bridge.')
    const out = join(await tempDir(), 'story.md')
    const r = await verbatim(['export', draftId, '--archive', archive, '--format', 'md', '--out', out])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/- leak \(“The morning it fell”, block 1\): It would print words said off the record/)
    await expect(access(out)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
