/**
 * Characters a terminal would act on rather than show: C0 controls (ESC starts colour, title and
 * cursor sequences; BEL rings; CR overwrites the line), DEL, C1 controls (0x9B is a one-byte CSI
 * to some terminals) and the bidi embeddings, overrides and isolates that reorder what a line
 * seems to say. Transcript text, titles and speakers come from files other people made.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TERMINAL_ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
/** The same, and the line breaks and tabs that would break one-line-per-record output. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ONE_LINE_ACTIVE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g
/** What JSON.stringify leaves raw but a terminal showing the JSON could act on. */
const JSON_ACTIVE = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeChar(c: string): string {
  const code = c.charCodeAt(0)
  return named[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
}

/** A field for human-readable output: every control character shown escaped, on one line. */
export function inert(text: string): string {
  return text.replace(ONE_LINE_ACTIVE, escapeChar)
}

/** Text for a terminal: line breaks and tabs kept, everything a terminal would act on escaped. */
export function inertText(text: string): string {
  return text.replace(TERMINAL_ACTIVE, escapeChar)
}

/**
 * Every string the CLI writes to stdout and stderr passes through {@link inertText}, whichever
 * command wrote it: a command that forgot to escape a field still cannot drive the terminal.
 * (JSON output holds no raw control characters, so it passes unchanged.)
 */
export function guardTerminal(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? inertText(chunk) : chunk, ...rest)) as typeof stream.write
}

/** Machine output: one JSON document on stdout, nothing else. Parses to exactly the value given. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2).replace(JSON_ACTIVE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`)
}

export function printTable(rows: string[][]): void {
  const cells = rows.map((row) => row.map(inert))
  const widths = cells[0]?.map((_, col) => Math.max(...cells.map((r) => (r[col] ?? '').length))) ?? []
  for (const row of cells) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd()}\n`)
}

export { formatTime } from '../shared/time'

/** A consumer that stopped reading (`| head`) is not an error: the rest of the output is dropped. */
const broken = new WeakSet<NodeJS.WriteStream>()

export function tolerateClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') broken.add(stream)
    else throw e
  })
}

/** Resolves once everything written to `stream` so far has been handed to the OS (or the reader left). */
export function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (broken.has(stream) || stream.destroyed) return resolve()
    // Writes complete in order: the callback of an empty write runs after every earlier one has.
    stream.write('', () => resolve())
  })
}

/**
 * Ends the process with `code` once stdout and stderr have drained. `process.exit` with output
 * still queued for a pipe cuts it at the pipe's buffer (64 KB on Linux): `verbatim … --json | jq`
 * would read half a document.
 */
export async function exitWhenFlushed(code: number): Promise<never> {
  process.exitCode = code
  await Promise.all([flushed(process.stdout), flushed(process.stderr)])
  process.exit(code)
}
