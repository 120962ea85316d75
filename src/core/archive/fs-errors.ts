import { VerbatimError, isVerbatimError, type ErrorCode } from '../../shared/errors'

const reasons: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'Verbatim is not allowed to write there',
  EPERM: 'Verbatim is not allowed to write there',
  EROFS: 'the disk is read-only',
  EIO: 'the disk reported a read or write error',
  ENOENT: 'a file or folder was removed while Verbatim was using it',
  EBUSY: 'the file is in use by another program',
  EMFILE: 'too many files are open',
  ENOTDIR: 'a part of the path is a file, not a folder'
}

/** What the operating system said, in words (`the disk is full`), or its own message. */
export function reasonOf(e: unknown): string {
  const errno = (e as NodeJS.ErrnoException | null)?.code
  return (errno && reasons[errno]) || (e instanceof Error ? e.message : String(e))
}

/** Turns what the operating system said into words a reporter can act on. */
export function explainFsError(e: unknown, path: string, code: ErrorCode = 'not-saved'): VerbatimError {
  if (isVerbatimError(e)) return e
  const errno = (e as NodeJS.ErrnoException | null)?.code
  const reason = (errno && reasons[errno]) || (e instanceof Error ? e.message : String(e))
  const verb = code === 'not-saved' ? 'Your last change was not saved' : 'Verbatim could not read the archive'
  return new VerbatimError(code, `${verb}: ${reason} (${path}).${code === 'not-saved' ? ' Everything saved before it is safe; try again once the problem is fixed.' : ''}`)
}
