import { describe, expect, it } from 'vitest'
import { openSession } from '../../src/core/session'
import { tempDir } from '../support/temp'

describe('a source’s embargo', () => {
  it('is set with a date, lifted with null, and other fields stay as they were', async () => {
    const session = await openSession(await tempDir())
    try {
      const person = await session.client.call('sources.create', { kind: 'person', name: 'Anna Lindqvist', role: 'structural engineer', embargoUntil: '2024-06-01' })
      expect(person.embargoUntil).toBe('2024-06-01')
      const lifted = await session.client.call('sources.update', { id: person.id, patch: { embargoUntil: null } })
      expect(lifted).not.toHaveProperty('embargoUntil')
      expect(lifted.role).toBe('structural engineer')
      const again = await session.client.call('sources.get', { id: person.id })
      expect(again).not.toHaveProperty('embargoUntil')
      await expect(session.client.call('sources.update', { id: person.id, patch: { embargoUntil: '1 June' } })).rejects.toThrow(/YYYY-MM-DD/)
    } finally {
      await session.close()
    }
  })
})
