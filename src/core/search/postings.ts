// One word's postings in one run, as stored in a blob: laid out as typed arrays so that a query
// reads them in place, with no parsing and no object per posting.
//
//   data: u32 count, u32 field (id + 1 when every posting is in that field, else 0 followed by
//         u32[9] postings per field), u32[count] (doc number << 4 | field id), u16[count] term frequency
//   pos:  u32 width (2 or 4), then every posting's word positions in its field, in posting order
//
// Postings are sorted by doc number, then field. A posting's positions start where the term
// frequencies of the postings before it add up to.

export const FIELD_BITS = 4
export const FIELD_MASK = (1 << FIELD_BITS) - 1
/** Doc numbers fit in 28 bits: 268 million documents. */
export const MAX_DOC_NUMBER = 2 ** (32 - FIELD_BITS) - 1

export const FIELD_SLOTS = 9

export interface PostingList {
  /** doc number << 4 | field id, ascending. */
  keys: Uint32Array
  tf: Uint16Array
  /** Postings per field id, dead documents included: counts for IDF without reading every posting. */
  counts: Uint32Array
}

function aligned(buffer: Uint8Array): Uint8Array {
  if (buffer.byteOffset % 4 === 0) return buffer
  const copy = new Uint8Array(buffer.byteLength)
  copy.set(buffer)
  return copy
}

export function decodePostings(blob: Uint8Array): PostingList {
  const bytes = aligned(blob)
  const head = new Uint32Array(bytes.buffer, bytes.byteOffset, 2)
  const n = head[0] ?? 0
  const field = head[1] ?? 0
  let counts: Uint32Array
  let at = bytes.byteOffset + 8
  if (field > 0) {
    counts = new Uint32Array(FIELD_SLOTS)
    counts[field - 1] = n
  } else {
    counts = new Uint32Array(bytes.buffer, at, FIELD_SLOTS)
    at += 4 * FIELD_SLOTS
  }
  return { keys: new Uint32Array(bytes.buffer, at, n), tf: new Uint16Array(bytes.buffer, at + 4 * n, n), counts }
}

export function encodePostings(keys: ArrayLike<number>, tf: ArrayLike<number>): Uint8Array {
  const n = keys.length
  const counts = new Uint32Array(FIELD_SLOTS)
  for (let i = 0; i < n; i++) {
    const f = (keys[i] as number) & FIELD_MASK
    counts[f] = (counts[f] as number) + 1
  }
  const fields = counts.reduce((m, c) => m + (c > 0 ? 1 : 0), 0)
  const single = fields === 1 ? counts.findIndex((c) => c > 0) : -1
  const headWords = single >= 0 ? 2 : 2 + FIELD_SLOTS
  const bytes = new Uint8Array(4 * headWords + 4 * n + 2 * n + ((2 * n) % 4))
  const head = new Uint32Array(bytes.buffer, 0, headWords + n)
  head[0] = n
  head[1] = single >= 0 ? single + 1 : 0
  if (single < 0) head.set(counts, 2)
  for (let i = 0; i < n; i++) head[headWords + i] = keys[i] ?? 0
  const freq = new Uint16Array(bytes.buffer, 4 * headWords + 4 * n, n)
  // A word said more than 65,535 times in one field counts as 65,535.
  for (let i = 0; i < n; i++) freq[i] = Math.min(0xffff, tf[i] ?? 0)
  return bytes
}

export function decodePositions(blob: Uint8Array): Uint16Array | Uint32Array {
  const bytes = aligned(blob)
  const width = new Uint32Array(bytes.buffer, bytes.byteOffset, 1)[0]
  const count = (bytes.byteLength - 4) / (width === 4 ? 4 : 2)
  return width === 4 ? new Uint32Array(bytes.buffer, bytes.byteOffset + 4, count) : new Uint16Array(bytes.buffer, bytes.byteOffset + 4, count)
}

export function encodePositions(positions: ArrayLike<number>): Uint8Array {
  let max = 0
  for (let i = 0; i < positions.length; i++) max = Math.max(max, positions[i] ?? 0)
  const width = max > 0xffff ? 4 : 2
  const bytes = new Uint8Array(4 + width * positions.length + (width === 2 ? (2 * positions.length) % 4 : 0))
  new Uint32Array(bytes.buffer, 0, 1)[0] = width
  const body = width === 4 ? new Uint32Array(bytes.buffer, 4, positions.length) : new Uint16Array(bytes.buffer, 4, positions.length)
  for (let i = 0; i < positions.length; i++) body[i] = positions[i] ?? 0
  return bytes
}

/** Index of the first key ≥ `key` in keys[from, to). */
export function lowerBound(keys: Uint32Array, key: number, from = 0, to = keys.length): number {
  let lo = from
  let hi = to
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((keys[mid] as number) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}
