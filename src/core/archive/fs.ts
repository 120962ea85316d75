// The file operations the archive uses, as one object, so tests can inject the faults a real disk
// gives (ENOSPC, EACCES, EROFS, EIO) into the real file system without replacing it.
import * as fsp from 'node:fs/promises'

export type ArchiveFs = Pick<
  typeof fsp,
  'open' | 'rename' | 'rm' | 'readFile' | 'mkdir' | 'readdir' | 'stat' | 'link' | 'copyFile' | 'utimes'
>

export const realFs: ArchiveFs = fsp
