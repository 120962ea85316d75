// The importers' front door: bytes in, one ParsedInterview out, or an ImportError saying why not.
// Pure Node: no Electron, no DOM, no archive. Linking speakers to sources and tags to the codebook,
// and saving, are the import service's job.
import { decodeText } from './decode'
import { detectTextFormat, sniffBinary } from './detect'
import { damagedWordDocument } from './docx-package'
import { isWordFileName } from './magic-numbers'
import { parseDocx } from './docx'
import { finalize } from './finalize'
import { toImportError } from './guard'
import { parseNotes } from './notes'
import { parseOhdCsv } from './ohd-csv'
import { parseOhms } from './ohms'
import { parseOtter } from './otter'
import { parsePlainText } from './plain-text'
import { parseSrt } from './srt'
import { ImportError, MAX_IMPORT_BYTES, type ParsedInterview } from './types'
import { parseWebVtt } from './webvtt'

export { isCodebook, parseCodebook } from './codebook'
export { FORMAT_NOT_RECOGNISED } from './plain-text'
export * from './types'

function megabytes(n: number): string {
  return `${(n / (1024 * 1024)).toFixed(1)} MB`
}

async function importFile(fileName: string, bytes: Uint8Array): Promise<ParsedInterview> {
  if (!(bytes instanceof Uint8Array)) throw new ImportError('Nothing was given to import.')
  if (bytes.length === 0) throw new ImportError('The file is empty.')
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new ImportError(
      `The file is ${megabytes(bytes.length)}, over the import limit of ${megabytes(MAX_IMPORT_BYTES)}. A transcript is rarely over 5 MB; check that this is the right file.`
    )
  }
  if (sniffBinary(bytes, fileName) === 'docx') return finalize(await parseDocx(bytes), 'utf-8', [])
  // A name that promises a Word document on bytes that are no ZIP: never read it as text.
  if (isWordFileName(fileName)) throw damagedWordDocument('it is not a ZIP package, as every .docx is (it may have been cut short, or renamed from another kind of file).')

  const decoded = decodeText(bytes)
  if (decoded.text.trim() === '') throw new ImportError('The file has no text in it, only blank space.')
  const format = detectTextFormat(fileName, decoded.text)
  const text = decoded.text.replace(/^\uFEFF/, '')
  const parsed = (() => {
    switch (format) {
      case 'webvtt':
        return parseWebVtt(text)
      case 'srt':
        return parseSrt(text)
      case 'otter':
        return parseOtter(text)
      case 'notes':
        return parseNotes(text)
      case 'ohd-csv':
        return parseOhdCsv(text)
      case 'ohms':
        return parseOhms(text)
      case 'text':
        return parsePlainText(text)
    }
  })()
  return finalize(parsed, decoded.encoding, decoded.warnings)
}

/**
 * Reads one interview file of any supported format, detected from its content (the file name's
 * extension only breaks ties). Rejects only with ImportError.
 */
export async function parseInterviewFile(fileName: string, bytes: Uint8Array): Promise<ParsedInterview> {
  try {
    return await importFile(fileName, bytes)
  } catch (e) {
    throw toImportError(e)
  }
}
