import { describe, expect, it } from 'vitest'
import type { Draft, DraftSection, HouseStyle, Quote, Source } from '../../src/shared/model'
import {
  attributions,
  claimNumbers,
  contentOf,
  insertAt,
  moveBlock,
  parseTags,
  patchOf,
  quoteVerdict,
  refusalLines,
  splitClaimRefs,
  stepBlock
} from '../../src/renderer/src/stores/drafts-logic'

const at = '2024-04-02T10:00:00.000Z'
const style: HouseStyle = { quoteMarks: 'curly', dash: 'em', attributionVerb: 'says', laterMention: 'surname' }

function person(id: string, name: string, naming: Source['naming'], extra: Partial<Source> = {}): Source {
  return { id, kind: 'person', name, aliases: [], naming, consent: 'unknown', createdAt: at, updatedAt: at, ...extra }
}

function quote(id: string, text: string, sourceIds: string[], extra: Partial<Quote> = {}): Quote {
  return { id, interviewId: 'i1', start: { segmentId: 's1', offset: 0 }, end: { segmentId: 's1', offset: text.length }, text, tagIds: [], status: 'exact', spansOffRecord: false, sourceIds, createdAt: at, updatedAt: at, ...extra }
}

const sections = (): DraftSection[] => [
  { id: 'a', heading: 'One', blocks: [{ type: 'prose', text: 'a0' }, { type: 'prose', text: 'a1' }, { type: 'prose', text: 'a2' }] },
  { id: 'b', heading: 'Two', blocks: [{ type: 'prose', text: 'b0' }] }
]
const texts = (s: DraftSection[]): string[][] => s.map((x) => x.blocks.map((b) => (b.type === 'prose' ? b.text : b.type)))

describe('moving blocks', () => {
  it('drops a block before another in its own section, counting places as they were before the move', () => {
    const s = sections()
    expect(moveBlock(s, { sectionId: 'a', index: 0 }, { sectionId: 'a', index: 2 })).toEqual({ sectionId: 'a', index: 1 })
    expect(texts(s)).toEqual([['a1', 'a0', 'a2'], ['b0']])
  })

  it('treats a drop just before or after itself as no move', () => {
    const s = sections()
    expect(moveBlock(s, { sectionId: 'a', index: 1 }, { sectionId: 'a', index: 1 })).toBeNull()
    expect(moveBlock(s, { sectionId: 'a', index: 1 }, { sectionId: 'a', index: 2 })).toBeNull()
    expect(texts(s)).toEqual([['a0', 'a1', 'a2'], ['b0']])
  })

  it('moves a block into another section at the place named', () => {
    const s = sections()
    expect(moveBlock(s, { sectionId: 'a', index: 2 }, { sectionId: 'b', index: 0 })).toEqual({ sectionId: 'b', index: 0 })
    expect(texts(s)).toEqual([['a0', 'a1'], ['a2', 'b0']])
  })

  it('steps up and down with Alt+arrows, crossing into the next section at its edge, and stops at the ends', () => {
    const s = sections()
    expect(stepBlock(s, { sectionId: 'a', index: 2 }, 1)).toEqual({ sectionId: 'b', index: 0 })
    expect(stepBlock(s, { sectionId: 'b', index: 0 }, -1)).toEqual({ sectionId: 'a', index: 2 })
    expect(stepBlock(s, { sectionId: 'a', index: 1 }, -1)).toEqual({ sectionId: 'a', index: 0 })
    expect(texts(s)).toEqual([['a1', 'a0', 'a2'], ['b0']])
    expect(stepBlock(s, { sectionId: 'a', index: 0 }, -1)).toBeNull()
    expect(stepBlock(s, { sectionId: 'b', index: 0 }, 1)).toBeNull()
  })
})

describe('saving', () => {
  const draft = { title: 'T', tags: [], quoteStyle: 'block' as const, sections: sections() }

  it('sends only the fields that changed', () => {
    const now = contentOf(draft)
    now.sections[0]!.heading = 'Changed'
    now.byline = 'Sam'
    const { patch, titleMissing } = patchOf(contentOf(draft), now)
    expect(Object.keys(patch).sort()).toEqual(['byline', 'sections'])
    expect(titleMissing).toBe(false)
  })

  it('holds back an emptied title (a draft needs one) and says so, sending the rest', () => {
    const now = { ...contentOf(draft), title: '  ', standfirst: '' }
    const { patch, titleMissing } = patchOf({ ...contentOf(draft), standfirst: 'Was here' }, now)
    expect(patch).toEqual({ standfirst: '' })
    expect(titleMissing).toBe(true)
  })

  it('copies deeply: editing the copy leaves the saved content as it was', () => {
    const saved = contentOf(draft)
    const copy = contentOf(saved)
    copy.sections[0]!.blocks.pop()
    expect(saved.sections[0]!.blocks).toHaveLength(3)
  })

  it('reads tags from a comma-separated line, each once', () => {
    expect(parseTags(' bridge, city hall ,, bridge,Mostostroy ')).toEqual(['bridge', 'city hall', 'Mostostroy'])
  })
})

describe('claim references', () => {
  it('numbers claims in the order the export numbers its footnotes, skipping claims that are gone', () => {
    const d = {
      sections: [
        { id: 'a', heading: '', blocks: [{ type: 'prose' as const, text: 'One [[claim:c2]]. Two [[claim:gone]] and [[claim:c1]].' }] },
        { id: 'b', heading: '', blocks: [{ type: 'claim' as const, claimId: 'c3' }, { type: 'prose' as const, text: 'Again [[claim:c2]].' }] }
      ]
    }
    const n = claimNumbers(d, (id) => id !== 'gone')
    expect([...n]).toEqual([
      ['c2', 1],
      ['c1', 2],
      ['c3', 3]
    ])
  })

  it('splits prose text around references for the preview', () => {
    expect(splitClaimRefs('It fell [[claim:c1]]. So')).toEqual([
      { kind: 'text', text: 'It fell ' },
      { kind: 'claim', claimId: 'c1' },
      { kind: 'text', text: '. So' }
    ])
  })

  it('inserts a reference at the cursor with a space before it, and puts the cursor after it', () => {
    expect(insertAt('It fell.', 7, '[[claim:c1]]')).toEqual({ text: 'It fell [[claim:c1]].', cursor: 20 })
    expect(insertAt('It fell ', 8, '[[claim:c1]]')).toEqual({ text: 'It fell [[claim:c1]]', cursor: 20 })
  })
})

describe('attribution preview', () => {
  const anna = person('anna', 'Anna Lindqvist', 'on-record', { role: 'structural engineer' })
  const joe = person('joe', 'Joe Baptiste', 'anonymous', { anonymousAs: 'a site foreman' })
  const pavel = person('pavel', 'Pavel Orlov', 'unconfirmed')
  const quotes = new Map([
    ['q1', quote('q1', 'There were about forty workers on the deck when it fell.', ['anna'])],
    ['q2', quote('q2', 'The city paid 3.2 million.', ['joe'])],
    ['q3', quote('q3', 'For 3.2 million you would expect new bearings.', ['anna'])],
    ['q4', quote('q4', 'Мостострой получил контракт без тендера.', ['pavel'])]
  ])
  const draft: Pick<Draft, 'sections' | 'quoteStyle'> = {
    quoteStyle: 'block',
    sections: [
      { id: 'a', heading: '', blocks: [{ type: 'quote', quoteId: 'q1', excerpt: 'about forty workers … when it fell' }, { type: 'quote', quoteId: 'q2' }] },
      { id: 'b', heading: '', blocks: [{ type: 'quote', quoteId: 'q3' }, { type: 'quote', quoteId: 'q4' }] }
    ]
  }

  it('names a person in full with their role first, by surname after, and others by their description only', () => {
    const a = attributions(draft, quotes, [anna, joe, pavel], style)
    expect(a.get('a:0')?.printed).toEqual(['“about forty workers … when it fell”', '— Anna Lindqvist, a structural engineer'])
    expect(a.get('a:1')?.who).toBe('a site foreman')
    expect(a.get('a:1')?.people[0]?.heldBack).toBe(true)
    expect(a.get('b:0')?.who).toBe('Lindqvist')
    expect(a.get('b:1')?.who).toBe('a source who asked not to be named')
  })

  it('follows house style: first names later, said, straight marks, inline quotes', () => {
    const a = attributions({ ...draft, quoteStyle: 'inline' }, quotes, [anna, joe, pavel], { quoteMarks: 'straight', dash: 'en', attributionVerb: 'said', laterMention: 'first-name' })
    expect(a.get('a:0')?.printed).toEqual(['"about forty workers … when it fell," said Anna Lindqvist, a structural engineer.'])
    expect(a.get('b:0')?.printed).toEqual(['"For 3.2 million you would expect new bearings," said Anna.'])
  })

  it('counts a name written in prose as the first mention', () => {
    const withProse = { ...draft, sections: [{ id: 'p', heading: '', blocks: [{ type: 'prose' as const, text: 'Anna Lindqvist inspected it.' }] }, ...draft.sections] }
    expect(attributions(withProse, quotes, [anna, joe, pavel], style).get('a:0')?.who).toBe('Lindqvist')
  })
})

describe('quote verdict', () => {
  const q = quote('q', 'The city paid 3.2 million for the repairs in 2023, and Mostostroy did the work.', [])

  it('passes the words as said and a faithful trim, and names what is wrong with a bad one', () => {
    expect(quoteVerdict(q, undefined).kind).toBe('as-said')
    expect(quoteVerdict(q, 'The city paid 3.2 million … and Mostostroy did the work.').kind).toBe('faithful')
    const bad = quoteVerdict(q, 'The city paid 3.2 million and Mostostroy did the work.')
    expect(bad.kind).toBe('error')
    expect(bad.messages.join(' ')).toMatch(/without an ellipsis/)
    expect(quoteVerdict(q, 'The city paid 3 million').messages.join(' ')).toMatch(/“3” is not what was said/)
  })

  it('says when the quote is gone, changed in the transcript, or said off the record', () => {
    expect(quoteVerdict(undefined, undefined)).toMatchObject({ kind: 'error', missing: true })
    expect(quoteVerdict({ ...q, status: 'changed', currentText: 'x' }, undefined)).toMatchObject({ kind: 'error', changed: true })
    expect(quoteVerdict({ ...q, spansOffRecord: true }, undefined).offRecord).toBe(true)
  })
})

describe('a refused export', () => {
  const draft = { sections: [{ id: 'a', heading: 'The morning it fell', blocks: [] }, { id: 'b', heading: '', blocks: [] }] }

  it('ties each listed problem to the block it names', () => {
    const message = [
      'The draft “Bridge” was not exported:',
      '- integrity (“The morning it fell”, block 3): “3” is not what was said: the quote has “3.2” there.',
      '- leak (section 2, block 1): It would print “Mark Feld”, the name of a source who may not be named.',
      '- leak (the draft): It would print words said off the record.'
    ].join('\n')
    expect(refusalLines(message, draft)).toEqual([
      { kind: 'integrity', text: '“3” is not what was said: the quote has “3.2” there.', sectionId: 'a', blockIndex: 2 },
      { kind: 'leak', text: 'It would print “Mark Feld”, the name of a source who may not be named.', sectionId: 'b', blockIndex: 0 },
      { kind: 'leak', text: 'It would print words said off the record.' }
    ])
  })

  it('shows a message in another shape whole', () => {
    expect(refusalLines('The HTML page would reveal “x”.', draft)).toEqual([{ kind: 'refused', text: 'The HTML page would reveal “x”.' }])
  })
})
