// The import worker hands interviews back packed into typed arrays (isolate-protocol.ts): whatever
// a reader produces must come back exactly as it was.
import fc from 'fast-check'
import { expect, it } from 'vitest'
import { packInterview, unpackInterview } from '../../src/core/import/isolate-protocol'
import type { ParsedInterview } from '../../src/core/import/types'

const time = fc.option(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.double({ min: 0, max: 1e6, noNaN: true })), { nil: null })
const segment = fc.record({
  speaker: fc.oneof(fc.constantFrom('', 'Lena Moretti', 'Ольга Кравец', 'Дана Әбілқасымова'), fc.string({ maxLength: 20 })),
  text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }),
  startSeconds: time,
  endSeconds: time,
  offRecord: fc.boolean(),
  tags: fc.array(fc.oneof(fc.constantFrom('career', 'protest', '🙂'), fc.string({ minLength: 1, maxLength: 8 })), { maxLength: 4 })
})

it('packs and unpacks any interview without losing or changing a thing', () => {
  fc.assert(
    fc.property(fc.array(segment, { maxLength: 60 }), (segments) => {
      const parsed: ParsedInterview = { format: 'webvtt', encoding: 'utf-8', metadata: { title: 'T', notes: 'N' }, segments, warnings: ['w'] }
      const { packed, transfer } = packInterview(parsed)
      expect(transfer.every((b) => b instanceof ArrayBuffer)).toBe(true)
      expect(unpackInterview(structuredClone(packed))).toEqual(parsed)
    }),
    { numRuns: 200, seed: 10 }
  )
})
