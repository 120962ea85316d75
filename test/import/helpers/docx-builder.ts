// Builds small .docx files for tests: a stored (uncompressed) zip with the parts Word needs.
// Written out by hand so the tests depend on nothing mammoth does not already bring.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    table[n] = c >>> 0
  }
  return table
})()

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

export function zip(files: Record<string, string | Uint8Array>): Uint8Array {
  const encoder = new TextEncoder()
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, content] of Object.entries(files)) {
    const data = typeof content === 'string' ? encoder.encode(content) : content
    const nameBytes = encoder.encode(name)
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6)
    local.writeUInt16LE(0, 8)
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, Buffer.from(nameBytes), Buffer.from(data))
    centrals.push(central, Buffer.from(nameBytes))
    offset += 30 + nameBytes.length + data.length
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(centralSize, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...locals, ...centrals, end]))
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export interface Run {
  text: string
  bold?: boolean
}

/** A paragraph: runs, and optionally a style (Heading1). A string is one plain run. */
export type Para = string | { runs: Run[]; style?: string } | { table: string[][] }

function runXml(run: Run): string {
  const props = run.bold === true ? '<w:rPr><w:b/></w:rPr>' : ''
  return `<w:r>${props}<w:t xml:space="preserve">${escapeXml(run.text)}</w:t></w:r>`
}

function paraXml(p: Para): string {
  if (typeof p === 'string') return `<w:p>${runXml({ text: p })}</w:p>`
  if ('table' in p) {
    const rows = p.table.map((cells) => `<w:tr>${cells.map((c) => `<w:tc><w:p>${runXml({ text: c })}</w:p></w:tc>`).join('')}</w:tr>`)
    return `<w:tbl>${rows.join('')}</w:tbl>`
  }
  const style = p.style === undefined ? '' : `<w:pPr><w:pStyle w:val="${p.style}"/></w:pPr>`
  return `<w:p>${style}${p.runs.map(runXml).join('')}</w:p>`
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

export function docxWithBody(bodyXml: string): Uint8Array {
  const document = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`
  return zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS, 'word/document.xml': document })
}

export function docx(paragraphs: Para[]): Uint8Array {
  return docxWithBody(paragraphs.map(paraXml).join(''))
}

/**
 * A .docx whose word/document.xml is deflated from `inflatedBytes` of XML: about a thousand to one,
 * so 300 MB of XML travel in a 300 KB file (a "zip bomb"). `lie` makes the package claim the part
 * is small, as a crafted file would to slip past a size check. Streamed, so the test never holds
 * the inflated XML itself.
 */
export async function bombDocx(inflatedBytes: number, lie = false): Promise<Uint8Array> {
  const { createDeflateRaw } = await import('node:zlib')
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
  )
  const tail = Buffer.from('</w:t></w:r></w:p></w:body></w:document>')
  const chunk = Buffer.alloc(1024 * 1024, 'A')
  const deflate = createDeflateRaw({ level: 9 })
  const out: Buffer[] = []
  deflate.on('data', (b: Buffer) => out.push(b))
  const finished = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve)
    deflate.on('error', reject)
  })
  deflate.write(head)
  for (let written = 0; written < inflatedBytes; written += chunk.length) {
    if (!deflate.write(chunk)) await new Promise((r) => deflate.once('drain', r))
  }
  deflate.end(tail)
  await finished
  const data = Buffer.concat(out)
  const size = lie ? 4096 : head.length + tail.length + Math.ceil(inflatedBytes / chunk.length) * chunk.length
  const stored = zip({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': RELS })
  // Append word/document.xml, deflated, to the stored parts: rebuild the central directory by hand.
  const name = Buffer.from('word/document.xml')
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4)
  local.writeUInt16LE(8, 8)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(size, 22)
  local.writeUInt16LE(name.length, 26)
  const buffer = Buffer.from(stored)
  const endAt = buffer.length - 22
  const entries = buffer.readUInt16LE(endAt + 10)
  const centralSize = buffer.readUInt32LE(endAt + 12)
  const centralAt = buffer.readUInt32LE(endAt + 16)
  const locals = buffer.subarray(0, centralAt)
  const centrals = buffer.subarray(centralAt, centralAt + centralSize)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0)
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(20, 6)
  central.writeUInt16LE(8, 10)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(size, 24)
  central.writeUInt16LE(name.length, 28)
  central.writeUInt32LE(locals.length, 42)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries + 1, 8)
  end.writeUInt16LE(entries + 1, 10)
  end.writeUInt32LE(centrals.length + central.length + name.length, 12)
  end.writeUInt32LE(locals.length + local.length + name.length + data.length, 16)
  return new Uint8Array(Buffer.concat([locals, local, name, data, centrals, central, name, end]))
}
