import type { z } from 'zod'
import { VerbatimError, isVerbatimError } from '../errors'
import { contract, isMethodName, type MethodName, type OutputOf, type ParsedInputOf } from './contract'
import type { Envelope } from './envelope'

export type Handlers = { [M in MethodName]: (input: ParsedInputOf<M>) => Promise<OutputOf<M>> }

/** Turns a schema failure into one sentence a person can act on. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

export interface DispatchOptions {
  /** Called with errors that are not the caller's fault, so a door can log them. */
  onInternalError?: (method: string, error: unknown) => void
}

/**
 * The single entry every door goes through: the method must exist, its input must pass the
 * contract's schema, and whatever happens the caller gets an envelope, never a thrown stack.
 */
export async function dispatch(
  handlers: Handlers,
  method: unknown,
  input: unknown,
  options: DispatchOptions = {}
): Promise<Envelope> {
  if (typeof method !== 'string' || !isMethodName(method)) {
    return { ok: false, error: { code: 'invalid-input', message: `Unknown method: ${String(method).slice(0, 100)}` } }
  }
  const parsed = contract[method].input.safeParse(input ?? {})
  if (!parsed.success) {
    return { ok: false, error: { code: 'invalid-input', message: `${method}: ${describeIssues(parsed.error)}` } }
  }
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>
    return { ok: true, result: await handler(parsed.data) }
  } catch (e) {
    if (isVerbatimError(e)) return { ok: false, error: e.toBody() }
    options.onInternalError?.(method, e)
    return {
      ok: false,
      error: { code: 'internal', message: `${method} failed unexpectedly: ${e instanceof Error ? e.message : String(e)}` }
    }
  }
}

export function assertNever(x: never): never {
  throw new VerbatimError('internal', `unexpected value ${String(x)}`)
}
