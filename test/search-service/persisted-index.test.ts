import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect, it } from 'vitest'
import { ArchiveStore } from '../../src/core/archive/store'
import { SEARCH_INDEX_FILE, SearchService } from '../../src/core/service/search'
import { openSession } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'

it('uses the saved index at the next start, and never one that belongs to another state of the archive', async () => {
  const dir = await tempDir()
  let session = await openSession(dir, { seedFile: DEMO_SEED, eagerSearch: true })
  await session.client.call('tags.create', { name: 'before-backup' })
  const backup = await session.client.call('backups.create', {})
  await session.client.call('sources.create', { kind: 'person', name: 'Zarina Unique' })
  expect((await session.client.call('search.query', { query: 'Zarina' })).hits).toHaveLength(1)
  await session.close()
  const db = new Database(join(dir, SEARCH_INDEX_FILE), { readonly: true })
  const meta = new Map(db.prepare("SELECT key, value FROM meta WHERE key LIKE 'user:%'").raw().all() as Array<[string, string]>)
  db.close()
  expect(meta.get('user:revision')).toMatch(/^\d+$/)
  expect(meta.get('user:fingerprint')).toMatch(/^[A-Za-z0-9_-]+:[0-9a-f]{16}$/)

  // The next start finds it current and indexes nothing.
  const store = await ArchiveStore.open(dir, { mode: 'read' })
  const search = new SearchService(store)
  expect(await search.search('Zarina', 10)).toHaveLength(1)
  expect(search.origin).toBe('current')
  expect(search.caughtUp).toEqual({ interviews: 0, quotes: 0, sources: 0, removed: 0 })
  await search.close()
  await store.close()

  // Restore moves the revision back; one more save brings it to the saved index's number again.
  session = await openSession(dir, { eagerSearch: true })
  await session.client.call('backups.restore', { id: backup.id })
  await session.client.call('tags.create', { name: 'after-restore' })
  await session.close()

  session = await openSession(dir, { eagerSearch: true })
  try {
    expect((await session.client.call('search.query', { query: 'Zarina' })).hits).toHaveLength(0)
    expect((await session.client.call('search.query', { query: 'sirens' })).hits.length).toBeGreaterThan(0)
  } finally {
    await session.close()
  }
})
