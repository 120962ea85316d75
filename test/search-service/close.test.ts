// Closing the search service ends its background work: a merge of runs that falls due while the
// close waits, or a save that lands after it, never reaches the closed (or a reopened) database.
// Real SQLite on a temp folder; only the merge's 50 ms timer is faked in the first test, so that
// it falls due exactly while the close is waiting.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ArchiveStore } from '../../src/core/archive/store'
import { createHandlers } from '../../src/core/service'
import { SEARCH_INDEX_FILE, SearchService } from '../../src/core/service/search'
import { openSession } from '../../src/core/session'
import { tempDir } from '../support/temp'

const transcript = (words: string) => ({
  title: `Interview about ${words}`,
  segments: [
    { speaker: 'Lena Moretti', text: 'What did you see?', startSeconds: 0, endSeconds: 2, offRecord: false, tagIds: [] },
    { speaker: 'Aigul Nurpeisova', text: `I saw ${words} on the square.`, startSeconds: 2, endSeconds: 6, offRecord: false, tagIds: [] }
  ]
})

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** SQLite's own check of the file, and what the next start finds in it. */
async function reopened(dir: string, query: string) {
  const db = new Database(join(dir, SEARCH_INDEX_FILE), { readonly: true })
  const integrity = db.pragma('integrity_check', { simple: true })
  db.close()
  const store = await ArchiveStore.open(dir)
  const search = new SearchService(store)
  try {
    const hits = await search.search(query, 50)
    return { integrity, origin: search.origin, hits: hits.map((h) => h.kind).sort() }
  } finally {
    await search.close()
    await store.close()
  }
}

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

describe('closing the search service', () => {
  it('runs a merge that falls due while it waits before letting the file go, never after', async () => {
    const errors = vi.spyOn(console, 'error')
    const dir = await tempDir()
    const session = await openSession(dir, { eagerSearch: true })
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    await session.client.call('interviews.create', transcript('zeppelins'))
    // The search waits for the save to be followed, which leaves a merge of runs due in 50 ms.
    expect((await session.client.call('search.query', { query: 'zeppelins' })).hits).toHaveLength(2)
    const closing = session.close()
    vi.advanceTimersByTime(100)
    await closing
    vi.advanceTimersByTime(1000)
    vi.useRealTimers()
    await sleep(100)
    expect(errors).not.toHaveBeenCalled()
    // The file was let go whole (WAL folded in) and is current for the next start.
    expect(existsSync(join(dir, `${SEARCH_INDEX_FILE}-wal`))).toBe(false)
    expect(await reopened(dir, 'zeppelins')).toEqual({ integrity: 'ok', origin: 'current', hits: ['interview', 'segment'] })
  })

  it('does not open the file again for a save that lands after it closed; the next start catches up', async () => {
    const errors = vi.spyOn(console, 'error')
    const dir = await tempDir()
    const store = await ArchiveStore.open(dir, { create: true })
    const search = new SearchService(store, true)
    const api = createHandlers(store, search, { restore: async () => Promise.reject(new Error('not here')), startEmpty: async () => Promise.reject(new Error('not here')) })
    await api['interviews.create'](transcript('balloons') as never)
    expect(await search.search('balloons', 50)).toHaveLength(2)
    const saving = api['interviews.create'](transcript('zeppelins') as never)
    await search.close()
    await saving
    await sleep(150)
    await expect(search.search('zeppelins', 50)).rejects.toMatchObject({ code: 'not-found' })
    await store.close()
    expect(errors).not.toHaveBeenCalled()
    // Nothing holds the file open (a connection would keep its WAL).
    expect(existsSync(join(dir, `${SEARCH_INDEX_FILE}-wal`))).toBe(false)
    expect(await reopened(dir, 'zeppelins')).toEqual({ integrity: 'ok', origin: 'caught-up', hits: ['interview', 'segment'] })
  })

  it('closes once, however often it is asked, and while a first search is still building the index', async () => {
    const errors = vi.spyOn(console, 'error')
    const dir = await tempDir()
    const session = await openSession(dir, { eagerSearch: true })
    for (const words of ['zeppelins', 'balloons', 'kites']) await session.client.call('interviews.create', transcript(words))
    await session.close()
    const store = await ArchiveStore.open(dir)
    const search = new SearchService(store)
    const searching = search.search('kites', 50)
    await Promise.all([search.close(), search.close()])
    expect((await searching).map((h) => h.kind).sort()).toEqual(['interview', 'segment'])
    await store.close()
    await sleep(100)
    expect(errors).not.toHaveBeenCalled()
    expect(existsSync(join(dir, `${SEARCH_INDEX_FILE}-wal`))).toBe(false)
  })

  it('is opened again for the same archive when a restore is refused (closing it for the restore was for good)', async () => {
    const errors = vi.spyOn(console, 'error')
    const dir = await tempDir()
    const session = await openSession(dir, { eagerSearch: true })
    try {
      await session.client.call('interviews.create', transcript('zeppelins'))
      await expect(session.client.call('backups.restore', { id: 'no-such-backup' })).rejects.toMatchObject({ code: 'not-found' })
      expect((await session.client.call('search.query', { query: 'zeppelins' })).hits).toHaveLength(2)
      await session.client.call('interviews.create', transcript('balloons'))
      expect((await session.client.call('search.query', { query: 'balloons' })).hits).toHaveLength(2)
    } finally {
      await session.close()
    }
    expect(errors).not.toHaveBeenCalled()
    expect(await reopened(dir, 'balloons')).toEqual({ integrity: 'ok', origin: 'current', hits: ['interview', 'segment'] })
  })
})
