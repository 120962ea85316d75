import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'
import { fuzzApi, readsStillWork } from './api-fuzz'

describe('the API under fuzz (fixed seed; `npm run stress` runs many more cases)', () => {
  it('answers every generated input with an envelope, never an internal error, never touching Object.prototype, and keeps answering', async () => {
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true } as never)
    try {
      const failures = await fuzzApi(session, { runsPerMethod: 25, seed: 20261127 })
      expect(failures.slice(0, 5)).toEqual([])
      expect(Object.keys(Object.prototype)).toEqual([])
      expect(await readsStillWork(session)).toEqual([])
      // The demo's records still read back as themselves.
      const info = await session.client.call('archive.info', {})
      expect(info.counts.interviews).toBeGreaterThan(0)
    } finally {
      await session.close()
    }
  }, 300_000)
})
