import { expect } from 'vitest'
import type { MethodName, OutputOf } from '../../src/shared/api/contract'
import type { DoorRun } from './sample-inputs'

const ids = (records: { id: string }[]) => records.map((r) => r.id)
const stamped = { id: expect.any(String), createdAt: expect.any(String), updatedAt: expect.any(String) }

/**
 * What each method must return for its sample input (sample-inputs.ts) on the demo archive, in the
 * order `orderedMethods` calls them: reads on the untouched demo, then writes, deletes, a restore.
 * Typed over every method: a method added to the contract without its check does not compile.
 * Each door must give exactly these answers; "something truthy" proves nothing.
 */
export const expectedResults: { [M in MethodName]: (result: OutputOf<M>, run: DoorRun) => void } = {
  // Reads, on the demo as seeded.
  'interviews.list': (r) => {
    expect(ids(r)).toEqual(['int-nadia', 'int-ivo', 'int-clerk'])
    expect(r[0]).toMatchObject({ title: 'Nadia Petrenko, volunteer rescuer', segmentCount: 7, speakers: ['Sam Okafor', 'Nadia Petrenko'], ...stamped })
  },
  'interviews.get': (r) => expect(r).toMatchObject({ id: 'int-nadia', title: 'Nadia Petrenko, volunteer rescuer', date: '2026-05-16', segmentCount: 7 }),
  'sources.list': (r) => expect(ids(r)).toEqual(['src-nadia', 'src-ivo', 'src-clerk', 'src-report', 'src-photo']),
  'sources.get': (r) => expect(r).toMatchObject({ ...stamped, id: 'src-nadia', kind: 'person', name: 'Nadia Petrenko', naming: 'on-record' }),
  'tags.list': (r) => expect(ids(r)).toEqual(['tag-warning', 'tag-levels', 'tag-rescue', 'tag-officials']),
  'tags.get': (r) => expect(r).toMatchObject({ id: 'tag-warning', name: 'warnings', color: '#d9822b' }),
  'quotes.list': (r) => expect(ids(r)).toEqual(['q-no-call', 'q-warning-sent', 'q-sirens', 'q-schedule']),
  'quotes.get': (r) =>
    expect(r).toMatchObject({ id: 'q-no-call', interviewId: 'int-nadia', text: 'Around two in the morning. Nobody called us.', status: 'exact', tagIds: ['tag-warning'] }),
  'claims.list': (r) => expect(ids(r)).toEqual(['claim-warning', 'claim-sirens']),
  'claims.get': (r) => {
    expect(r).toMatchObject({ id: 'claim-warning', status: expect.any(String) })
    expect(r.evidence.map((e) => e.quoteId ?? e.sourceId)).toEqual(['q-warning-sent', 'src-report'])
  },
  'drafts.list': (r) => expect(ids(r)).toEqual(['draft-river']),
  'drafts.get': (r) => {
    expect(r).toMatchObject({ id: 'draft-river', byline: 'Sam Okafor' })
    expect(r.sections[0]?.blocks.map((b) => b.type)).toEqual(['prose', 'quote', 'claim'])
  },
  'archive.info': (r) =>
    expect(r).toMatchObject({
      name: 'Demo: The river rose at night',
      readOnly: false,
      schemaVersion: expect.any(Number),
      counts: { interviews: 3, sources: 5, tags: 4, quotes: 4, claims: 2, drafts: 1 },
      demo: true
    }),
  'transcript.get': (r) => {
    expect(r).toMatchObject({ id: 'int-nadia', title: 'Nadia Petrenko, volunteer rescuer' })
    expect(r.segments.map((s) => s.id)).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'])
    expect(r.segments[1]).toMatchObject({ speaker: 'Nadia Petrenko', startSeconds: 5, offRecord: false })
    expect(r.segments.filter((s) => s.offRecord).map((s) => s.id)).toEqual(['n5', 'n6'])
  },
  'settings.get': (r) => expect(r).toMatchObject({ name: 'Demo: The river rose at night', theme: 'system' }),
  'search.query': (r) => {
    const segments = r.hits.filter((h) => h.kind === 'segment')
    expect(segments.map((h) => h.interviewId)).toContain('int-nadia')
    for (const h of segments) expect(h.text.toLowerCase()).toContain('sirens')
  },
  'tags.usage': (r) => {
    expect(Object.keys(r).sort()).toEqual(['tag-levels', 'tag-officials', 'tag-rescue', 'tag-warning'])
    expect(r['tag-warning']).toEqual({ quotes: 2, segments: 0 })
    expect(r['tag-officials']).toEqual({ quotes: 3, segments: 0 })
  },
  // Nothing deleted yet.
  'trash.list': (r) => expect(r).toEqual([]),
  'records.impact': (r) => {
    expect(r).toMatchObject({ kind: 'quotes', id: 'q-no-call', counts: { evidence: 0, claims: 0, blocks: 1, drafts: 1 } })
    expect(ids(r.drafts)).toEqual(['draft-river'])
  },
  'sources.profile': (r) => {
    expect(r.source).toMatchObject({ id: 'src-nadia', name: 'Nadia Petrenko' })
    expect(ids(r.quotes)).toEqual(['q-no-call', 'q-sirens'])
  },
  'claims.review': (r) => {
    expect(ids(r.claims).sort()).toEqual(['claim-sirens', 'claim-warning'])
    const warning = r.claims.find((c) => c.id === 'claim-warning')
    expect(warning).toMatchObject({ distinctSources: 2, suggestedStatus: 'verified-by-document' })
    expect(warning?.evidence.map((e) => e.stance)).toEqual(['supports', 'supports'])
  },
  'claims.propose': (r) => expect(r.proposals[0]).toMatchObject({ interviewId: 'int-nadia', segmentId: 'n4', speaker: 'Nadia Petrenko', stance: 'supports' }),
  'factcheck.markdown': (r) => {
    expect(r.claims).toBe(2)
    expect(r.markdown).toContain('# Fact-check sheet')
    expect(r.markdown).toContain('The Water Authority warned the town hall')
  },
  'drafts.check': (r) => {
    expect(r.problems.map((p) => [p.sectionId, p.blockIndex, p.kind])).toEqual([['sec-1', 0, 'unsourced']])
    expect(r.counts).toMatchObject({ unsourced: 1 })
  },
  'drafts.export': (r) => {
    expect(r).toMatchObject({ format: 'md', filename: expect.stringMatching(/\.md$/), heldBack: [] })
    // The demo's anonymous town hall clerk is named in the archive, never in print.
    expect(r.content).not.toContain('Mira Kovač')
    expect(r.content).toContain('title: The river rose at night.')
    expect(r.content).toContain('> “Around two in the morning. Nobody called us.”')
  },
  'backups.list': (r) => {
    for (const b of r) expect(b).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), interviews: 3, quotes: 4, claims: 2 })
  },

  // Writes.
  'interviews.create': (r) => expect(r).toMatchObject({ title: 'Door test interview', segmentCount: 1, wordCount: 1, speakers: ['A'], consent: 'unknown', ...stamped }),
  'interviews.update': (r) => expect(r).toMatchObject({ id: 'int-ivo', place: 'Phone, recorded', title: 'Ivo Marek, hydrologist' }),
  'sources.create': (r) => expect(r).toMatchObject({ kind: 'person', name: 'Door Test Person', naming: 'unconfirmed', ...stamped }),
  'sources.update': (r) => expect(r).toMatchObject({ id: 'src-ivo', role: 'senior hydrologist', name: 'Ivo Marek' }),
  'tags.create': (r) => expect(r).toMatchObject({ name: 'door/test', color: expect.stringMatching(/^#[0-9a-f]{6}$/i), ...stamped }),
  'tags.update': (r) => expect(r).toMatchObject({ id: 'tag-rescue', name: 'rescue', description: 'Boats and people' }),
  'quotes.create': (r) =>
    expect(r).toMatchObject({
      interviewId: 'int-nadia',
      text: 'We took out forty-on',
      status: 'exact',
      tagIds: ['tag-rescue'],
      speaker: 'Nadia Petrenko',
      spansOffRecord: false,
      ...stamped
    }),
  'quotes.update': (r) => expect(r).toMatchObject({ id: 'q-no-call', note: 'Lead quote', text: 'Around two in the morning. Nobody called us.' }),
  'claims.create': (r) => expect(r).toMatchObject({ text: 'Forty-one people were rescued by boat.', status: 'unverified', evidence: [], ...stamped }),
  'claims.update': (r) => {
    expect(r).toMatchObject({ id: 'claim-warning', status: 'verified-by-document' })
    expect(r.evidence).toHaveLength(2)
  },
  'drafts.create': (r) => expect(r).toMatchObject({ title: 'Second draft', sections: [], ...stamped }),
  'drafts.update': (r) => expect(r).toMatchObject({ id: 'draft-river', byline: 'Sam Okafor and Lena Moretti' }),
  'settings.update': (r) => expect(r).toMatchObject({ name: 'Demo: The river rose at night', theme: 'dark' }),
  'segments.update': (r) => {
    expect(r.segment).toMatchObject({ id: 'i2', speaker: 'Ivo Marek', text: 'The gauge at the old bridge read 6.8 metres at 3 a.m.' })
    expect(r.interview).toMatchObject({ id: 'int-ivo', segmentCount: 7 })
    // The interview's other quote did not move: it is re-anchored and still exact.
    expect(r.quotes.map((q) => [q.id, q.status])).toEqual([['q-warning-sent', 'exact']])
  },
  'quotes.accept': (r) => expect(r).toMatchObject({ id: 'q-no-call', status: 'exact', text: 'Around two in the morning. Nobody called us.' }),
  'tags.merge': (r) => expect(r).toEqual({ tag: expect.objectContaining({ id: 'tag-warning', name: 'warnings' }), moved: { quotes: 3, segments: 0 } }),
  'backups.create': (r) => expect(r).toMatchObject({ id: expect.any(String), createdAt: expect.any(String), interviews: 4, quotes: 5, claims: 3 }),
  'sources.merge': (r) => {
    expect(r.source).toMatchObject({ id: 'src-ivo', name: 'Ivo Marek' })
    expect(r.source.aliases).toContain('Merge Test Person')
    expect(r).toMatchObject({ mergeId: expect.any(String), moved: { interviews: 0, segments: 0, quotes: 0, evidence: 0 } })
  },
  'sources.unmerge': (r) => expect(r.source).toMatchObject({ name: 'Unmerge Test Person', ...stamped }),
  'speakers.reassign': (r) => {
    // Nadia speaks five of her interview's seven segments.
    expect(r).toMatchObject({ interview: { id: 'int-nadia', sourceIds: ['src-nadia'] }, changed: 5 })
    for (const q of r.quotes) expect(q).toMatchObject({ interviewId: 'int-nadia', sourceIds: ['src-nadia'] })
  },
  'claims.addEvidence': (r) => {
    expect(r.claim.id).toBe('claim-warning')
    expect(r.claim.evidence).toHaveLength(3)
    expect(r.quote).toMatchObject({ interviewId: 'int-nadia', text: 'We took out forty-one people by boat before sunrise, most of them elderly.', status: 'exact' })
    expect(r.claim.evidence.at(-1)).toMatchObject({ kind: 'quote', quoteId: r.quote.id, relation: 'supports' })
  },
  // The sample deletes a tag, then this puts it back.
  'trash.restore': (r) => expect(r).toMatchObject({ kind: 'tags', label: 'door/trash', restored: { record: true } }),
  'drafts.makeClaim': (r) => {
    expect(r.claim).toMatchObject({ text: "On the Lower Quay, the first warning came from a neighbour's knock.", status: 'unverified', evidence: [], ...stamped })
    expect(r.draft.id).toBe('draft-river')
    const first = r.draft.sections[0]?.blocks[0]
    expect(first?.type === 'prose' ? first.text : '').toContain(`[[claim:${r.claim.id}]]`)
  },
  'import.files': (r) => {
    // An import that imported nothing fails here, whatever else it reports.
    expect(r.failed).toEqual([])
    expect(r.skipped).toEqual([])
    expect(r.imported).toHaveLength(1)
    expect(r.imported[0]).toMatchObject({ file: expect.stringContaining('square-notes.txt'), interviewId: expect.any(String), segments: 2 })
  },
  'import.upload': (r) => {
    expect(r.failed).toEqual([])
    expect(r.skipped).toEqual([])
    expect(r.imported).toHaveLength(1)
    expect(r.imported[0]).toMatchObject({ file: 'notes.txt', interviewId: expect.any(String), segments: 2 })
  },

  // Deletes.
  'interviews.delete': (r) => expect(r).toEqual({ id: 'int-clerk', deleted: true, trashId: expect.any(String) }),
  'sources.delete': (r) => expect(r).toEqual({ id: 'src-clerk', deleted: true, trashId: expect.any(String) }),
  'tags.delete': (r) => expect(r).toEqual({ id: 'tag-levels', deleted: true, trashId: expect.any(String) }),
  'quotes.delete': (r) => expect(r).toEqual({ id: 'q-warning-sent', deleted: true, trashId: expect.any(String) }),
  'claims.delete': (r) => expect(r).toEqual({ id: 'claim-warning', deleted: true, trashId: expect.any(String) }),
  'drafts.delete': (r) => expect(r).toEqual({ id: 'draft-river', deleted: true, trashId: expect.any(String) }),

  // Called after every other method, outside the loop (it swaps the archive): an empty one, the old one kept beside it.
  'archive.startEmpty': (r) => expect(r).toMatchObject({ counts: { interviews: 0, quotes: 0 }, keptAt: expect.stringMatching(/-(demo|kept)-/) }),

  // A restore last: the archive is as the snapshot was.
  'backups.restore': (r, run) => {
    expect(run.restoring).toBeDefined()
    expect(r).toMatchObject({ readOnly: false, counts: { interviews: run.restoring?.interviews, quotes: run.restoring?.quotes, claims: run.restoring?.claims } })
  }
}
