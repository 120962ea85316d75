// Edge cases of each format, beyond what the shared fixtures show.
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import { parseNotes } from '../../src/core/import/notes'
import { parseOtter } from '../../src/core/import/otter'
import { parseSrt } from '../../src/core/import/srt'
import { parseWebVtt } from '../../src/core/import/webvtt'
import { docx, docxWithBody } from './helpers/docx-builder'
import { importErrorOf } from './helpers/invariants'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const speakersOf = (r: { segments: { speaker: string }[] }): string[] => r.segments.map((s) => s.speaker)
const textsOf = (r: { segments: { text: string }[] }): string[] => r.segments.map((s) => s.text)

describe('WebVTT', () => {
  it('splits a cue with two voices, keeps class names out of speakers, strips every kind of markup', () => {
    const r = parseWebVtt(
      [
        'WEBVTT - interview',
        '',
        'REGION',
        'id:left width:40%',
        '',
        '1',
        '01:02:03.250 --> 01:02:05.000 line:0 position:20%',
        '<v.loud Saule Bekova>It was <c.yellow>Khabar</c>.</v><v Lena Moretti>Really?</v>',
        '',
        '00:02.000 --> 00:03.000',
        'And <b>then</b> <00:02.500>it &lt;stopped&gt;&nbsp;cold.'
      ].join('\n')
    )
    expect(r.segments).toEqual([
      { speaker: 'Saule Bekova', text: 'It was Khabar.', startSeconds: 3723.25, endSeconds: 3725, offRecord: false, tags: [] },
      { speaker: 'Lena Moretti', text: 'Really?', startSeconds: 3723.25, endSeconds: 3725, offRecord: false, tags: [] },
      { speaker: 'Lena Moretti', text: 'And then it <stopped>\u00a0cold.', startSeconds: 2, endSeconds: 3, offRecord: false, tags: [] }
    ])
    // The REGION block is a block to skip, not stray text to warn about.
    expect(r.warnings).toEqual([])
  })

  it('warns about text that stands outside any cue', () => {
    const r = parseWebVtt('WEBVTT\n\nstray words here\n\n00:01.000 --> 00:02.000\n<v A>One.')
    expect(r.warnings).toEqual(['Line 3: text outside any cue was left out ("stray words here").'])
  })

  it('reads a name written in the caption text when there are no voice tags', () => {
    const r = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nLENA MORETTI: Hello.\n\n00:02.000 --> 00:03.000\nAnd welcome.')
    expect(speakersOf(r)).toEqual(['Lena Moretti', 'Lena Moretti'])
    expect(textsOf(r)).toEqual(['Hello.', 'And welcome.'])
  })

  it('starts a new cue at a timing line even without the blank line before it', () => {
    const r = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\n<v A>One.\n00:02.000 --> 00:03.000\n<v B>Two.')
    expect(textsOf(r)).toEqual(['One.', 'Two.'])
    expect(r.segments[1]?.startSeconds).toBe(2)
  })

  it('takes the interviewee and interviewer from a NOTE that names them', () => {
    const withByline = parseWebVtt('WEBVTT\n\nNOTE\nAnna Lindqvist, structural engineer, interviewed by Sam Okafor, 2 April 2024.\n\n00:01.000 --> 00:02.000\n<v Sam Okafor>Hello.')
    expect(withByline.metadata).toMatchObject({ interviewee: 'Anna Lindqvist', interviewer: 'Sam Okafor' })
    const withTitle = parseWebVtt('WEBVTT\n\nNOTE Interview with Marat Seitkali, photojournalist\n\n00:01.000 --> 00:02.000\n<v A>Hello.')
    expect(withTitle.metadata.interviewee).toBe('Marat Seitkali')
    // A note about something else names nobody.
    expect(parseWebVtt('WEBVTT\n\nNOTE checked, corrected by hand\n\n00:01.000 --> 00:02.000\n<v A>Hello.').metadata.interviewee).toBeUndefined()
  })

  it('reads a .vtt without its header, with a warning', async () => {
    const r = await parseInterviewFile('x.vtt', text('00:01.000 --> 00:02.000\n<v A>One.'))
    expect(r.format).toBe('webvtt')
    expect(r.warnings.join(' ')).toMatch(/WEBVTT/)
  })
})

describe('SRT', () => {
  it('handles missing cue numbers, dot decimals, tags, positioning codes and mixed-case labels', () => {
    const r = parseSrt(
      [
        '00:00:01.000 --> 00:00:02.000',
        '{\\an8}<i>Saule Bekova:</i> It was <font color="#fff">Khabar</font>.',
        '',
        '2',
        '00:00:02,000 --> 00:00:03,000 X1:10 X2:20 Y1:1 Y2:2',
        '>> LENA MORETTI: Really?',
        '',
        '3',
        '00:00:03,000 --> 00:00:04,000',
        'Yes.'
      ].join('\n')
    )
    expect(speakersOf(r)).toEqual(['Saule Bekova', 'Lena Moretti', 'Lena Moretti'])
    expect(textsOf(r)).toEqual(['It was Khabar.', 'Really?', 'Yes.'])
    expect(r.segments[1]?.startSeconds).toBe(2)
  })

  it('reads WebVTT voice tags in a file without the WEBVTT header', async () => {
    const r = await parseInterviewFile('captions.txt', text('00:00:01.000 --> 00:00:02.000\n<v Lena Moretti>Hello.\n\n00:00:02.000 --> 00:00:03.000\n<v.loud Saule Bekova>Hi.'))
    expect(r.format).toBe('srt')
    expect(speakersOf(r)).toEqual(['Lena Moretti', 'Saule Bekova'])
    expect(textsOf(r)).toEqual(['Hello.', 'Hi.'])
  })

  it('adds a stray paragraph (a blank line inside a cue) to the cue before it, and says so', () => {
    const r = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nSAULE: First half\n\nsecond half.\n\n2\n00:00:02,000 --> 00:00:03,000\nLENA: Next.')
    expect(textsOf(r)).toEqual(['First half second half.', 'Next.'])
    expect(r.warnings.join(' ')).toMatch(/without a timing line/)
  })

  it('does not take a sentence with a colon for a speaker', () => {
    const r = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nSAULE: Hi.\n\n2\n00:00:02,000 --> 00:00:03,000\nThe answer was simple: no.')
    expect(speakersOf(r)).toEqual(['Saule', 'Saule'])
    expect(textsOf(r)[1]).toBe('The answer was simple: no.')
  })
})

describe('Otter exports', () => {
  it('reads a title line, hour-long times, several paragraphs under one speaker, and skips the footer', () => {
    const r = parseOtter(
      [
        'Interview with Aigul Nurpeisova',
        '',
        'Speaker 1  0:02',
        'Hello.',
        '',
        'Aigul Nurpeisova  1:02:03',
        'First paragraph,',
        'wrapped.',
        '',
        'Second paragraph.',
        '',
        'Transcribed by https://otter.ai'
      ].join('\n')
    )
    expect(r.metadata.title).toBe('Interview with Aigul Nurpeisova')
    expect(r.metadata.interviewee).toBe('Aigul Nurpeisova')
    expect(r.segments.map((s) => [s.speaker, s.text, s.startSeconds])).toEqual([
      ['Speaker 1', 'Hello.', 2],
      ['Aigul Nurpeisova', 'First paragraph, wrapped.', 3723],
      ['Aigul Nurpeisova', 'Second paragraph.', null]
    ])
  })
})

describe('typed notes', () => {
  it('keeps an off-the-record passage that spans several turns off the record, markers inline or alone', () => {
    const r = parseNotes(
      [
        '# Notes: Yerlan Dzhaksybekov',
        'Interviewer: Lena Moretti',
        '',
        'Q: On the record?',
        'A: Yes. [off the record] Not this part.',
        'Q: Understood.',
        'A: Nor this. [/off the record] But this is fine. [00:05:00]',
        '',
        '[off the record]',
        'A: A secret.',
        '[/off the record]'
      ].join('\n')
    )
    expect(r.segments.map((s) => [s.speaker, s.text, s.offRecord])).toEqual([
      ['Lena Moretti', 'On the record?', false],
      ['Yerlan Dzhaksybekov', 'Yes.', false],
      ['Yerlan Dzhaksybekov', 'Not this part.', true],
      ['Lena Moretti', 'Understood.', true],
      ['Yerlan Dzhaksybekov', 'Nor this.', true],
      ['Yerlan Dzhaksybekov', 'But this is fine.', false],
      ['Yerlan Dzhaksybekov', 'A secret.', true]
    ])
    expect(r.segments[4]?.startSeconds).toBe(300)
    expect(r.warnings).toEqual([])
  })

  it('keeps everything after an unclosed marker off the record, with a warning', () => {
    const r = parseNotes('Q: One?\nA: Two.\n[не для печати]\nA: Three.\n\nQ: Four?')
    expect(r.segments.map((s) => s.offRecord)).toEqual([false, false, true, true])
    expect(r.warnings.join(' ')).toMatch(/never closed/)
  })

  it('warns when a passage is closed that was never opened, and keeps a second title in the notes', () => {
    const r = parseNotes('Title: First\nTitle: Second\n\nQ: One?\nA: Two. [/off the record]')
    expect(r.metadata.title).toBe('First')
    expect(r.metadata.notes).toBe('Title: Second')
    expect(r.warnings.join(' ')).toMatch(/closes an off-the-record passage that was never opened/)
  })

  it('reads Russian and Kazakh headers and Q/A forms, and normalises dates', () => {
    const ru = parseNotes('Интервью: Ольга Кравец\nДата: 2 апреля 2023 г.\nМесто: Алматы\nИнтервьюер: Лена Моретти\n\nВ: Когда?\nО: Через неделю.')
    expect(ru.metadata).toMatchObject({ date: '2023-04-02', place: 'Алматы', interviewer: 'Лена Моретти', interviewee: 'Ольга Кравец' })
    expect(speakersOf(ru)).toEqual(['Лена Моретти', 'Ольга Кравец'])
    const kz = parseNotes('Сұхбат: Дана Әбілқасымова\nКүні: 2023 жылғы 5 сәуір\nОрны: Алматы\n\nС: Қайда болдыңыз?\nЖ: Алаңда.')
    expect(kz.metadata).toMatchObject({ date: '2023-04-05', place: 'Алматы', interviewee: 'Дана Әбілқасымова' })
    expect(speakersOf(kz)).toEqual(['С', 'Дана Әбілқасымова'])
    expect(kz.warnings.join(' ')).toMatch(/could not be named/)
  })

  it('reads Markdown bold labels, labels with times, wrapped lines and a label alone on its line', () => {
    const r = parseNotes(
      [
        '**Date:** 20 March 2023',
        '',
        '**Lena Moretti:** First question,',
        'wrapped onto a second line.',
        '',
        'Saule Bekova (00:01:05): An answer.',
        '[00:02:00] Lena Moretti: Next.',
        'SAULE BEKOVA:',
        'The answer on the next line.',
        '',
        'A paragraph with no label continues Saule.',
        'Note: the line dropped here.'
      ].join('\n')
    )
    expect(r.metadata.date).toBe('2023-03-20')
    expect(r.segments.map((s) => [s.speaker, s.text, s.startSeconds])).toEqual([
      ['Lena Moretti', 'First question, wrapped onto a second line.', null],
      ['Saule Bekova', 'An answer.', 65],
      ['Lena Moretti', 'Next.', 120],
      ['Saule Bekova', 'The answer on the next line.', null],
      ['Saule Bekova', 'A paragraph with no label continues Saule.', null]
    ])
    expect(r.metadata.notes).toContain('Note: the line dropped here.')
  })

  it('does not read a first question as the interviewer’s name', () => {
    const r = parseNotes('Interviewer: How did it start?\nSaule Bekova: Slowly.')
    expect(r.metadata.interviewer).toBeUndefined()
    expect(speakersOf(r)).toEqual(['Interviewer', 'Saule Bekova'])
  })
})

describe('Word documents', () => {
  it('takes a bold label even when it is not a name, and mixed-case names without bold', async () => {
    const r = await parseInterviewFile(
      'x.docx',
      docx([
        { runs: [{ text: 'Interview with Saule Bekova', bold: true }] },
        'Interviewer: Lena Moretti',
        { runs: [{ text: 'Speaker one:', bold: true }, { text: ' Hello.' }] },
        'Saule Bekova: Hi there.',
        'Continuing without a label.'
      ])
    )
    expect(r.format).toBe('docx')
    expect(r.metadata).toMatchObject({ title: 'Interview with Saule Bekova', interviewer: 'Lena Moretti', interviewee: 'Saule Bekova' })
    expect(r.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Speaker one', 'Hello.'],
      ['Saule Bekova', 'Hi there.'],
      ['Saule Bekova', 'Continuing without a label.']
    ])
  })

  it('keeps a plain first paragraph as description only; a bold or heading one also names the interview', async () => {
    const r = await parseInterviewFile('x.docx', docx(['Recorded in Almaty on 10.04.2023.', 'LENA MORETTI: Hello.']))
    expect(r.metadata.title).toBeUndefined()
    expect(r.metadata.notes).toBe('Recorded in Almaty on 10.04.2023.')
    expect(r.metadata.date).toBe('2023-04-10')
    expect(r.segments.map((s) => [s.speaker, s.text])).toEqual([['Lena Moretti', 'Hello.']])
  })

  it('reads a transcript laid out as a table of speaker, time and text', async () => {
    const r = await parseInterviewFile(
      'x.docx',
      docx([
        { runs: [{ text: 'Transcript', bold: false }], style: 'Heading1' },
        {
          table: [
            ['Speaker', 'Time', 'Text'],
            ['Lena Moretti', '00:00:05', 'Where were you?'],
            ['Saule Bekova', '00:00:09', 'At home.']
          ]
        }
      ])
    )
    expect(r.metadata.title).toBe('Transcript')
    expect(r.segments.map((s) => [s.speaker, s.text, s.startSeconds])).toEqual([
      ['Lena Moretti', 'Where were you?', 5],
      ['Saule Bekova', 'At home.', 9]
    ])
  })

  it('keeps a document with no labels as unlabelled paragraphs, and honours off-the-record markers there too', async () => {
    const r = await parseInterviewFile('x.docx', docx(['First paragraph.', '[off the record] Second paragraph. [/off the record]', 'Third.']))
    expect(r.segments.map((s) => [s.speaker, s.text, s.offRecord])).toEqual([
      ['', 'First paragraph.', false],
      ['', 'Second paragraph.', true],
      ['', 'Third.', false]
    ])
    expect(r.warnings.join(' ')).toMatch(/No speaker labels/)
  })

  it('refuses a document whose XML is broken as a damaged Word document', async () => {
    const e = await importErrorOf(() => parseInterviewFile('x.docx', docxWithBody('<w:p><w:r><w:t>unclosed')))
    expect(e.message).toMatch(/damaged Word document/)
  })
})

describe('plain text and detection', () => {
  it('reads text in no known shape as unlabelled paragraphs with a "format not recognised" warning', async () => {
    const r = await parseInterviewFile('x.txt', text('I met him at the café.\nHe was nervous.\n\nLater he called.'))
    expect(r.format).toBe('text')
    expect(r.segments.map((s) => [s.speaker, s.text, s.startSeconds])).toEqual([
      ['', 'I met him at the café. He was nervous.', null],
      ['', 'Later he called.', null]
    ])
    expect(r.warnings.join(' ')).toMatch(/format not recognised/)
  })

  it('honours off-the-record markers in every format, not only in notes', async () => {
    const srt = await parseInterviewFile('x.srt', text('1\n00:00:01,000 --> 00:00:02,000\nSAULE: On. [off the record] Off.\n\n2\n00:00:02,000 --> 00:00:03,000\nStill off. [/off the record] On again.'))
    expect(srt.segments.map((s) => [s.text, s.offRecord])).toEqual([
      ['On.', false],
      ['Off.', true],
      ['Still off.', true],
      ['On again.', false]
    ])
    const plain = await parseInterviewFile('x.txt', text('Open.\n\n[off the record]\n\nSecret.\n\n[/off the record]\n\nOpen again.'))
    expect(plain.segments.map((s) => [s.text, s.offRecord])).toEqual([
      ['Open.', false],
      ['Secret.', true],
      ['Open again.', false]
    ])
  })

  it('merges a surname label with the full name the file gives', async () => {
    const r = await parseInterviewFile('x.md', text('Interviewer: Lena Moretti\nInterviewee: Saule Bekova\n\nMORETTI: Hello?\nBEKOVA: Hi.\nLM: Initials too.'))
    expect(speakersOf(r)).toEqual(['Lena Moretti', 'Saule Bekova', 'Lena Moretti'])
  })
})
