import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'

it('loads the saved index at the next start, and never one that belongs to another state of the archive', async () => {
  const dir = await tempDir()
  let session = await openSession(dir, { seedFile: DEMO_SEED, eagerSearch: true })
  await session.client.call('tags.create', { name: 'before-backup' })
  const backup = await session.client.call('backups.create', {})
  await session.client.call('sources.create', { kind: 'person', name: 'Zarina Unique' })
  expect((await session.client.call('search.query', { query: 'Zarina' })).hits).toHaveLength(1)
  await session.close()
  const saved = JSON.parse(await readFile(join(dir, 'search-index.json'), 'utf8'))
  expect(saved.fingerprint).toMatch(/^[0-9a-f]{32}$/)

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
