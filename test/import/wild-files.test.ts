// Files from the wild, one class each (issue 10): rolling auto-captions, OHMS exports of every
// version and their markup, CSV columns found by what they hold, Kazakh and Russian header keys,
// damaged Word documents. The fixture folders (fixtures.test.ts) show the same classes whole.
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import { parseNotes } from '../../src/core/import/notes'
import { parseOhms } from '../../src/core/import/ohms'
import { parseWebVtt } from '../../src/core/import/webvtt'
import { zip } from './helpers/docx-builder'
import { importErrorOf } from './helpers/invariants'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const rows = (r: { segments: { speaker: string; text: string; startSeconds: number | null }[] }): [string, string, number | null][] =>
  r.segments.map((s) => [s.speaker, s.text, s.startSeconds])

describe('rolling auto-captions', () => {
  it('keeps each spoken line once, in order, at the time it was first shown', () => {
    const vtt = [
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:03.000',
      ' ',
      'the<00:00:01.400><c> river</c><00:00:01.900><c> rose</c>',
      '',
      '00:00:03.000 --> 00:00:03.010',
      'the river rose',
      ' ',
      '',
      '00:00:03.010 --> 00:00:05.000',
      'the river rose',
      'at<00:00:03.500><c> night</c>',
      '',
      '00:00:05.000 --> 00:00:07.000',
      'at night',
      'and<00:00:05.600><c> nobody</c><00:00:06.000><c> slept</c>'
    ].join('\n')
    const r = parseWebVtt(vtt)
    expect(rows(r)).toEqual([
      ['', 'the river rose', 1],
      ['', 'at night', 3.01],
      ['', 'and nobody slept', 5]
    ])
  })

  it('keeps only the new words of a line that grows from one cue to the next', () => {
    const vtt = ['WEBVTT', '', '00:01.000 --> 00:02.000', 'we went', '', '00:02.000 --> 00:03.000', 'we went to the square', '', '00:03.000 --> 00:04.000', 'we went to the square', 'at dawn'].join('\n')
    expect(parseWebVtt(vtt).segments.map((s) => s.text)).toEqual(['we went', 'to the square', 'at dawn'])
  })

  it('leaves ordinary captions alone, even when one line happens to repeat', () => {
    const vtt = ['WEBVTT', '', '00:01.000 --> 00:02.000', '<v A>Yes.', '', '00:02.000 --> 00:03.000', '<v B>Yes.', '', '00:03.000 --> 00:04.000', '<v A>Then we left.'].join('\n')
    expect(rows(parseWebVtt(vtt))).toEqual([
      ['A', 'Yes.', 1],
      ['B', 'Yes.', 2],
      ['A', 'Then we left.', 3]
    ])
  })
})

const record = (inner: string): string => `<?xml version="1.0"?><ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record id="1"><title>T</title>${inner}</record></ROOT>`

describe('OHMS exports of every version', () => {
  it('reads a version 6 <vtt_transcript> with voices and times', () => {
    const vtt = 'WEBVTT\n\n00:00:01.000 --&gt; 00:00:04.000\n&lt;v Lena Moretti&gt;Where were you?\n\n00:00:04.000 --&gt; 00:00:09.000\n&lt;v Serik Abenov&gt;At the station.'
    const r = parseOhms(record(`<version>6</version><transcript/><vtt_transcript>${vtt}</vtt_transcript>`))
    expect(rows(r)).toEqual([
      ['Lena Moretti', 'Where were you?', 1],
      ['Serik Abenov', 'At the station.', 4]
    ])
  })

  it('reads CDATA in <vtt_transcript> as written', () => {
    const r = parseOhms(record('<vtt_transcript><![CDATA[WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>One & two.]]></vtt_transcript>'))
    expect(rows(r)).toEqual([['A', 'One & two.', 1]])
  })

  it('does not take a heading (APPENDIX, INDEX:, a title in capitals) for a speaker, nor give it to the last one', () => {
    const transcript = ['SMITH: We drove north.', '', 'PART TWO: THE RETURN', '', 'THE ROAD HOME', '', 'SMITH: Then we came back.', '', 'SMITH: NO.', '', 'INDEX:', '', 'Almaty, 4', '', '[LAUGHTER]'].join('\n')
    const r = parseOhms(record(`<transcript>${transcript}</transcript>`))
    expect(rows(r)).toEqual([
      ['Smith', 'We drove north.', null],
      ['', 'PART TWO: THE RETURN', null],
      ['', 'THE ROAD HOME', null],
      ['Smith', 'Then we came back.', null],
      ['Smith', 'NO.', null],
      ['', 'INDEX:', null],
      ['', 'Almaty, 4', null],
      ['', '[LAUGHTER]', null]
    ])
  })
})

describe('OHMS inline markup', () => {
  it('turns footnote references into [n] and keeps the notes with the interview, in both kinds of transcript', () => {
    const notes = '[[footnotes]]\n[[note]]First note.[[/note]]\n[[note]]Second\nnote.[[/note]]\n[[/footnotes]]'
    const legacy = parseOhms(record(`<transcript>SMITH: One.[[footnote]]1[[/footnote]] Two.[[footnote]] 2 [[/footnote]]\n\n${notes}</transcript>`))
    expect(legacy.segments.map((s) => s.text)).toEqual(['One.[1] Two.[2]'])
    expect(legacy.metadata.notes).toBe('Footnote 1: First note.\nFootnote 2: Second note.')
    const vtt = parseOhms(record(`<vtt_transcript>WEBVTT\n\n00:01.000 --&gt; 00:02.000\n&lt;v A&gt;One.[[footnote]]1[[/footnote]]\n\nNOTE\n${notes}</vtt_transcript>`))
    expect(vtt.segments.map((s) => s.text)).toEqual(['One.[1]'])
    expect(vtt.metadata.notes).toContain('Footnote 2: Second note.')
  })

  it('keeps markup that does not pair up as written, never half of it', () => {
    const r = parseOhms(record('<transcript>SMITH: A stray [[footnote]]3 with no end, and a stray [[/footnote]] too.</transcript>'))
    expect(r.segments[0]?.text).toBe('A stray [[footnote]]3 with no end, and a stray [[/footnote]] too.')
  })
})

describe('CSV columns found by what they hold', () => {
  it('imports a CSV whose time column has a blank header, keeping every turn time', async () => {
    const csv = ' ,speaker,words\n[00:00:05],AB,First.\n[00:01:10],CD,Second.\n'
    const r = await parseInterviewFile('x.csv', text(csv))
    expect(rows(r)).toEqual([
      ['AB', 'First.', 5],
      ['CD', 'Second.', 70]
    ])
  })
})

describe('metadata keys in Kazakh and Russian', () => {
  it.each([
    ['Kazakh', 'Сұхбат: Асель Нұрланқызы\nСұхбаттасушы: Лена Моретти\nКүні: 2023 жылғы 14 наурыз\nОрны: Алматы\n\nС: Қайда болдыңыз?\nЖ: Алаңда.\n'],
    ['Russian', 'Интервью: Асель Нурланкызы\nИнтервьюер: Лена Моретти\nДата: 14 марта 2023\nМесто: Алматы\n\nВ: Где вы были?\nО: На площади.\n'],
    ['Russian, longer keys', 'Интервью: Асель Нурланкызы\nБеседу вела: Лена Моретти\nДата записи: 14.03.2023\nМесто записи: Алматы\n\nВ: Где вы были?\nО: На площади.\n']
  ])('%s keys are details of the interview, not turns', (_language, notes) => {
    const r = parseNotes(notes)
    expect(r.metadata).toMatchObject({ interviewer: 'Лена Моретти', date: '2023-03-14', place: 'Алматы' })
    expect(r.segments).toHaveLength(2)
    expect(r.segments[0]?.speaker).toBe('Лена Моретти')
  })

  it('reads a detail written after the first turn as a detail too', () => {
    const r = parseNotes('С: Қайда болдыңыз?\nЖ: Алаңда.\nКүні: 2023 жылғы 14 наурыз\nОрны: Алматы\nС: Содан кейін?\n')
    expect(r.metadata).toMatchObject({ date: '2023-03-14', place: 'Алматы' })
    expect(r.segments.map((s) => s.text)).toEqual(['Қайда болдыңыз?', 'Алаңда.', 'Содан кейін?'])
  })
})

describe('a damaged Word document', () => {
  it.each([
    ['text saved under a .docx name', text('LENA: Hello.\nMARAT: Hi.\n')],
    ['a ZIP with no document in it', zip({ '[Content_Types].xml': '<Types/>', 'notes.txt': 'LENA: Hello.' })],
    ['a .docx cut short', zip({ 'word/document.xml': '<w:document/>' }).slice(0, 40)],
    ['random bytes', new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 37) % 256))]
  ])('%s fails as a damaged Word document, never as plain text', async (_what, bytes) => {
    const e = await importErrorOf(() => parseInterviewFile('interview.docx', bytes))
    expect(e.message).toMatch(/damaged Word document/)
  })
})
