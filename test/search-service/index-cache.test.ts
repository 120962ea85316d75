// The index file is a cache of the archive: rebuilt when damaged, caught up (only what differs)
// when behind, kept in step with every save, and left current by a CLI import.
import { copyFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ArchiveStore } from '../../src/core/archive/store'
import { SEARCH_INDEX_FILE, SearchService } from '../../src/core/service/search'
import { openSession } from '../../src/core/session'
import { verbatim } from '../support/cli'
import { DEMO_SEED, tempDir } from '../support/temp'

/** Opens the archive as the next start would and searches once; gives what the search service did. */
async function nextStart(dir: string, query: string, mode: 'read' | 'write' = 'read') {
  const store = await ArchiveStore.open(dir, { mode })
  const search = new SearchService(store)
  try {
    const hits = await search.search(query, 50)
    return { hits, origin: search.origin, caughtUp: { ...search.caughtUp } }
  } finally {
    await search.close()
    await store.close()
  }
}

async function demoArchive(): Promise<string> {
  const dir = await tempDir()
  const session = await openSession(dir, { seedFile: DEMO_SEED, eagerSearch: true })
  await session.client.call('search.query', { query: 'sirens' })
  await session.close()
  return dir
}

const transcript = (words: string) => ({
  title: `Interview about ${words}`,
  segments: [
    { speaker: 'Lena Moretti', text: 'What did you see?', startSeconds: 0, endSeconds: 2, offRecord: false, tagIds: [] },
    { speaker: 'Aigul Nurpeisova', text: `I saw ${words} on the square.`, startSeconds: 2, endSeconds: 6, offRecord: false, tagIds: [] }
  ]
})

describe('the search index file', () => {
  it('is built again from the archive when it is damaged', async () => {
    const dir = await demoArchive()
    const expected = (await nextStart(dir, 'sirens')).hits
    expect(expected.length).toBeGreaterThan(0)
    await writeFile(join(dir, SEARCH_INDEX_FILE), Buffer.alloc(64 * 1024, 0x5a))
    await writeFile(join(dir, `${SEARCH_INDEX_FILE}-wal`), 'garbage')
    const after = await nextStart(dir, 'sirens', 'write')
    expect(after.origin).toBe('built')
    expect(after.hits).toEqual(expected)
    // …and the rebuilt file is used as it is at the start after.
    expect((await nextStart(dir, 'sirens')).origin).toBe('current')
  })

  it('is built again when it is missing, and a read-only start builds it aside without writing', async () => {
    const dir = await demoArchive()
    const expected = (await nextStart(dir, 'sirens')).hits
    for (const name of await readdir(dir)) if (name.startsWith(SEARCH_INDEX_FILE)) await writeFile(join(dir, name), '')
    const readOnly = await nextStart(dir, 'sirens', 'read')
    expect(readOnly.origin).toBe('temporary')
    expect(readOnly.hits).toEqual(expected)
    expect((await stat(join(dir, SEARCH_INDEX_FILE))).size).toBe(0)
    const writer = await nextStart(dir, 'sirens', 'write')
    expect(writer.origin).toBe('built')
    expect(writer.hits).toEqual(expected)
  })

  it('lets a read-only search use an index the app has moved ahead since the archive was read', async () => {
    const dir = await demoArchive()
    const reader = await ArchiveStore.open(dir, { mode: 'read' })
    const session = await openSession(dir, { eagerSearch: true })
    await session.client.call('interviews.create', transcript('zeppelins'))
    await session.close()
    const search = new SearchService(reader)
    try {
      expect(await search.search('zeppelins', 50)).toHaveLength(2)
      expect(search.origin).toBe('current')
    } finally {
      await search.close()
      await reader.close()
    }
  })

  it('catches up with only what changed when it is behind the archive (a backup of it put back)', async () => {
    const dir = await demoArchive()
    await copyFile(join(dir, SEARCH_INDEX_FILE), join(dir, 'old-index'))
    const session = await openSession(dir, { eagerSearch: true })
    const created = await session.client.call('interviews.create', transcript('zeppelins'))
    await session.client.call('sources.create', { kind: 'person', name: 'Zarina Unique' })
    expect((await session.client.call('search.query', { query: 'zeppelins' })).hits).toHaveLength(2)
    await session.close()
    // The index as it was before those saves (WAL folded in by the close), as a stale cache.
    await copyFile(join(dir, 'old-index'), join(dir, SEARCH_INDEX_FILE))
    const after = await nextStart(dir, 'zeppelins', 'write')
    expect(after.origin).toBe('caught-up')
    expect(after.caughtUp).toEqual({ interviews: 1, quotes: 0, sources: 1, removed: 0 })
    expect(after.hits.map((h) => h.interviewId)).toEqual([created.id, created.id])
    expect((await nextStart(dir, 'Zarina')).hits).toHaveLength(1)
  })

  it('finds an interview added and no longer finds one removed, without rebuilding', async () => {
    const dir = await demoArchive()
    const store = await ArchiveStore.open(dir)
    const { createHandlers } = await import('../../src/core/service')
    const search = new SearchService(store, true)
    const api = createHandlers(store, search, { restore: async () => Promise.reject(new Error('not here')), startEmpty: async () => Promise.reject(new Error('not here')) })
    expect(await search.search('zeppelins', 50)).toEqual([])
    expect(search.origin).toBe('current')
    const created = await api['interviews.create'](transcript('zeppelins') as never)
    const found = await search.search('zeppelins', 50)
    expect(found.map((h) => [h.kind, h.interviewId]).sort()).toEqual([
      ['interview', created.id],
      ['segment', created.id]
    ])
    await api['interviews.delete']({ id: created.id } as never)
    expect(await search.search('zeppelins', 50)).toEqual([])
    expect(search.caughtUp).toEqual({ interviews: 0, quotes: 0, sources: 0, removed: 0 })
    await search.close()
    await store.close()
    expect(await nextStart(dir, 'zeppelins')).toMatchObject({ origin: 'current', hits: [] })
  })

  it('is made current by the first CLI import into a new archive (no index yet)', async () => {
    const dir = join(await tempDir(), 'new-archive')
    const input = join(await tempDir(), 'zeppelin-notes.md')
    await writeFile(input, '# Zeppelin notes\n\nLena Moretti: What did you see?\n\nAigul Nurpeisova: Zeppelins over the square.\n')
    const imported = await verbatim(['import', input, '--archive', dir, '--json'])
    expect(imported.code, imported.stderr).toBe(0)
    const after = await nextStart(dir, 'zeppelins')
    expect(after.origin).toBe('current')
    expect(after.hits.map((h) => h.kind)).toEqual(['segment'])
  })

  it('is left current by a CLI import, so the next `verbatim search` indexes nothing', async () => {
    const dir = await demoArchive()
    const input = join(await tempDir(), 'zeppelin-notes.md')
    await writeFile(input, '# Zeppelin notes\n\nLena Moretti: What did you see?\n\nAigul Nurpeisova: Zeppelins over the square, and sirens.\n')
    const imported = await verbatim(['import', input, '--archive', dir, '--json'])
    expect(imported.code, imported.stderr).toBe(0)
    const searched = await verbatim(['search', 'zeppelins', '--archive', dir, '--json'])
    expect(searched.code, searched.stderr).toBe(0)
    const answer = JSON.parse(searched.stdout) as { hits: Array<Record<string, unknown>>; others: unknown[] }
    expect(answer.hits).toHaveLength(1)
    expect(Object.keys(answer.hits[0]!)).toEqual(expect.arrayContaining(['interviewId', 'segmentIndex', 'speaker', 'text']))
    expect(answer.hits[0]).toMatchObject({ speaker: 'Aigul Nurpeisova', text: 'Zeppelins over the square, and sirens.' })
    // What that search found: an index current with the archive, nothing to index again.
    expect(await nextStart(dir, 'zeppelins')).toMatchObject({ origin: 'current', caughtUp: { interviews: 0, quotes: 0, sources: 0, removed: 0 } })
  })
})
