import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'

const seeded = async () => openSession(await tempDir(), { seedFile: DEMO_SEED, create: true } as never)

describe('no id or key can change shared object state', () => {
  it('refuses __proto__, constructor and prototype as ids wherever an id is given', async () => {
    const session = await seeded()
    try {
      for (const id of ['__proto__', 'constructor', 'prototype']) {
        await expect(session.client.call('tags.get', { id })).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('reserved') })
        await expect(
          session.client.call('interviews.create', { title: 'x', segments: [{ id, speaker: 'A', text: 'hi', startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [] }] })
        ).rejects.toMatchObject({ code: 'invalid-input' })
        await expect(
          session.client.call('interviews.create', { title: 'x', segments: [{ speaker: 'A', text: 'hi', startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [id] }] })
        ).rejects.toMatchObject({ code: 'invalid-input' })
        await expect(session.client.call('quotes.update', { id: 'q-no-call', patch: { tagIds: [id] } })).rejects.toMatchObject({ code: 'invalid-input' })
      }
      // As it arrives over a door: "__proto__" as an own key of the JSON input.
      const envelope = await session.call('tags.create', JSON.parse('{"name":"ok","__proto__":{"polluted":true}}'))
      expect(envelope.ok).toBe(false)
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      // And every method still answers.
      const usage = await session.client.call('tags.usage', {})
      expect(usage['tag-warning']).toMatchObject({ quotes: expect.any(Number) })
      expect(Object.keys(Object.prototype)).toEqual([])
    } finally {
      await session.close()
    }
  })

  it('refuses to open an archive edited by hand to hold a reserved id, saying which, and changes nothing', async () => {
    const dir = await tempDir()
    await (await openSession(dir, { seedFile: DEMO_SEED, create: true } as never)).close()
    const file = join(dir, 'archive.json')
    const text = (await readFile(file, 'utf8')).replace('"id": "tag-warning"', '"id": "__proto__"')
    await writeFile(file, text)
    const read = openSession(dir, { mode: 'read' })
    await expect(read).rejects.toMatchObject({ message: expect.stringContaining('reserved') })
    expect(await readFile(file, 'utf8')).toBe(text)
    expect(Object.keys(Object.prototype)).toEqual([])
  })

  it('opened for writing (the app), moves such an archive.json aside and restores the newest snapshot, so the app still starts', async () => {
    const dir = await tempDir()
    const first = await openSession(dir, { seedFile: DEMO_SEED, create: true } as never)
    await first.client.call('tags.create', { name: 'kept by the snapshot' })
    await first.close()
    const file = join(dir, 'archive.json')
    const text = (await readFile(file, 'utf8')).replace('"id": "tag-warning"', '"id": "__proto__"')
    await writeFile(file, text)
    const session = await openSession(dir)
    try {
      expect(session.store.openReport.problem).toMatch(/tags\.\d+\.id: this id is reserved/)
      expect(await readFile(session.store.openReport.movedAside ?? '', 'utf8')).toBe(text)
      expect(session.store.openReport.restoredFrom).toBeDefined()
      const tags = await session.client.call('tags.list', {})
      expect(tags.map((t) => t.id)).toContain('tag-warning')
      expect(Object.keys(Object.prototype)).toEqual([])
    } finally {
      await session.close()
    }
  })

  it('refuses an archive.json whose trash holds a record nested thousands deep, so no checkpoint can overflow the stack later', async () => {
    const dir = await tempDir()
    const first = await openSession(dir, { seedFile: DEMO_SEED, create: true } as never)
    await first.client.call('tags.create', { name: 'kept by the snapshot' })
    await first.close()
    const file = join(dir, 'archive.json')
    const before = await readFile(file, 'utf8')
    expect(before).toContain('"trash": []')
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`
    const entry = `{"id":"t-deep","kind":"tags","record":{"id":"tag-deep","name":${deep}},"label":"deep","deletedAt":"2026-11-27T10:00:00.000Z"}`
    const text = before.replace('"trash": []', `"trash": [${entry}]`)
    await writeFile(file, text)
    await expect(openSession(dir, { mode: 'read' })).rejects.toMatchObject({ message: expect.stringContaining('nests no deeper than') })
    expect(await readFile(file, 'utf8')).toBe(text)
    const session = await openSession(dir)
    try {
      expect(session.store.openReport.problem).toMatch(/trash\.0\.record: a deleted record nests no deeper than 32 levels/)
      expect(session.store.openReport.restoredFrom).toBeDefined()
      // And the archive checkpoints and backs up again.
      await session.client.call('tags.create', { name: 'after' })
      await expect(session.client.call('backups.create', {})).resolves.toMatchObject({ id: expect.any(String) })
    } finally {
      await session.close()
    }
  })

  it('refuses deeply nested JSON as invalid input, never a stack overflow, wherever it is put', async () => {
    const session = await seeded()
    try {
      const arrays = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown
      const objects = JSON.parse(`${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`) as unknown
      for (const [method, input] of [
        ['tags.create', { name: arrays }],
        ['tags.create', { name: 'x', extra: objects }],
        ['sources.create', { kind: 'person', name: 'x', aliases: arrays }],
        ['interviews.create', { title: 'x', segments: arrays }],
        ['settings.update', objects],
        ['tags.list', arrays]
      ] as const) {
        const envelope = await session.call(method, input)
        expect(envelope, method).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
      }
      // The in-process door (the CLI's) refuses it the same way, never with a RangeError.
      await expect(session.client.call('tags.create', { name: 'x', extra: objects } as never)).rejects.toMatchObject({ code: 'invalid-input' })
      expect(await session.client.call('tags.usage', {})).toHaveProperty('tag-warning')
    } finally {
      await session.close()
    }
  })

  it('counts tag use without an object keyed by user data', async () => {
    const session = await seeded()
    try {
      const usage = await session.client.call('tags.usage', {})
      expect(Object.keys(usage).sort()).toEqual(['tag-levels', 'tag-officials', 'tag-rescue', 'tag-warning'])
    } finally {
      await session.close()
    }
  })
})

describe('references are checked', () => {
  it('refuses a new dangling reference, naming it', async () => {
    const session = await seeded()
    try {
      await expect(
        session.client.call('interviews.create', { title: 'x', segments: [{ speaker: 'A', text: 'hi', startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: ['no-such-tag'] }] })
      ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('no-such-tag') })
      await expect(
        session.client.call('interviews.create', { title: 'x', segments: [{ speaker: 'A', sourceId: 'nobody', text: 'hi', startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [] }] })
      ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('nobody') })
      await expect(
        session.client.call('interviews.create', { title: 'x', segments: [{ speaker: 'A', text: 'hi', startSeconds: 5, endSeconds: 1, offRecord: false, tagIds: [] }] })
      ).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('ends (1 s) before it starts (5 s)') })
      await expect(
        session.client.call('drafts.create', { title: 'd', sections: [{ id: 's', heading: '', blocks: [{ type: 'quote', quoteId: 'gone' }] }] })
      ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('gone') })
      await expect(
        session.client.call('drafts.create', { title: 'd', sections: [{ id: 's', heading: '', blocks: [{ type: 'claim', claimId: 'gone' }] }] })
      ).rejects.toMatchObject({ code: 'not-found' })
      await expect(session.client.call('claims.update', { id: 'claim-warning', patch: { evidence: [{ kind: 'document', sourceId: 'gone', relation: 'supports' }] } })).rejects.toMatchObject({ code: 'not-found' })
      await expect(session.client.call('quotes.update', { id: 'q-no-call', patch: { tagIds: ['gone'] } })).rejects.toMatchObject({ code: 'not-found' })
    } finally {
      await session.close()
    }
  })

  it('refuses an unknown field on create, like on update', async () => {
    const session = await seeded()
    try {
      await expect(session.client.call('tags.create', { name: 'x', colour: '#ff0000' } as never)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('colour') })
      await expect(session.client.call('sources.create', { kind: 'person', name: 'x', nmae: 'y' } as never)).rejects.toMatchObject({ code: 'invalid-input' })
    } finally {
      await session.close()
    }
  })

  it('opens an archive that already holds dangling references, says so, and keeps working', async () => {
    const dir = await tempDir()
    await (await openSession(dir, { seedFile: DEMO_SEED, create: true } as never)).close()
    const file = join(dir, 'archive.json')
    const index = JSON.parse(await readFile(file, 'utf8'))
    index.claims[0].evidence.push({ id: 'e-dangling', kind: 'quote', quoteId: 'quote-that-is-gone', relation: 'supports' })
    index.drafts[0].sections[0].blocks.push({ type: 'quote', quoteId: 'quote-that-is-gone' })
    await writeFile(file, JSON.stringify(index, null, 2))
    const session = await openSession(dir)
    try {
      const info = await session.client.call('archive.info', {})
      expect(info.brokenReferences?.count).toBe(2)
      expect(info.brokenReferences?.examples).toContain('claim claim-warning points at quote quote-that-is-gone, which is not in the archive')
      // The claim and the draft stay editable, and show what is missing.
      await session.client.call('claims.update', { id: 'claim-warning', patch: { note: 'checked' } })
      const review = await session.client.call('claims.review', { ids: ['claim-warning'] })
      expect(review.claims[0]?.evidence.find((e) => e.id === 'e-dangling')?.missing).toBe(true)
      const draft = await session.client.call('drafts.get', { id: 'draft-river' })
      await session.client.call('drafts.update', { id: 'draft-river', patch: { title: 'Renamed', sections: draft.sections } })
      const check = await session.client.call('drafts.check', { id: 'draft-river' })
      expect(check.problems).toContainEqual(expect.objectContaining({ kind: 'missing quote' }))
    } finally {
      await session.close()
    }
  })
})
