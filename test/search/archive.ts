// A small archive from the story in shared/fixtures: the same people and words as the fixture
// interviews, as the importers will give them.
import { SearchIndex, type InterviewInput, type QuoteInput, type SegmentInput, type SourceInput, type TagInput } from '../../src/core/search'

export const interviews: Array<{ interview: InterviewInput; segments: SegmentInput[] }> = [
  {
    interview: { id: 'saule-bekova', title: 'Saule Bekova on state media', place: 'Almaty', notes: 'Recorded over a video call.' },
    segments: [
      { id: 's0', speaker: 'Lena Moretti', text: 'How did the big channels cover the invasion at first?' },
      { id: 's1', speaker: 'Saule Bekova', text: 'For a while they simply waited. Everyone was waiting for official permission to write about it.' },
      { id: 's2', speaker: 'Saule Bekova', text: 'The first pro-government channel to cover it regularly was Khabar, and the tone surprised a lot of people.', tagIds: ['t-state'] },
      { id: 's3', speaker: 'Lena Moretti', text: 'And the numbers from January?' },
      { id: 's4', speaker: 'Saule Bekova', text: 'They released 238 names in August. Many of us think the real toll is higher. And nearly three thousand foreign troops came in, whatever the official figure says.', tagIds: ['t-csto'] }
    ]
  },
  {
    interview: { id: 'olga-kravets', title: 'Ольга Кравец: редакция в первые дни', place: 'Алматы', notes: 'Заметки в Windows-1251.' },
    segments: [
      { id: 'o0', speaker: 'Лена Моретти', text: 'Как вы освещали первые дни?' },
      { id: 'o1', speaker: 'Ольга Кравец', text: 'Мы ждали, как и все. Ёлка в редакции так и стояла до марта.' },
      { id: 'o2', speaker: 'Ольга Кравец', text: 'Хабар первым стал давать регулярные сюжеты — очень сухие, без оценок.', tagIds: ['t-state'] },
      { id: 'o3', speaker: 'Ольга Кравец', text: 'Мы с первого дня называли это вторжением. «Страна-агрессор» — так и пишем.' }
    ]
  },
  {
    interview: { id: 'dana-kz', title: 'Дана Әбілқасымова, Алматы', place: 'Алматы' },
    segments: [
      { id: 'd0', speaker: 'Лена Моретти', text: 'Сіз қай жерде болдыңыз?' },
      { id: 'd1', speaker: 'Дана Әбілқасымова', text: 'Алаңда болдым. Адамдар бейбіт түрде жиналды, көңіл-күй мерекедей еді.' },
      { id: 'd2', speaker: 'Дана Әбілқасымова', text: 'Орманның ішіндегі алан тып-тыныш болды.' }
    ]
  },
  {
    interview: { id: 'marat-seitkali', title: 'Marat Seitkali, photographer', place: 'Kharkiv' },
    segments: [
      { id: 'm0', speaker: 'Lena Moretti', text: 'Where were you on the night of January fourth?' },
      { id: 'm1', speaker: 'Marat Seitkali', text: 'On the square, with my camera. Thousands of people had come, most of them unarmed.' },
      { id: 'm2', speaker: 'Marat Seitkali', text: 'By the sixth, about 2,500 CSTO troops had arrived. I am a Kazakh photographer, not a soldier.', tagIds: ['t-csto'] },
      { id: 'm3', speaker: 'Marat Seitkali', text: 'We drank coffee at a café near the square while the <b>shooting</b> went on & on.' }
    ]
  },
  {
    interview: { id: 'yerlan', title: 'Yerlan Dzhaksybekov, notes', place: 'Kyiv (phone)' },
    segments: [
      { id: 'y0', speaker: 'Yerlan Dzhaksybekov', text: 'Prosecutors are working on more than 300 torture cases.' },
      { id: 'y1', speaker: 'Yerlan Dzhaksybekov', text: 'One of the officers who gave the order in Almaty is now my neighbour’s cousin. Do not print this.', offRecord: true }
    ]
  }
]

export const sources: SourceInput[] = [
  { id: 'src-saule', name: 'Saule Bekova', role: 'political journalist', affiliation: 'independent' },
  { id: 'src-olga', name: 'Olga Kravets', role: 'editor', affiliation: 'Vlast.kz', notes: 'Speaks Russian; quotes need translation.' },
  { id: 'src-report', name: 'CSTO press release', role: 'official statement', notes: 'Gives the figure of 2,030 troops.' }
]

export const tags: TagInput[] = [
  { id: 't-state', name: 'state media' },
  { id: 't-conflict', name: 'conflict' },
  { id: 't-csto', name: 'conflict/CSTO' }
]

export const quotes: QuoteInput[] = [
  {
    id: 'q-khabar-en',
    interviewId: 'saule-bekova',
    start: { segmentId: 's2', offset: 0 },
    end: { segmentId: 's2', offset: 65 },
    text: 'The first pro-government channel to cover it regularly was Khabar',
    note: 'Corroborates Olga on Khabar going first.',
    tagIds: ['t-state']
  },
  {
    id: 'q-khabar-ru',
    interviewId: 'olga-kravets',
    start: { segmentId: 'o2', offset: 0 },
    end: { segmentId: 'o2', offset: 42 },
    text: 'Хабар первым стал давать регулярные сюжеты',
    tagIds: ['t-state']
  },
  {
    id: 'q-troops',
    interviewId: 'marat-seitkali',
    start: { segmentId: 'm2', offset: 14 },
    end: { segmentId: 'm2', offset: 49 },
    text: 'about 2,500 CSTO troops had arrived',
    note: 'Disputed: Saule says nearly three thousand.',
    tagIds: ['t-csto']
  }
]

/** What both the index and the reference (the old in-memory engine) accept. */
export interface Indexable {
  setTags(tags: readonly TagInput[]): void
  addInterview(interview: InterviewInput, segments: readonly SegmentInput[]): void
  upsertSource(source: SourceInput): void
  upsertQuote(quote: QuoteInput): void
}

export function buildIndex(): SearchIndex {
  return fill(new SearchIndex())
}

export function fill<T extends Indexable>(index: T): T {
  index.setTags(tags)
  for (const { interview, segments } of interviews) index.addInterview(interview, segments)
  for (const source of sources) index.upsertSource(source)
  for (const quote of quotes) index.upsertQuote(quote)
  return index
}
