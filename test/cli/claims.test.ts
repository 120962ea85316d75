import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verbatim } from '../support/cli'
import { tempDir } from '../support/temp'

const STORY = new URL('../fixtures/claims-story/', import.meta.url).pathname
const CLAIM = 'About 40 workers were on the bridge when it collapsed on 12 March 2024'

describe('verbatim claims, evidence and factcheck', () => {
  it('prints proposals, claims and the fact-check sheet in the documented shapes', async () => {
    const archive = join(await tempDir(), 'a')
    expect((await verbatim(['import', STORY, '--archive', archive, '--json'])).code).toBe(0)

    const ev = await verbatim(['evidence', CLAIM, '--archive', archive, '--json'])
    expect(ev.code).toBe(0)
    const { proposals } = JSON.parse(ev.stdout) as { proposals: Record<string, unknown>[] }
    expect(proposals.length).toBe(2)
    for (const p of proposals) expect(Object.keys(p)).toEqual(expect.arrayContaining(['interviewId', 'segmentIndex', 'speaker', 'text', 'why']))
    expect(proposals.map((p) => p.speaker).sort()).toEqual(['Anna Lindqvist', 'Joe Baptiste'])
    expect(proposals.find((p) => p.speaker === 'Joe Baptiste')?.why).toContain('a different number')

    const off = JSON.parse((await verbatim(['evidence', 'The inspector signed the report without climbing the bridge', '--archive', archive, '--json', '--include-off-record'])).stdout) as { proposals: { offRecord?: boolean; text: string }[] }
    expect(off.proposals.find((p) => p.text.includes('Mark Feld'))?.offRecord).toBe(true)

    const created = JSON.parse((await verbatim(['call', 'claims.create', JSON.stringify({ text: CLAIM }), '--archive', archive])).stdout) as { id: string }
    for (const p of proposals) {
      const input = { claimId: created.id, interviewId: p.interviewId, segmentId: p.segmentId, stance: p.stance }
      expect((await verbatim(['call', 'claims.addEvidence', JSON.stringify(input), '--archive', archive])).code).toBe(0)
    }
    const listed = await verbatim(['claims', '--archive', archive, '--json'])
    expect(listed.code).toBe(0)
    const { claims } = JSON.parse(listed.stdout) as { claims: Record<string, unknown>[] }
    expect(claims).toHaveLength(1)
    const [c] = claims as [{ evidence: Record<string, unknown>[]; conflicts: { a: Record<string, unknown>; b: Record<string, unknown> }[] } & Record<string, unknown>]
    expect(Object.keys(c)).toEqual(expect.arrayContaining(['id', 'text', 'status', 'suggestedStatus', 'distinctSources', 'evidence', 'conflicts']))
    expect(c).toMatchObject({ text: CLAIM, status: 'disputed', suggestedStatus: 'disputed', distinctSources: 1 })
    for (const e of c.evidence) expect(Object.keys(e)).toEqual(expect.arrayContaining(['stance', 'speaker', 'sourceId', 'interviewId', 'segmentIndex', 'text']))
    expect(c.conflicts.length).toBeGreaterThan(0)
    for (const k of c.conflicts) {
      expect(Object.keys(k.a)).toEqual(expect.arrayContaining(['speaker', 'text']))
      expect(Object.keys(k.b)).toEqual(expect.arrayContaining(['speaker', 'text']))
    }

    const out = join(await tempDir(), 'sheet.md')
    const sheet = await verbatim(['factcheck', '--archive', archive, '--out', out])
    expect(sheet.code).toBe(0)
    const md = await readFile(out, 'utf8')
    expect(md).toContain(CLAIM)
    expect(md).toContain('There were about forty workers on the deck when it fell, on the twelfth of March.')
  })

  it('writes no sheet and says why when the sheet would leak', async () => {
    const archive = join(await tempDir(), 'a')
    await verbatim(['import', STORY, '--archive', archive, '--json'])
    const input = {
      title: 'A later call',
      segments: [{ speaker: 'Joe Baptiste', text: 'The inspector, Mark Feld, signed the report without ever climbing the bridge.', startSeconds: 0, endSeconds: 1, offRecord: false }]
    }
    const interview = JSON.parse((await verbatim(['call', 'interviews.create', JSON.stringify(input), '--archive', archive])).stdout) as { id: string }
    const transcript = JSON.parse((await verbatim(['transcript', interview.id, '--archive', archive, '--json'])).stdout) as { segments: { id: string }[] }
    const claim = JSON.parse((await verbatim(['call', 'claims.create', '{"text":"The inspector never climbed the bridge"}', '--archive', archive])).stdout) as { id: string }
    await verbatim(['call', 'claims.addEvidence', JSON.stringify({ claimId: claim.id, interviewId: interview.id, segmentId: transcript.segments[0]?.id, stance: 'supports' }), '--archive', archive])
    const out = join(await tempDir(), 'sheet.md')
    const r = await verbatim(['factcheck', '--archive', archive, '--out', out])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('off the record')
    await expect(readFile(out, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
