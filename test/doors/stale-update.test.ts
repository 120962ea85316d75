import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { nextStamp } from '../../src/core/service/crud'
import { contract, methodNames, type ArchiveChange, type MethodName } from '../../src/shared/api/contract'
import { orderedMethods, sampleInputs, type DoorRun } from './sample-inputs'
import { recordKinds, type RecordKind } from '../../src/shared/model'
import { DEMO_SEED, tempDir } from '../support/temp'

/** One record of each kind in the demo archive, and a change to it. */
const cases: Record<RecordKind, { id: string; patch: Record<string, unknown>; field: string }> = {
  interviews: { id: 'int-ivo', patch: { title: 'Ivo Marek, renamed here' }, field: 'title' },
  sources: { id: 'src-ivo', patch: { role: 'senior hydrologist' }, field: 'role' },
  tags: { id: 'tag-rescue', patch: { description: 'Boats and people' }, field: 'description' },
  quotes: { id: 'q-no-call', patch: { note: 'Lead quote' }, field: 'note' },
  claims: { id: 'claim-warning', patch: { note: 'Check the siren log' }, field: 'note' },
  drafts: { id: 'draft-river', patch: { byline: 'Sam Okafor' }, field: 'byline' }
}

const call = (method: string, input: unknown) => [method as MethodName, input as never] as const

describe.each(recordKinds)('a stale %s.update', (kind) => {
  it('is refused with a conflict that says the record changed elsewhere, and saves nothing', async () => {
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    try {
      const { id, patch, field } = cases[kind]
      const loaded = (await session.client.call(...call(`${kind}.get`, { id }))) as unknown as Record<string, unknown> & { updatedAt: string }
      // The other window saves first, based on what it loaded: accepted.
      const other = (await session.client.call(...call(`${kind}.update`, { id, patch, expectedUpdatedAt: loaded.updatedAt }))) as unknown as Record<string, unknown> & { updatedAt: string }
      expect(other[field]).toBe(patch[field])
      expect(other.updatedAt > loaded.updatedAt).toBe(true)
      const revision = session.store.index.revision

      // This window still holds the old copy: its save is refused, whatever it changes.
      const stale = await session.client
        .call(...call(`${kind}.update`, { id, patch: { [field]: 'from the stale window' }, expectedUpdatedAt: loaded.updatedAt }))
        .catch((e: unknown) => e)
      expect(stale).toMatchObject({ code: 'conflict', message: expect.stringContaining('changed elsewhere') })
      expect((stale as Error).message).toContain('not saved')
      expect(session.store.index.revision).toBe(revision)
      const now = (await session.client.call(...call(`${kind}.get`, { id }))) as unknown as Record<string, unknown>
      expect(now[field]).toBe(patch[field])
      expect(now.updatedAt).toBe(other.updatedAt)

      // Based on the newer version it goes through; and a script that sends no stamp still works.
      const fresh = (await session.client.call(...call(`${kind}.update`, { id, patch: { [field]: 'second' }, expectedUpdatedAt: other.updatedAt }))) as unknown as Record<string, unknown>
      expect(fresh[field]).toBe('second')
      const blind = (await session.client.call(...call(`${kind}.update`, { id, patch: { [field]: 'third' } }))) as unknown as Record<string, unknown>
      expect(blind[field]).toBe('third')
    } finally {
      await session.close()
    }
  })
})

describe('updatedAt', () => {
  it('always moves forward, even for two saves in one millisecond', async () => {
    expect(nextStamp('2026-01-01T00:00:00.000Z', Date.parse('2026-01-01T00:00:00.000Z'))).toBe('2026-01-01T00:00:00.001Z')
    expect(nextStamp('2030-01-01T00:00:00.000Z', Date.parse('2026-01-01T00:00:00.000Z'))).toBe('2030-01-01T00:00:00.001Z')
    expect(nextStamp(undefined, Date.parse('2026-01-01T00:00:00.000Z'))).toBe('2026-01-01T00:00:00.000Z')
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    try {
      const stamps: string[] = []
      for (let i = 0; i < 5; i++) stamps.push((await session.client.call('tags.update', { id: 'tag-rescue', patch: { description: `v${i}` } })).updatedAt)
      expect(new Set(stamps).size).toBe(5)
      expect([...stamps].sort()).toEqual(stamps)
    } finally {
      await session.close()
    }
  })

  it('changes on a record a delete elsewhere changed, so the old copy cannot be saved over it', async () => {
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    try {
      const quote = await session.client.call('quotes.get', { id: 'q-no-call' })
      expect(quote.tagIds.length).toBeGreaterThan(0)
      const tagId = quote.tagIds[0] as string
      await session.client.call('tags.delete', { id: tagId })
      const after = await session.client.call('quotes.get', { id: 'q-no-call' })
      expect(after.tagIds).not.toContain(tagId)
      expect(after.updatedAt > quote.updatedAt).toBe(true)
      // The stale window would put the deleted tag back: refused.
      await expect(session.client.call('quotes.update', { id: quote.id, patch: { tagIds: quote.tagIds }, expectedUpdatedAt: quote.updatedAt })).rejects.toMatchObject({ code: 'conflict' })
    } finally {
      await session.close()
    }
  })
})

describe('every save stamps every record it changes', () => {
  it('through every writing method of the contract, side effects included', async () => {
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    const run: DoorRun = {}
    const unstamped: string[] = []
    try {
      // archive.startEmpty swaps the archive for an empty one (every-door.test.ts checks it): nothing to compare.
      for (const method of orderedMethods(methodNames.filter((m) => m !== 'archive.startEmpty'))) {
        if (!contract[method].mutates) continue
        const sample = sampleInputs[method]
        const input = typeof sample === 'function' ? await sample(session.client, run) : sample
        const before = structuredClone(session.store.index)
        await session.client.call(method, input as never)
        if (method === 'backups.restore') continue
        for (const kind of recordKinds) {
          const old = new Map((before[kind] as { id: string; updatedAt: string }[]).map((r) => [r.id, r]))
          for (const record of session.store.index[kind] as { id: string; updatedAt: string }[]) {
            const was = old.get(record.id)
            if (was && JSON.stringify(was) !== JSON.stringify(record) && was.updatedAt === record.updatedAt) unstamped.push(`${method} changed ${kind} ${record.id} without stamping it`)
          }
        }
      }
      expect(unstamped).toEqual([])
    } finally {
      await session.close()
    }
  })
})

describe('session.subscribe', () => {
  it('hears each save as ids and stamps, never whole records', async () => {
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    const heard: ArchiveChange[] = []
    const stop = session.subscribe((c) => heard.push(c))
    try {
      const renamed = await session.client.call('interviews.update', { id: 'int-ivo', patch: { title: 'Renamed' } })
      expect(heard).toEqual([
        {
          revision: session.store.index.revision,
          changed: [{ kind: 'interviews', id: 'int-ivo', updatedAt: renamed.updatedAt }],
          deleted: [],
          transcripts: [],
          reloadKinds: [],
          settings: false,
          reset: false
        }
      ])
      expect(JSON.stringify(heard[0])).not.toContain('Renamed')

      heard.length = 0
      await session.client.call('interviews.delete', { id: 'int-nadia' })
      expect(heard).toHaveLength(1)
      expect(heard[0]?.deleted).toContainEqual({ kind: 'interviews', id: 'int-nadia' })
      // Its quotes went with it, and a claim that cited one was changed.
      expect(heard[0]?.deleted.some((d) => d.kind === 'quotes')).toBe(true)
      // Its transcript file is kept while the delete can be undone (trash.restore): not a transcript change.
      expect(heard[0]?.transcripts).not.toContain('int-nadia')

      heard.length = 0
      await session.client.call('settings.update', { theme: 'dark' })
      expect(heard[0]).toMatchObject({ settings: true, changed: [], deleted: [] })

      heard.length = 0
      await session.client.call('segments.update', { interviewId: 'int-ivo', segmentId: 'i2', text: 'The gauge read 6.8 metres.' })
      expect(heard[0]?.transcripts).toEqual(['int-ivo'])
      expect(heard[0]?.changed.map((c) => c.id)).toContain('int-ivo')

      // A refused save says nothing.
      heard.length = 0
      await session.client.call('tags.create', { name: 'warnings' }).catch(() => undefined)
      expect(heard).toEqual([])

      // A restore replaces everything: one reset.
      const backup = await session.client.call('backups.create', {})
      await session.client.call('backups.restore', { id: backup.id })
      expect(heard.at(-1)).toMatchObject({ reset: true, revision: session.store.index.revision })
      // And the session keeps telling after the store was reopened.
      heard.length = 0
      await session.client.call('tags.create', { name: 'after restore' })
      expect(heard).toHaveLength(1)
      expect(heard[0]?.changed[0]).toMatchObject({ kind: 'tags' })

      stop()
      await session.client.call('tags.create', { name: 'unheard' })
      expect(heard).toHaveLength(1)
    } finally {
      await session.close()
    }
  })
})
