// OHMS XML: the realistic export in fixtures/, plus the variants real archives produce.
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import { parseOhms, syncMarks } from '../../src/core/import/ohms'
import { OWN_FIXTURES, invariantViolation, readBytes } from './helpers/invariants'

const FIXTURE = path.join(OWN_FIXTURES, 'zhanuzakov-ohms.xml')

describe('OHMS export (fixtures/zhanuzakov-ohms.xml)', () => {
  it('reads the interview details', async () => {
    const r = await parseInterviewFile('zhanuzakov.xml', readBytes(FIXTURE))
    expect(r.format).toBe('ohms')
    expect(invariantViolation(r)).toBeNull()
    expect(r.metadata).toMatchObject({
      title: 'Interview with Bolat Zhanuzakov',
      date: '2023-05-02',
      interviewer: 'Lena Moretti',
      interviewee: 'Bolat Zhanuzakov',
      repository: 'Steppe Notes Oral History Archive',
      recordingFile: 'zhanuzakov-2023-05-02.mp3'
    })
    expect(r.metadata.notes).toContain('Collection: January 2022: Voices from Almaty')
    expect(r.metadata.notes).toContain('Accession: SN-2023-014')
  })

  it('turns the transcript into segments: surname labels to full names, unlabelled paragraphs continuing, entities decoded', async () => {
    const r = await parseInterviewFile('zhanuzakov.xml', readBytes(FIXTURE))
    expect(r.segments.map((s) => s.speaker)).toEqual([
      'Lena Moretti',
      'Bolat Zhanuzakov',
      'Lena Moretti',
      'Bolat Zhanuzakov',
      'Bolat Zhanuzakov',
      'Lena Moretti',
      'Bolat Zhanuzakov'
    ])
    expect(r.segments[3]?.text).toBe(
      'Interviews with families from Zhanaozen, mostly. Oil workers, their wives, a few teachers. After December 2011 many of them would only speak if we promised not to publish their names.'
    )
    expect(r.segments[4]?.text).toBe("Some tapes are still sealed.[1] We open them only with the family's permission.")
    expect(r.segments[6]?.text).toContain('from Almaty alone & no room left')
    expect(r.metadata.notes).toContain('Footnote 1: The sealed tapes are listed separately in the collection guide.')
  })

  it('gives a paragraph the time of the first minute mark <sync> places inside it, and no time otherwise', async () => {
    const r = await parseInterviewFile('zhanuzakov.xml', readBytes(FIXTURE))
    expect(r.segments.map((s) => s.startSeconds)).toEqual([null, null, null, 60, null, 120, 180])
  })

  it('puts the index into the notes as an outline, with times, synopses and keywords', async () => {
    const r = await parseInterviewFile('zhanuzakov.xml', readBytes(FIXTURE))
    expect(r.metadata.notes).toContain(
      "[0:00:00] Introduction and the archive's beginnings — Moretti introduces the interview. Zhanuzakov describes how he began recording families in 2011. (keywords: oral history archives; Zhanaozen; Archives)"
    )
    expect(r.metadata.notes).toContain('[0:02:00] After January 2022')
    expect(r.metadata.notes).toContain('(keywords: Almaty; January events)')
  })
})

describe('OHMS variants', () => {
  it('reads <sync> as OHMS does: entry n after the leading "|" is minute n × interval', () => {
    expect([...syncMarks('1:|13(3)|19(14)|27(9)')]).toEqual([
      [13, 60],
      [19, 120],
      [27, 180]
    ])
    expect([...syncMarks('5:|4(1)||9(2)')]).toEqual([
      [4, 300],
      [9, 900]
    ])
    expect(syncMarks('').size).toBe(0)
    expect(syncMarks('x:|1(1)').size).toBe(0)
  })

  it('makes index-only records into segments from the index, with keywords as tags and a warning', () => {
    const r = parseOhms(
      '<ROOT><record><title>Index only</title><index><point><time>0</time><title>Start</title><synopsis>They talk about the start.</synopsis><keywords>a;b</keywords></point><point><time>00:05:00</time><title>Later</title><partial_transcript>SMITH: Then it happened.</partial_transcript></point></index></record></ROOT>'
    )
    expect(r.segments.map((s) => [s.speaker, s.text, s.startSeconds, s.tags])).toEqual([
      ['', 'They talk about the start.', 0, ['a', 'b']],
      ['', 'SMITH: Then it happened.', 300, []]
    ])
    expect(r.warnings.join(' ')).toMatch(/no transcript/)
  })

  it('reads a WebVTT transcript inside the record (newer exports) and CDATA as written', () => {
    const r = parseOhms(
      '<?xml version="1.0"?><ROOT><record><title><![CDATA[Tom & Jerry]]></title><transcript><![CDATA[WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Q>Where were you?\n\n00:00:04.000 --> 00:00:08.000\n<v BURKAT>At home &amp; safe.]]></transcript></record></ROOT>'
    )
    expect(r.metadata.title).toBe('Tom & Jerry')
    expect(r.segments.map((s) => [s.speaker, s.text, s.startSeconds])).toEqual([
      ['Q', 'Where were you?', 1],
      ['Burkat', 'At home & safe.', 4]
    ])
  })

  it('does not expand entities declared in a DOCTYPE', () => {
    const r = parseOhms(
      '<?xml version="1.0"?><!DOCTYPE ROOT [<!ENTITY boom "BOOM BOOM BOOM">]><ROOT><record><title>&boom;</title><transcript>SMITH: Hello.</transcript></record></ROOT>'
    )
    expect(r.metadata.title).toBe('&boom;')
    expect(r.segments[0]?.text).toBe('Hello.')
  })
})
