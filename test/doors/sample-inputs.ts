import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tempDir } from '../support/temp'
import type { ApiClient } from '../../src/shared/api/client'
import { contract, type BackupSummary, type InputOf, type MethodName } from '../../src/shared/api/contract'

/** What one run through a door carries from one method to the next. */
export interface DoorRun {
  /** The snapshot backups.restore puts back, for its result to be checked against. */
  restoring?: BackupSummary
}

/** Typed notes of the test's own (not ../shared, which a fresh clone does not have). */
export const NOTES_FILE_TEXT = 'Date: 2022-01-06\nPlace: Almaty\n\nQ: Where were you on the sixth?\nA: On the square, with the camera.\n'

/**
 * One valid input per API method, against the demo archive. Typed over every method name: a
 * method added to the contract without an entry here does not compile.
 */
export const sampleInputs: { [M in MethodName]: InputOf<M> | ((client: ApiClient, run: DoorRun) => Promise<InputOf<M>>) } = {
  'interviews.list': {},
  'interviews.get': { id: 'int-nadia' },
  'interviews.create': {
    title: 'Door test interview',
    segments: [{ speaker: 'A', text: 'hello', startSeconds: 0, endSeconds: 1, offRecord: false, tagIds: [] }]
  },
  'interviews.update': { id: 'int-ivo', patch: { place: 'Phone, recorded' } },
  'interviews.delete': { id: 'int-clerk' },
  'sources.list': {},
  'sources.get': { id: 'src-nadia' },
  'sources.create': { kind: 'person', name: 'Door Test Person' },
  'sources.update': { id: 'src-ivo', patch: { role: 'senior hydrologist' } },
  'sources.delete': { id: 'src-clerk' },
  'tags.list': {},
  'tags.get': { id: 'tag-warning' },
  'tags.create': { name: 'door/test' },
  'tags.update': { id: 'tag-rescue', patch: { description: 'Boats and people' } },
  'tags.delete': { id: 'tag-levels' },
  'quotes.list': {},
  'quotes.get': { id: 'q-no-call' },
  'quotes.create': {
    interviewId: 'int-nadia',
    start: { segmentId: 'n4', offset: 0 },
    end: { segmentId: 'n4', offset: 20 },
    text: 'We took out forty-on',
    tagIds: ['tag-rescue']
  },
  'quotes.update': { id: 'q-no-call', patch: { note: 'Lead quote' } },
  'quotes.delete': { id: 'q-warning-sent' },
  'claims.list': {},
  'claims.get': { id: 'claim-warning' },
  'claims.create': { text: 'Forty-one people were rescued by boat.' },
  'claims.update': { id: 'claim-warning', patch: { status: 'verified-by-document' } },
  'claims.delete': { id: 'claim-warning' },
  'drafts.list': {},
  'drafts.get': { id: 'draft-river' },
  'drafts.create': { title: 'Second draft' },
  'drafts.update': { id: 'draft-river', patch: { byline: 'Sam Okafor and Lena Moretti' } },
  'drafts.delete': { id: 'draft-river' },
  'archive.info': {},
  'transcript.get': { id: 'int-nadia' },
  'settings.get': {},
  'settings.update': { theme: 'dark' },
  'search.query': { query: 'sirens' },
  'segments.update': { interviewId: 'int-ivo', segmentId: 'i2', text: 'The gauge at the old bridge read 6.8 metres at 3 a.m.' },
  'quotes.accept': { id: 'q-no-call' },
  'tags.merge': { from: 'tag-officials', into: 'tag-warning' },
  'tags.usage': {},
  'backups.list': {},
  'backups.create': {},
  // The newest snapshot: the one backups.create made.
  'backups.restore': async (client, run) => {
    run.restoring = (await client.call('backups.list', {}))[0]
    return { id: run.restoring?.id ?? 'none' }
  },
  'records.impact': { kind: 'quotes', id: 'q-no-call' },
  'trash.list': {},
  'trash.restore': async (client) => ({ id: (await client.call('tags.delete', { id: (await client.call('tags.create', { name: 'door/trash' })).id })).trashId }),
  // Swaps the archive for an empty one: the test calls it last, after checking what the others wrote.
  'archive.startEmpty': {},
  'sources.merge': async (client) => ({ from: (await client.call('sources.create', { kind: 'person', name: 'Merge Test Person' })).id, into: 'src-ivo' }),
  'sources.unmerge': async (client) => {
    const twin = await client.call('sources.create', { kind: 'person', name: 'Unmerge Test Person' })
    return { mergeId: (await client.call('sources.merge', { from: twin.id, into: 'src-nadia' })).mergeId }
  },
  'sources.profile': { id: 'src-nadia' },
  'speakers.reassign': { interviewId: 'int-nadia', speaker: 'Nadia Petrenko', sourceId: 'src-nadia' },
  'claims.review': {},
  'claims.propose': { text: 'Forty-one people were taken out by boat before sunrise.' },
  'claims.addEvidence': { claimId: 'claim-warning', interviewId: 'int-nadia', segmentId: 'n4', stance: 'supports' },
  'factcheck.markdown': {},
  'drafts.check': { id: 'draft-river' },
  'drafts.export': { id: 'draft-river', format: 'md' },
  'drafts.makeClaim': { id: 'draft-river', sectionId: 'sec-1', blockIndex: 0, start: 0 },
  'import.files': async () => {
    const file = join(await tempDir('verbatim-door-'), 'square-notes.txt')
    await writeFile(file, NOTES_FILE_TEXT)
    return { paths: [file] }
  },
  'import.upload': { files: [{ name: 'notes.txt', data: Buffer.from('Door test\n\nQ: Where?\nA: Here.\n').toString('base64') }] }
}

/** Reads first, then writes, then deletes, and a restore last, so each method finds what it needs. */
export function orderedMethods(names: MethodName[]): MethodName[] {
  const rank = (m: MethodName) => (m === 'archive.startEmpty' ? 4 : m === 'backups.restore' ? 3 : m.endsWith('.delete') ? 2 : contract[m].mutates ? 1 : 0)
  return [...names].sort((a, b) => rank(a) - rank(b))
}
