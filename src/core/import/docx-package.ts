// A .docx is a ZIP package. Before mammoth unpacks it, its table of contents is read with yauzl
// (no inflating) and the XML parts mammoth will read are inflated once with a byte budget: a
// 300 KB file that inflates to gigabytes of XML (a decompression bomb), or one whose table of
// contents lies about its sizes, is refused here, in milliseconds, instead of exhausting memory.
// Images are never unpacked (docx.ts tells mammoth to skip them), so they are not counted.
import yauzl, { type Entry, type ZipFile } from 'yauzl'
import { ImportError } from './types'

/**
 * One XML part of a Word document. A three-hour transcript's word/document.xml is 1 to 2 MB; 16 MB
 * holds about two million words, and reading it takes mammoth some 20 s and 600 MB (measured).
 */
export const MAX_DOCX_PART_BYTES = 16 * 1024 * 1024
/** All the XML parts together. */
export const MAX_DOCX_XML_BYTES = 32 * 1024 * 1024
/** A Word document has a few dozen parts; a package of many thousands is not one. */
export const MAX_DOCX_ENTRIES = 5_000

export function damagedWordDocument(why: string): ImportError {
  return new ImportError(`This is a damaged Word document: ${why} Open it in Word and save it again as .docx, or export the text.`)
}

const sizeOf = (n: number): string => (n >= 1024 * 1024 ? `${Math.round(n / (1024 * 1024))} MB` : `${Math.max(1, Math.round(n / 1024))} KB`)

/** The parts mammoth reads: XML and relationship parts. */
const isXmlPart = (name: string): boolean => /\.(?:xml|rels)$/i.test(name)

async function inflatedSize(zip: ZipFile, entry: Entry, budget: number): Promise<number> {
  const stream = await zip.openReadStreamPromise(entry)
  let size = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > budget) {
      stream.destroy()
      return size
    }
  }
  return size
}

/**
 * Checks that `bytes` is a Word package that can be unpacked within the limits: a readable ZIP
 * holding word/document.xml, no part and no sum of parts over the limits, declared and actual.
 */
export async function checkDocxPackage(bytes: Uint8Array): Promise<void> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let zip: ZipFile
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false })
  } catch (e) {
    throw damagedWordDocument(`its ZIP structure cannot be read (${e instanceof Error ? e.message.slice(0, 120) : 'unknown problem'}).`)
  }
  try {
    if (zip.entryCount > MAX_DOCX_ENTRIES) throw damagedWordDocument(`it holds ${zip.entryCount.toLocaleString('en')} parts, far more than any Word document.`)
    let declared = 0
    let hasBody = false
    const xmlParts: Entry[] = []
    for await (const entry of zip.eachEntry()) {
      if (!isXmlPart(entry.fileName)) continue
      if (entry.fileName === 'word/document.xml') hasBody = true
      if (entry.uncompressedSize > MAX_DOCX_PART_BYTES) {
        throw new ImportError(
          `This Word document is refused: its part ${entry.fileName} would unpack to ${sizeOf(entry.uncompressedSize)} (from ${sizeOf(entry.compressedSize)} in the file), over the ${sizeOf(MAX_DOCX_PART_BYTES)} a document's text can take. It may be a "zip bomb".`
        )
      }
      declared += entry.uncompressedSize
      if (declared > MAX_DOCX_XML_BYTES) {
        throw new ImportError(`This Word document is refused: its text parts would unpack to more than ${sizeOf(MAX_DOCX_XML_BYTES)}. It may be a "zip bomb".`)
      }
      xmlParts.push(entry)
    }
    if (!hasBody) throw damagedWordDocument('it holds no word/document.xml, the part that carries the text.')
    // The sizes above are what the package says; unpacking once, with a budget, checks that it tells the truth.
    let actual = 0
    for (const entry of xmlParts) {
      if (entry.isEncrypted()) throw new ImportError('This Word document is encrypted. Remove the password in Word, save it, and import it again.')
      let size: number
      try {
        size = await inflatedSize(zip, entry, MAX_DOCX_PART_BYTES)
      } catch (e) {
        const message = e instanceof Error ? e.message : ''
        if (/too many bytes/i.test(message)) {
          throw new ImportError(`This Word document is refused: its part ${entry.fileName} unpacks to more than the ${sizeOf(entry.uncompressedSize)} it declares, the mark of a "zip bomb".`)
        }
        throw damagedWordDocument(`its part ${entry.fileName} cannot be unpacked (${message.slice(0, 120) || 'unknown problem'}).`)
      }
      actual += size
      if (size > MAX_DOCX_PART_BYTES || actual > MAX_DOCX_XML_BYTES) {
        throw new ImportError(`This Word document is refused: its text parts unpack to more than their stated size and over the limit. It may be a "zip bomb".`)
      }
    }
  } finally {
    zip.close()
  }
}
