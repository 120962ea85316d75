import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { SearchIndex, SearchIndexVersionError, type SearchHit } from '../../src/core/search'
import { tempDir } from '../support/temp'
import { buildIndex, fill, interviews, quotes } from './archive'

const ids = (hits: SearchHit[]): string[] => hits.map((h) => h.docId)
const sorted = (hits: SearchHit[]): string[] => ids(hits).sort()

describe('SearchIndex: words and folding', () => {
  const index = buildIndex()

  it('finds the Russian segment for Хабар, and the quote made from it', () => {
    const hits = index.search('Хабар')
    expect(sorted(hits)).toEqual(['quote:q-khabar-ru', 'seg:olga-kravets:o2'])
    const segment = hits.find((h) => h.kind === 'segment')
    expect(segment).toMatchObject({
      id: 'o2',
      interviewId: 'olga-kravets',
      interviewTitle: 'Ольга Кравец: редакция в первые дни',
      segmentIndex: 2,
      speaker: 'Ольга Кравец',
      text: 'Хабар первым стал давать регулярные сюжеты — очень сухие, без оценок.'
    })
  })

  it('matches regardless of case', () => {
    expect(sorted(index.search('хабар'))).toEqual(sorted(index.search('ХАБАР')))
  })

  it('does not transliterate: Khabar finds the English words only', () => {
    expect(sorted(index.search('Khabar '))).toEqual(['quote:q-khabar-en', 'seg:saule-bekova:s2'])
  })

  it('prefix-finds Kazakh from kazak while it is being typed, and not once it is finished', () => {
    expect(ids(index.search('kazak'))).toEqual(['seg:marat-seitkali:m2'])
    expect(index.search('kazak ')).toEqual([])
  })

  it('ignores accents: cafe finds café and highlights the accented word', () => {
    const [hit] = index.search('cafe ')
    expect(hit?.docId).toBe('seg:marat-seitkali:m3')
    const range = hit!.highlights[0]!
    expect(hit!.text.slice(range.start, range.end)).toBe('café')
  })

  it('reads ё as е', () => {
    expect(ids(index.search('елка '))).toEqual(['seg:olga-kravets:o1'])
  })

  it('keeps Kazakh ң apart from н: алан does not find алаң', () => {
    expect(ids(index.search('алан '))).toEqual(['seg:dana-kz:d2'])
    expect(ids(index.search('алаңда '))).toEqual(['seg:dana-kz:d1'])
    expect(ids(index.search('алаң'))).toEqual(['seg:dana-kz:d1'])
  })

  it('requires every word', () => {
    expect(ids(index.search('Khabar tone '))).toEqual(['seg:saule-bekova:s2'])
    expect(index.search('Khabar Almaty ')).toEqual([])
  })

  it('matches words in the speaker field together with the text', () => {
    expect(ids(index.search('Saule released '))).toEqual(['seg:saule-bekova:s4'])
  })

  it('finds sources by name, role and notes, and interviews by title and place', () => {
    expect(ids(index.search('political journalist'))).toEqual(['source:src-saule'])
    expect(ids(index.search('Kharkiv'))).toEqual(['interview:marat-seitkali'])
    const [hit] = index.search('translation')
    expect(hit).toMatchObject({ kind: 'source', id: 'src-olga', text: 'Olga Kravets', snippet: { field: 'notes', match: 'translation' } })
  })

  it('finds quotes by their note', () => {
    expect(ids(index.search('corroborates'))).toEqual(['quote:q-khabar-en'])
  })

  it('ranks best first and honours the limit', () => {
    const hits = index.search('the')
    expect(hits.length).toBeGreaterThan(3)
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score)
    expect(index.search('the', { limit: 2 })).toEqual(hits.slice(0, 2))
    expect(index.search('the', { limit: 0 })).toEqual([])
  })

  it('finds nothing for an empty or punctuation-only query', () => {
    expect(index.search('')).toEqual([])
    expect(index.search('  — ')).toEqual([])
  })
})

describe('SearchIndex: phrases', () => {
  const index = buildIndex()

  it('finds the words in that order only', () => {
    // Saule's words, and the note on Marat's quote that cites them.
    expect(sorted(index.search('"nearly three thousand"'))).toEqual(['quote:q-troops', 'seg:saule-bekova:s4'])
    expect(index.search('"three nearly thousand"')).toEqual([])
  })

  it('matches a phrase across punctuation and case, and highlights it whole', () => {
    const [hit] = index.search('"waited everyone was"')
    expect(hit?.docId).toBe('seg:saule-bekova:s1')
    expect(hit!.snippet.match).toBe('waited. Everyone was')
  })

  it('takes 2,500 typed as one word as a phrase', () => {
    expect(sorted(index.search('2,500 '))).toEqual(['quote:q-troops', 'seg:marat-seitkali:m2'])
    expect(index.search('500,2 ')).toEqual([])
  })

  it('finds a Russian phrase regardless of case and quote marks', () => {
    expect(sorted(index.search('"хабар первым стал"'))).toEqual(['quote:q-khabar-ru', 'seg:olga-kravets:o2'])
    expect(ids(index.search('«Страна-агрессор»'))).toEqual(['seg:olga-kravets:o3'])
  })

  it('completes the last word of an open phrase', () => {
    expect(ids(index.search('"people had co'))).toEqual(['seg:marat-seitkali:m1'])
    expect(index.search('"people had co"')).toEqual([])
  })

  it('does not join a phrase across two fields', () => {
    // "Bekova For" would only be a phrase if the speaker ran on into the text.
    expect(index.search('"Bekova for"')).toEqual([])
  })

  it('combines a phrase with other words', () => {
    expect(ids(index.search('"foreign troops" August'))).toEqual(['seg:saule-bekova:s4'])
  })
})

describe('SearchIndex: filters', () => {
  const index = buildIndex()

  it('restricts to a quoted speaker, for segments and for quotes spoken by them', () => {
    const hits = index.search('speaker:"Ольга Кравец" Хабар')
    expect(sorted(hits)).toEqual(['quote:q-khabar-ru', 'seg:olga-kravets:o2'])
    expect(hits.find((h) => h.kind === 'quote')?.speaker).toBe('Ольга Кравец')
    expect(index.search('speaker:"Лена Моретти" Хабар')).toEqual([])
  })

  it('matches a speaker by one of their names', () => {
    expect(sorted(index.search('speaker:Seitkali troops'))).toEqual(['quote:q-troops', 'seg:marat-seitkali:m2'])
  })

  it('restricts to a tag by name, including nested tags', () => {
    expect(sorted(index.search('tag:"state media" Khabar'))).toEqual(['quote:q-khabar-en', 'seg:saule-bekova:s2'])
    expect(sorted(index.search('tag:CSTO troops'))).toEqual(['quote:q-troops', 'seg:marat-seitkali:m2', 'seg:saule-bekova:s4'])
    expect(sorted(index.search('tag:conflict troops'))).toEqual(sorted(index.search('tag:CSTO troops')))
    expect(index.search('tag:nonexistent troops')).toEqual([])
  })

  it('restricts to an interview by id or by a word of its title', () => {
    expect(sorted(index.search('square '))).toEqual(['seg:marat-seitkali:m1', 'seg:marat-seitkali:m3'])
    expect(sorted(index.search('interview:marat-seitkali square '))).toEqual(['seg:marat-seitkali:m1', 'seg:marat-seitkali:m3'])
    expect(index.search('interview:saule-bekova square ')).toEqual([])
    const everywhere = index.search('the ')
    expect(new Set(everywhere.map((h) => h.interviewId)).size).toBeGreaterThan(2)
    const yerlanOnly = index.search('interview:yerlan the ')
    expect(yerlanOnly.length).toBeGreaterThan(0)
    expect(yerlanOnly.every((h) => h.interviewId === 'yerlan')).toBe(true)
    expect(ids(index.search('interview:photographer camera'))).toEqual(['seg:marat-seitkali:m1'])
    expect(index.search('interview:nobody camera')).toEqual([])
  })

  it('restricts to a kind', () => {
    expect(ids(index.search('kind:quote Khabar'))).toEqual(['quote:q-khabar-en'])
  })

  it('lists everything a filter allows, in archive order, when there are no words', () => {
    const hits = index.search('speaker:"Saule Bekova"')
    expect(ids(hits)).toEqual(['quote:q-khabar-en', 'seg:saule-bekova:s1', 'seg:saule-bekova:s2', 'seg:saule-bekova:s4'])
    expect(hits.every((h) => h.score === 0)).toBe(true)
    expect(ids(index.search('tag:conflict'))).toEqual(['quote:q-troops', 'seg:saule-bekova:s4', 'seg:marat-seitkali:m2'])
    expect(ids(index.search('interview:yerlan'))).toEqual(['interview:yerlan', 'seg:yerlan:y0', 'seg:yerlan:y1'])
    expect(ids(index.search('interview:yerlan', { limit: 2 }))).toEqual(['interview:yerlan', 'seg:yerlan:y0'])
  })

  it('uses a tag resolver when one is given', () => {
    const resolved = new SearchIndex({ resolveTags: (value) => (value === 'media' ? ['t-state'] : []) })
    for (const { interview, segments } of interviews) resolved.addInterview(interview, segments)
    expect(ids(resolved.search('tag:media'))).toEqual(['seg:saule-bekova:s2', 'seg:olga-kravets:o2'])
  })
})

describe('SearchIndex: hits', () => {
  const index = buildIndex()

  it('gives plain-text snippets, never markup', () => {
    const [hit] = index.search('shooting')
    expect(hit?.snippet).toEqual({ field: 'text', before: 'We drank coffee at a café near the square while the <b>', match: 'shooting', after: '</b> went on & on.' })
  })

  it('cuts long text around the match and marks what was left out', () => {
    const long = new SearchIndex()
    const filler = 'word '.repeat(60)
    long.addInterview({ id: 'i', title: 'Long' }, [{ id: 'a', speaker: 'X', text: `${filler}needle ${filler}` }])
    const [hit] = long.search('needle')
    expect(hit!.snippet.match).toBe('needle')
    expect(hit!.snippet.before.startsWith('…')).toBe(true)
    expect(hit!.snippet.after.endsWith('…')).toBe(true)
    expect(hit!.snippet.before.length).toBeLessThan(100)
  })

  it('marks segments said off the record', () => {
    const [hit] = index.search('neighbour')
    expect(hit).toMatchObject({ docId: 'seg:yerlan:y1', offRecord: true })
    expect(index.search('torture')[0]?.offRecord).toBeUndefined()
  })
})

describe('SearchIndex: keeping up with edits', () => {
  it('removing an interview removes its segments, its own hit and its quotes', () => {
    const index = buildIndex()
    expect(index.search('Хабар')).toHaveLength(2)
    index.removeInterview('olga-kravets')
    expect(index.search('Хабар')).toEqual([])
    expect(index.search('редакция')).toEqual([])
    expect(index.search('speaker:"Ольга Кравец"')).toEqual([])
    expect(index.search('tag:"state media"').map((h) => h.docId)).toEqual(['quote:q-khabar-en', 'seg:saule-bekova:s2'])
    expect(sorted(index.search('Khabar'))).toEqual(['quote:q-khabar-en', 'seg:saule-bekova:s2'])
  })

  it('replacing segments re-indexes changed words and renumbers segments', () => {
    const index = buildIndex()
    const saule = interviews[0]!
    const segments = [
      { id: 'new', speaker: 'Lena Moretti', text: 'Shall we start?' },
      ...saule.segments.map((s) => (s.id === 's2' ? { ...s, text: s.text.replace('Khabar', 'Habar') } : s))
    ]
    index.replaceSegments('saule-bekova', segments)
    expect(ids(index.search('Khabar '))).toEqual(['quote:q-khabar-en'])
    expect(index.search('Habar ')[0]).toMatchObject({ docId: 'seg:saule-bekova:s2', segmentIndex: 3 })
    expect(index.search('start')[0]).toMatchObject({ docId: 'seg:saule-bekova:new', segmentIndex: 0 })
  })

  it('replacing segments drops segments that are gone and their tags', () => {
    const index = buildIndex()
    index.replaceSegments('marat-seitkali', interviews[3]!.segments.filter((s) => s.id !== 'm2'))
    expect(ids(index.search('tag:CSTO'))).toEqual(['quote:q-troops', 'seg:saule-bekova:s4'])
    expect(ids(index.search('unarmed'))).toEqual(['seg:marat-seitkali:m1'])
    expect(index.search('soldier')).toEqual([])
  })

  it('updating one segment changes its words, speaker and tags', () => {
    const index = buildIndex()
    index.updateSegment('dana-kz', { id: 'd2', speaker: 'Лена Моретти', text: 'Рахмет!', tagIds: ['t-conflict'] })
    expect(index.search('тып')).toEqual([])
    expect(index.search('рахмет')[0]).toMatchObject({ speaker: 'Лена Моретти', segmentIndex: 2 })
    expect(ids(index.search('tag:conflict kind:segment interview:dana-kz'))).toEqual(['seg:dana-kz:d2'])
    index.removeSegment('dana-kz', 'd2')
    expect(index.search('рахмет')).toEqual([])
  })

  it('updating a quote replaces its note and tags; removing it removes it', () => {
    const index = buildIndex()
    index.upsertQuote({ ...quotes[0]!, note: 'Check with the Khabar archive.', tagIds: [] })
    expect(index.search('corroborates')).toEqual([])
    expect(ids(index.search('archive'))).toEqual(['quote:q-khabar-en'])
    expect(ids(index.search('tag:"state media" kind:quote'))).toEqual(['quote:q-khabar-ru'])
    index.removeQuote('q-khabar-en')
    expect(index.search('archive')).toEqual([])
  })

  it('updating an interview’s title changes title search and the title on hits', () => {
    const index = buildIndex()
    index.updateInterview({ id: 'marat-seitkali', title: 'Marat Seitkali in Kharkiv' })
    expect(index.search('photographer ').map((h) => h.docId)).toEqual(['seg:marat-seitkali:m2'])
    expect(index.search('unarmed')[0]?.interviewTitle).toBe('Marat Seitkali in Kharkiv')
    expect(ids(index.search('squa')).includes('seg:marat-seitkali:m1')).toBe(true)
  })

  it('re-adding an interview replaces its transcript without losing its quotes', () => {
    const index = buildIndex()
    const marat = interviews[3]!
    index.addInterview(marat.interview, marat.segments.slice(0, 2))
    expect(index.search('soldier')).toEqual([])
    expect(ids(index.search('troops arrived'))).toEqual(['quote:q-troops'])
  })

  it('removing a source removes it', () => {
    const index = buildIndex()
    index.removeSource('src-report')
    expect(index.search('press release')).toEqual([])
  })
})

describe('SearchIndex: on disk', () => {
  const queries = [
    'Хабар', 'kazak', 'cafe', '"nearly three thousand"', 'speaker:"Ольга Кравец"', 'tag:conflict', 'tag:CSTO troops',
    'interview:photographer', 'the', 'алаң', 'kind:source', '2,500', 'translation'
  ]
  const fileIn = async (): Promise<string> => join(await tempDir(), 'search.sqlite')

  it('answers every query identically after closing and opening again', async () => {
    const file = await fileIn()
    const index = fill(SearchIndex.open(file))
    index.removeSource('src-report')
    index.updateSegment('dana-kz', { id: 'd2', speaker: 'Лена Моретти', text: 'Рахмет!' })
    const before = [...queries, 'рахмет', 'press'].map((q) => index.search(q))
    const count = index.documentCount
    index.close()
    const loaded = SearchIndex.open(file)
    expect([...queries, 'рахмет', 'press'].map((q) => loaded.search(q))).toEqual(before)
    expect(loaded.documentCount).toBe(count)
    expect(loaded.search('рахмет')).toHaveLength(1)
    loaded.close()
  })

  it('keeps working for edits after opening again', async () => {
    const file = await fileIn()
    fill(SearchIndex.open(file)).close()
    const loaded = SearchIndex.open(file)
    loaded.removeInterview('olga-kravets')
    expect(loaded.search('Хабар')).toEqual([])
    loaded.addInterview({ id: 'new', title: 'New' }, [{ id: 'a', speaker: 'X', text: 'Хабар again' }])
    expect(ids(loaded.search('Хабар'))).toEqual(['seg:new:a'])
    loaded.close()
    const again = SearchIndex.open(file)
    expect(ids(again.search('Хабар'))).toEqual(['seg:new:a'])
    again.close()
  })

  it('takes back every change of a batch that fails part way', async () => {
    const index = fill(SearchIndex.open(await fileIn()))
    expect(() =>
      index.batch(() => {
        index.removeInterview('olga-kravets')
        index.addInterview({ id: 'new', title: 'New' }, [{ id: 'a', speaker: 'X', text: 'Хабар again' }])
        throw new Error('the save failed')
      })
    ).toThrow('the save failed')
    expect(sorted(index.search('Хабар'))).toEqual(['quote:q-khabar-ru', 'seg:olga-kravets:o2'])
    expect(index.search('again')).toEqual([])
    index.addInterview({ id: 'late', title: 'Late' }, [{ id: 'a', speaker: 'X', text: 'Хабар at last' }])
    expect(sorted(index.search('Хабар'))).toEqual(['quote:q-khabar-ru', 'seg:late:a', 'seg:olga-kravets:o2'])
    index.close()
  })

  it('starts afresh on a file of another format or folding, and refuses it read-only so the caller builds elsewhere', async () => {
    const file = await fileIn()
    fill(SearchIndex.open(file)).close()
    const db = new Database(file)
    db.prepare("UPDATE meta SET value = '-1' WHERE key = 'foldVersion'").run()
    db.close()
    expect(() => SearchIndex.open(file, { readonly: true })).toThrow(SearchIndexVersionError)
    const reopened = SearchIndex.open(file)
    expect(reopened.documentCount).toBe(0)
    expect(reopened.search('Хабар')).toEqual([])
    reopened.close()
  })

  it('starts afresh on a file SQLite cannot read', async () => {
    const file = await fileIn()
    await writeFile(file, 'this is not a database, it was damaged '.repeat(200))
    const index = SearchIndex.open(file)
    expect(index.documentCount).toBe(0)
    fill(index)
    expect(index.search('Хабар')).toHaveLength(2)
    index.close()
  })
})
