import { describe, expect, it } from 'vitest'
import type { ClaimReview } from '../../src/shared/claims'
import { boardCounts, factcheckFileName, placeOf, sortBoard, statusLine, statusSentence } from '../../src/renderer/src/stores/claims-logic'

const review = (over: Partial<ClaimReview>): ClaimReview => ({
  id: 'c1',
  text: 'About 40 workers were on the bridge',
  status: 'disputed',
  suggestedStatus: 'disputed',
  statusSetBy: 'suggestion',
  overridden: false,
  reason: 'Joe Baptiste contradicts it.',
  distinctSources: 1,
  restsOnOneVoice: true,
  supporting: [],
  contradicting: [],
  evidence: [],
  conflicts: [],
  drafts: [],
  createdAt: '2024-04-01T10:00:00.000Z',
  updatedAt: '2024-04-01T10:00:00.000Z',
  ...over
})

describe('who wins: the status line', () => {
  it('says a status that follows the evidence comes from the evidence', () => {
    expect(statusSentence(review({}))).toBe('Disputed — from the evidence')
  })

  it('says the editor’s choice wins, what the evidence suggests instead, and why', () => {
    const c = review({ status: 'verified-by-document', statusSetBy: 'editor', overridden: true, overrideReason: 'Council minutes' })
    expect(statusSentence(c)).toBe('Verified by document — your choice; the evidence suggests disputed')
    expect(statusLine(c).reason).toBe('Council minutes')
  })

  it('says when the editor chose what the evidence says anyway', () => {
    expect(statusSentence(review({ statusSetBy: 'editor' }))).toBe('Disputed — your choice, and the evidence agrees')
  })
})

describe('the board', () => {
  it('counts evidence, independent sources and conflicts in words', () => {
    expect(boardCounts(review({}))).toBe('0 pieces of evidence · 1 independent source')
    const two = review({ evidence: [{}, {}] as never, distinctSources: 2, conflicts: [{}] as never })
    expect(boardCounts(two)).toBe('2 pieces of evidence · 2 independent sources · 1 conflict')
  })

  it('keeps the archive’s weakest-first order, or puts the newest first', () => {
    const older = review({ id: 'old', createdAt: '2024-01-01T00:00:00.000Z' })
    const newer = review({ id: 'new', createdAt: '2024-02-01T00:00:00.000Z' })
    expect(sortBoard([older, newer], 'weakest').map((c) => c.id)).toEqual(['old', 'new'])
    expect(sortBoard([older, newer], 'newest').map((c) => c.id)).toEqual(['new', 'old'])
  })

  it('places evidence by the recording’s clock, or by segment when there is no time', () => {
    expect(placeOf({ startSeconds: 75.5, segmentIndex: 3 })).toBe('1:15')
    expect(placeOf({ startSeconds: null, segmentIndex: 1 })).toBe('segment 2')
    expect(placeOf({})).toBe('')
  })
})

describe('the fact-check sheet’s file name', () => {
  it('is safe on any file system, in any script, and dated', () => {
    const day = new Date('2024-04-05T12:00:00Z')
    expect(factcheckFileName('all claims', day)).toBe('fact-check-all-claims-2024-04-05.md')
    expect(factcheckFileName('Мост: «кто платил?» / 2024', day)).toBe('fact-check-мост-кто-платил-2024-2024-04-05.md')
    expect(factcheckFileName('../../etc/passwd', day)).toBe('fact-check-etc-passwd-2024-04-05.md')
    expect(factcheckFileName('***', day)).toBe('fact-check-claims-2024-04-05.md')
  })
})
