// Importers promise one kind of failure: ImportError, worded for a reporter. Anything else that
// escapes (a library's TypeError, a stack overflow on a freak input) is a bug on our side, but the
// reporter still deserves an answer about the file rather than a crash of the whole batch.
import { ImportError } from './types'

export function toImportError(e: unknown, what = 'this file'): ImportError {
  if (e instanceof ImportError) return e
  const detail = e instanceof Error ? e.message : String(e)
  return new ImportError(
    `Verbatim could not read ${what}: an unexpected problem occurred while importing it (${shorten(detail)}).`
  )
}

function shorten(s: string): string {
  const oneLine = s.split(/\r?\n/, 1)[0] ?? ''
  return oneLine.length > 200 ? `${oneLine.slice(0, 200)}…` : oneLine
}

/** Wraps a synchronous parser so that only ImportError leaves it. */
export function guarded<A extends unknown[], R>(what: string, fn: (...args: A) => R): (...args: A) => R {
  return (...args: A): R => {
    try {
      return fn(...args)
    } catch (e) {
      throw toImportError(e, what)
    }
  }
}

/** The same for parsers that read asynchronously (.docx). */
export function guardedAsync<A extends unknown[], R>(
  what: string,
  fn: (...args: A) => Promise<R>
): (...args: A) => Promise<R> {
  return async (...args: A): Promise<R> => {
    try {
      return await fn(...args)
    } catch (e) {
      throw toImportError(e, what)
    }
  }
}
