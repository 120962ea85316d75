// Every file a reporter can drop gets a clear answer: what is wrong, and where when it applies.
import { describe, expect, it } from 'vitest'
import { parseInterviewFile } from '../../src/core/import'
import { parseOhdCsv } from '../../src/core/import/ohd-csv'
import { parseSrt } from '../../src/core/import/srt'
import { ImportError, MAX_IMPORT_BYTES } from '../../src/core/import/types'
import { parseWebVtt } from '../../src/core/import/webvtt'
import { docx, zip } from './helpers/docx-builder'
import { importErrorOf } from './helpers/invariants'

const text = (s: string): Uint8Array => new TextEncoder().encode(s)
const bytes = (...b: number[]): Uint8Array => new Uint8Array([...b, ...new Array<number>(64).fill(0x41)])

describe('files that are not transcripts', () => {
  it.each([
    ['empty.txt', new Uint8Array(), /empty/],
    ['blank.txt', text('   \r\n\t\n  '), /no text/],
    ['bom-only.txt', new Uint8Array([0xef, 0xbb, 0xbf]), /no text/],
    ['photo.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), /PNG image/],
    ['photo.jpg', bytes(0xff, 0xd8, 0xff, 0xe0), /JPEG image/],
    ['scan.pdf', text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), /PDF document/],
    ['interview.doc', bytes(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1), /\.doc.*save it as \.docx/],
    ['notes.rtf', text('{\\rtf1\\ansi Hello}'), /Rich Text/],
    ['audio.mp3', bytes(0x49, 0x44, 0x33, 0x04), /recording/],
    ['audio.m4a', bytes(0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70), /recording/],
    ['archive.zip', zip({ 'a.txt': 'hello' }), /ZIP archive, not a Word document/],
    ['sheet.xlsx', zip({ 'xl/workbook.xml': '<workbook/>' }), /Excel workbook/],
    ['program.bin', new Uint8Array([0x01, 0x02, 0x00, 0x00, 0x17, 0x00, 0xff, 0x00, 0x10, 0x00, 0x00, 0x33]), /binary file/],
    ['utf32.txt', new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), /UTF-32/]
  ])('%s is refused with a reason', async (name, content, message) => {
    const e = await importErrorOf(() => parseInterviewFile(name, content))
    expect(e.message).toMatch(message)
    expect(e.name).toBe('ImportError')
  })

  it('refuses a file over the size limit before reading it, and names the limit', async () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1)
    const e = await importErrorOf(() => parseInterviewFile('huge.txt', big))
    expect(e.message).toMatch(/50\.0 MB/)
  })

  it('refuses a web page and an XML file that is not OHMS', async () => {
    expect((await importErrorOf(() => parseInterviewFile('page.html', text('<!DOCTYPE html><html><body>Hi</body></html>')))).message).toMatch(/web page/)
    expect((await importErrorOf(() => parseInterviewFile('feed.xml', text('<?xml version="1.0"?><rss><channel/></rss>')))).message).toMatch(
      /not an OHMS export.*<rss>/
    )
  })

  it('refuses a codebook given as a transcript', async () => {
    const e = await importErrorOf(() => parseInterviewFile('codes.csv', text('tag,description\nhighlight,Highlight\n')))
    expect(e.message).toMatch(/codebook/)
  })
})

describe('captions with malformed timestamps name the line', () => {
  it('WebVTT: a cue with a letter inside a time is left out with a warning naming its line; the rest comes in', async () => {
    const r = await parseInterviewFile('x.vtt', text('WEBVTT\n\n00:00.000 --> 00:06.500\n<v Lena>Hi.\n\n00:0x.500 --> 00:19.250\n<v Marat>Hello.\n\n00:20.000 --> 00:21.000\n<v Marat>Bye.\n'))
    expect(r.segments.map((s) => [s.speaker, s.text])).toEqual([
      ['Lena', 'Hi.'],
      ['Marat', 'Bye.']
    ])
    expect(r.warnings).toEqual([expect.stringMatching(/^Line 6: the cue timing "00:0x\.500 --> 00:19\.250" is malformed/)])
  })

  it('WebVTT: a file whose every cue is malformed fails, naming the first bad line', async () => {
    expect((await importErrorOf(() => parseWebVtt('WEBVTT\n\n00:00:61.000 --> 00:01:02.000\nHi'))).line).toBe(3)
    const e = await importErrorOf(() => parseWebVtt('WEBVTT\n\ncue-1\n00:00:01.000 -->\nHi'))
    expect(e.line).toBe(4)
    expect(e.message).toMatch(/^line 4: This WebVTT file has no cue a browser would show: the cue timing "00:00:01\.000 -->" is malformed/)
  })

  it('SRT: a broken time on a later cue, with CRLF line ends', async () => {
    const srt = '1\r\n00:00:01,000 --> 00:00:07,200\r\nLENA: Hi.\r\n\r\n2\r\n00:00:07,200 --> 00:00:1B,900\r\nSAULE: Hello.\r\n'
    const e = await importErrorOf(() => parseInterviewFile('x.srt', text(srt)))
    expect(e.line).toBe(6)
    expect(e.message).toMatch(/00:00:1B,900/)
    expect((await importErrorOf(() => parseSrt('1\n00:61:00,000 --> 00:61:01,000\nHi'))).line).toBe(2)
  })
})

describe('Word documents past the size of any real one', () => {
  it('refuses a package of more parts than any Word document has, from its table of contents', async () => {
    const parts: Record<string, string> = { 'word/document.xml': '<w:document/>' }
    for (let i = 0; i <= 5_000; i++) parts[`media/${i}.bin`] = ''
    const e = await importErrorOf(() => parseInterviewFile('many-parts.docx', zip(parts)))
    expect(e.message).toMatch(/damaged Word document: it holds 5,002 parts, far more than any Word document/)
  })

  it('refuses text parts that together would unpack to more than 32 MB, though each is under the 16 MB a part may have', async () => {
    const part = `<w:document>${'A'.repeat(12 * 1024 * 1024)}</w:document>`
    const e = await importErrorOf(() => parseInterviewFile('three-parts.docx', zip({ 'word/document.xml': part, 'word/footnotes.xml': part, 'word/comments.xml': part })))
    expect(e.message).toMatch(/its text parts would unpack to more than 32 MB.*zip bomb/)
  })
})

describe('other unreadable inputs', () => {
  it('a .docx that is damaged', async () => {
    const good = docx([{ runs: [{ text: 'LENA: ', bold: true }, { text: 'Hello.' }] }])
    const damaged = good.slice(0, 200)
    const e = await importErrorOf(() => parseInterviewFile('x.docx', damaged))
    expect(e.message).toMatch(/^This is a damaged Word document/)
  })

  it('a .docx with no text', async () => {
    const e = await importErrorOf(() => parseInterviewFile('x.docx', docx([''])))
    expect(e.message).toMatch(/no text/)
  })

  it('a CSV without a words column names what it found, on line 1', async () => {
    const e = await importErrorOf(() => parseInterviewFile('x.csv', text('time,who,said\n[00:01],DB,hello\n')))
    expect(e.line).toBe(1)
    expect(e.message).toMatch(/no "words" column/)
    expect(e.message).toMatch(/"time", "who", "said"/)
    expect(() => parseOhdCsv('a;b\n1;2')).toThrow(ImportError)
  })

  it('files with no segments at all', async () => {
    const cases: [string, string, RegExp][] = [
      ['x.vtt', 'WEBVTT\n\nNOTE nothing but a note\n', /no cues with text/],
      ['x.srt', '1\n00:00:01,000 --> 00:00:02,000\n\n2\n00:00:02,000 --> 00:00:03,000\n', /no subtitles with text/],
      ['x.csv', 'timestamp,speaker,words,tags\n[00:01],DB,,\n', /no row with words/],
      ['x.xml', '<ROOT xmlns="https://www.weareavp.com/nunncenter/ohms"><record><title>T</title></record></ROOT>', /neither a transcript nor an index/]
    ]
    for (const [name, content, message] of cases) {
      const e = await importErrorOf(() => parseInterviewFile(name, text(content)))
      expect(e.message, name).toMatch(message)
    }
  })

  it('damaged OHMS XML names the line', async () => {
    const e = await importErrorOf(() => parseInterviewFile('x.xml', text('<?xml version="1.0"?>\n<ROOT>\n<record>\n<title>T</titel>\n</record></ROOT>')))
    expect(e.message).toMatch(/damaged/)
    expect(e.line).toBe(4)
  })

  it('turns an unexpected failure inside the importer into an ImportError', async () => {
    const failing = new Proxy(new Uint8Array(16), {
      get(target, key) {
        if (key === 'length') throw new TypeError('boom')
        return Reflect.get(target, key) as unknown
      }
    })
    const e = await importErrorOf(() => parseInterviewFile('x.txt', failing))
    expect(e.message).toMatch(/Verbatim could not read this file: an unexpected problem occurred while importing it \(boom\)/)
  })

  it('never lets another kind of error out, even for a value that is not bytes', async () => {
    const e = await importErrorOf(() => parseInterviewFile('x.txt', 'not bytes' as unknown as Uint8Array))
    expect(e.message).toMatch(/Nothing was given/)
  })
})
