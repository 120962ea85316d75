// Errors that cross a door. A code a program can branch on and a message a reporter can read:
// never a stack trace, never a path the reader did not give.

export const errorCodes = [
  'invalid-input',
  'not-found',
  'conflict',
  'read-only',
  'locked',
  'not-saved',
  'corrupt',
  'unsupported',
  'import-failed',
  'internal'
] as const
export type ErrorCode = (typeof errorCodes)[number]

export interface ApiErrorBody {
  code: ErrorCode
  message: string
}

export class VerbatimError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'VerbatimError'
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message }
  }
}

export function isVerbatimError(e: unknown): e is VerbatimError {
  return e instanceof VerbatimError
}
