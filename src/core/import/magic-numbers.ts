// Files that are not text, told apart by their first bytes, with a reason a reporter can act on.
// Zip entry names are stored uncompressed, so a Word document is recognised without unpacking it.
import { damagedWordDocument } from './docx-package'
import { ImportError } from './types'

/** .docx, .docm, .dotx, .dotm: names that promise a Word package. */
export const isWordFileName = (fileName: string): boolean => /\.do[ct][xm]$/i.test(fileName)

function startsWith(bytes: Uint8Array, prefix: readonly number[], at = 0): boolean {
  return prefix.every((b, i) => bytes[at + i] === b)
}

function ascii(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0))
}

/** Whether the bytes contain an ASCII string; zip entry names are stored uncompressed. */
function containsAscii(bytes: Uint8Array, s: string): boolean {
  const needle = Buffer.from(s, 'latin1')
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle)
}

const MAGIC: ReadonlyArray<readonly [readonly number[], number, string]> = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0, 'a PNG image'],
  [[0xff, 0xd8, 0xff], 0, 'a JPEG image'],
  [ascii('GIF87a'), 0, 'a GIF image'],
  [ascii('GIF89a'), 0, 'a GIF image'],
  [ascii('II*\u0000'), 0, 'a TIFF image'],
  [ascii('MM\u0000*'), 0, 'a TIFF image'],
  [ascii('%PDF-'), 0, 'a PDF document (export it from the PDF reader as text, or open it in Word and save a .docx)'],
  [ascii('{\\rtf'), 0, 'a Rich Text (.rtf) document (save it from Word as .docx, or as plain text)'],
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 0, 'an old-style Word .doc, or a password-protected Office file (open it in Word and save it as .docx without a password)'],
  [ascii('ID3'), 0, 'an audio recording (MP3); Verbatim imports the transcript, not the recording'],
  [ascii('OggS'), 0, 'an audio recording (Ogg); Verbatim imports the transcript, not the recording'],
  [ascii('fLaC'), 0, 'an audio recording (FLAC); Verbatim imports the transcript, not the recording'],
  [ascii('ftyp'), 4, 'an audio or video recording (MP4/M4A/MOV); Verbatim imports the transcript, not the recording'],
  [[0x1a, 0x45, 0xdf, 0xa3], 0, 'a video recording (WebM/MKV); Verbatim imports the transcript, not the recording'],
  [[0x1f, 0x8b], 0, 'a compressed archive (gzip); unpack it first'],
  [ascii('7z'), 0, 'a compressed archive (7-Zip); unpack it first'],
  [ascii('Rar!'), 0, 'a compressed archive (RAR); unpack it first'],
  [[0x7f, 0x45, 0x4c, 0x46], 0, 'a program, not a transcript']
]

/**
 * Refuses files that are not text, with a reason a reporter can act on; says 'docx' for a Word
 * document. A zip that is not a Word document (a spreadsheet, an OpenDocument file) is refused.
 */
export function sniffBinary(bytes: Uint8Array, fileName = ''): 'docx' | null {
  if (startsWith(bytes, ascii('PK\u0003\u0004')) || startsWith(bytes, ascii('PK\u0005\u0006'))) {
    if (containsAscii(bytes, 'word/document.xml')) return 'docx'
    if (isWordFileName(fileName)) throw damagedWordDocument('it holds no word/document.xml, the part that carries the text.')
    if (containsAscii(bytes, 'xl/workbook')) {
      throw new ImportError('This is an Excel workbook (.xlsx). Save the sheet as CSV (with a "words" column) and import that.')
    }
    if (containsAscii(bytes, 'opendocument.text') || containsAscii(bytes, 'content.xml')) {
      throw new ImportError('This is an OpenDocument file (.odt/.ods). Save it as Word .docx (or CSV for a sheet) and import that.')
    }
    throw new ImportError('This is a ZIP archive, not a Word document. Unpack it and import the transcripts inside.')
  }
  if (startsWith(bytes, ascii('RIFF')) && (startsWith(bytes, ascii('WAVE'), 8) || startsWith(bytes, ascii('AVI '), 8))) {
    throw new ImportError('This is an audio or video recording (WAV/AVI); Verbatim imports the transcript, not the recording.')
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) throw new ImportError('This is a WebP image, not a transcript.')
  for (const [magic, at, what] of MAGIC) {
    if (startsWith(bytes, magic, at)) {
      throw new ImportError(`This is ${what}.`)
    }
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0 && bytes[1] !== 0xfe) {
    // An MPEG audio frame header; a UTF-16 byte-order mark (FF FE) is not one.
    throw new ImportError('This is an audio recording (MP3); Verbatim imports the transcript, not the recording.')
  }
  return null
}
