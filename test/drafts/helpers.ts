import type { Session } from '../../src/core/session'
import type { DraftBlock } from '../../src/shared/model'

/** A segment of the story by who says it and how it starts. */
export async function segmentOf(session: Session, speaker: string, startsWith: string): Promise<{ interviewId: string; segmentId: string; text: string }> {
  for (const i of await session.client.call('interviews.list', {})) {
    const s = (await session.client.call('transcript.get', { id: i.id })).segments.find((x) => x.speaker === speaker && x.text.startsWith(startsWith))
    if (s) return { interviewId: i.id, segmentId: s.id, text: s.text }
  }
  throw new Error(`no segment of ${speaker} starting “${startsWith}”`)
}

/** Saves a quote of a whole segment and returns its id. */
export async function quoteOf(session: Session, speaker: string, startsWith: string): Promise<string> {
  const s = await segmentOf(session, speaker, startsWith)
  const q = await session.client.call('quotes.create', {
    interviewId: s.interviewId,
    start: { segmentId: s.segmentId, offset: 0 },
    end: { segmentId: s.segmentId, offset: s.text.length },
    text: s.text,
    tagIds: []
  })
  return q.id
}

export async function person(session: Session, name: string) {
  const s = (await session.client.call('sources.list', {})).find((x) => x.name === name)
  if (!s) throw new Error(`no source ${name}`)
  return s
}

/**
 * The Riverton story as an article: Anna Lindqvist on the record, Joe Baptiste anonymous ("a site
 * foreman"), Pavel Orlov never confirmed; two claims with their evidence; two sections.
 */
export async function rivertonDraft(session: Session, extra: { prose?: string; blocks?: DraftBlock[]; title?: string } = {}) {
  const anna = await person(session, 'Anna Lindqvist')
  const joe = await person(session, 'Joe Baptiste')
  const sam = await person(session, 'Sam Okafor')
  await session.client.call('sources.update', { id: anna.id, patch: { naming: 'on-record', role: 'structural engineer' } })
  await session.client.call('sources.update', { id: joe.id, patch: { naming: 'anonymous', anonymousAs: 'a site foreman', aliases: ['J. Baptiste'] } })
  await session.client.call('sources.update', { id: sam.id, patch: { naming: 'on-record' } })
  const c1 = await session.client.call('claims.create', { text: 'About 40 workers were on the bridge when it collapsed on 12 March 2024' })
  for (const p of (await session.client.call('claims.propose', { claimId: c1.id })).proposals) {
    await session.client.call('claims.addEvidence', { claimId: c1.id, interviewId: p.interviewId, segmentId: p.segmentId, stance: p.stance })
  }
  const c2 = await session.client.call('claims.create', { text: 'The city paid 3.2 million for the repairs in 2023' })
  const q = {
    annaForty: await quoteOf(session, 'Anna Lindqvist', 'There were about forty'),
    annaMoney: await quoteOf(session, 'Anna Lindqvist', 'The city paid'),
    joeMoney: await quoteOf(session, 'Joe Baptiste', 'The city paid'),
    pavel: await quoteOf(session, 'Павел Орлов', 'Ремонт')
  }
  for (const id of [q.annaMoney, q.joeMoney]) {
    const quote = await session.client.call('quotes.get', { id })
    const claim = await session.client.call('claims.get', { id: c2.id })
    await session.client.call('claims.update', { id: c2.id, patch: { evidence: [...claim.evidence, { kind: 'quote', quoteId: quote.id, relation: 'supports' }] } })
  }
  const photo = await session.client.call('sources.create', { kind: 'document', name: 'The bridge after the collapse', documentType: 'photo', credit: 'Mira Holt / Riverton Ledger', naming: 'on-record' })
  const draft = await session.client.call('drafts.create', {
    title: extra.title ?? 'The bridge that fell',
    standfirst: 'Two years of repairs, one morning.',
    byline: 'Sam Okafor',
    editor: 'Lena Moretti',
    tags: ['Riverton', 'infrastructure'],
    sections: [
      {
        id: 'morning',
        heading: 'The morning it fell',
        blocks: [
          { type: 'prose', text: `About 40 workers were on the bridge when it collapsed on 12 March 2024. [[claim:${c1.id}]] Joe Baptiste watched from the east ramp.${extra.prose ? ` ${extra.prose}` : ''}` },
          { type: 'quote', quoteId: q.annaForty },
          { type: 'quote', quoteId: q.joeMoney, excerpt: 'The city paid 3.2 million. … I saw the invoice myself.' },
          ...(extra.blocks ?? [])
        ]
      },
      {
        id: 'money',
        heading: 'The money',
        blocks: [
          { type: 'prose', text: `The city paid 3.2 million for the repairs in 2023. [[claim:${c2.id}]]` },
          { type: 'quote', quoteId: q.annaMoney, excerpt: 'The city paid 3.2 million for the repairs in 2023' },
          { type: 'quote', quoteId: q.pavel },
          { type: 'image', path: 'images/bridge.jpg', caption: 'The east span, the day after.', sourceId: photo.id }
        ]
      }
    ]
  })
  return { draft, claims: { c1, c2 }, quotes: q, people: { anna, joe, sam } }
}
