// An ArchiveFs that is the real node:fs/promises, except for the calls a test arms to fail. Every
// fault is an Error with the errno code the operating system would give (ENOSPC, EACCES, EROFS,
// EIO...), so the store sees exactly what a full or failing disk would show it.
import * as fsp from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import type { ArchiveFs } from '../../../src/core/archive/fs'

/** The steps of a durable write, and the other calls the save path makes. */
export type Step =
  | 'open-temp' // fs.open(<unique temp name>, 'wx')
  | 'write' // handle.writeFile on the temp file
  | 'sync' // handle.sync on the temp file (the data flush)
  | 'rename' // fs.rename(temp, target)
  | 'folder-sync' // handle.sync on the folder, after the rename
  | 'link' // fs.link (lock creation, kept transcripts, snapshots)
  | 'read' // fs.readFile
  | 'append' // handle.write on the journal (opened for appending)
  | 'append-sync' // handle.datasync on the journal, after the append
  | 'truncate' // handle.truncate on the journal (cutting back a failed append or a torn line)

export interface Fault {
  step: Step
  code: string
  /** Which file the call is about (for a temp file or a folder sync: the file it is written for), and its full path. */
  target: (file: string, path: string) => boolean
  /** How many matching calls fail before the fault clears; Infinity for a lasting one. */
  times?: number
  /** How many matching calls succeed before the fault starts. */
  skip?: number
}

export interface Call {
  step: Step | 'other'
  path: string
}

export function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EACCES: 'permission denied',
    EROFS: 'read-only file system',
    EIO: 'i/o error',
    ENOENT: 'no such file or directory'
  }
  return Object.assign(new Error(`${code}: ${messages[code] ?? 'error'}, ${syscall} '${path}'`), { code, syscall, path, errno: -1 })
}

/** `.archive.json.1234.ab12cd.tmp` is written for `archive.json`. */
export function fileOfTemp(path: string): string {
  const name = basename(path)
  const m = /^\.(.+)\.\d+\.[0-9a-f]+\.tmp$/.exec(name)
  return m?.[1] ?? name
}

export class FaultyFs {
  private faults: Array<Fault & { left: number; hits: number; skip: number }> = []
  private holds: Array<{ step: Step; target: (file: string, path: string) => boolean; until: Promise<void>; reached: () => void }> = []
  readonly calls: Call[] = []
  /** The file the last temp write, rename, link or removal was about: the folder sync after it belongs to it. */
  private lastFile = ''

  arm(fault: Fault): { readonly hits: number } {
    const armed = { ...fault, left: fault.times ?? 1, hits: 0, skip: fault.skip ?? 0 }
    this.faults.push(armed)
    return armed
  }

  clear(): void {
    this.faults = []
  }

  /**
   * Holds the next matching call until `release()`: `reached` resolves when a call is held. For
   * looking at the archive (or killing the save) in the middle of a step.
   */
  hold(step: Step, target: (file: string, path: string) => boolean): { reached: Promise<void>; release: () => void } {
    let release: () => void = () => undefined
    let reached: () => void = () => undefined
    const until = new Promise<void>((resolve) => (release = resolve))
    const isReached = new Promise<void>((resolve) => (reached = resolve))
    this.holds.push({ step, target, until, reached })
    return { reached: isReached, release }
  }

  private async held(step: Step, path: string, file = basename(path)): Promise<void> {
    const at = this.holds.findIndex((h) => h.step === step && h.target(file, path))
    if (at < 0) return
    const [h] = this.holds.splice(at, 1)
    h?.reached()
    await h?.until
  }

  private check(step: Step, path: string, syscall: string, file = basename(path)): void {
    this.calls.push({ step, path })
    for (const f of this.faults) {
      if (f.step === step && f.left > 0 && f.target(file, path)) {
        if (f.skip > 0) {
          f.skip--
          continue
        }
        f.left--
        f.hits++
        throw fsError(f.code, syscall, path)
      }
    }
  }

  private wrapHandle(handle: FileHandle, path: string, kind: 'temp' | 'folder' | 'journal' | 'other'): FileHandle {
    const file = kind === 'temp' ? fileOfTemp(path) : kind === 'journal' ? basename(path) : this.lastFile
    return new Proxy(handle, {
      get: (target, prop, receiver) => {
        if (prop === 'writeFile' && kind === 'temp') {
          return async (...args: Parameters<FileHandle['writeFile']>) => {
            this.check('write', path, 'write', file)
            return target.writeFile(...args)
          }
        }
        if (kind === 'journal' && (prop === 'write' || prop === 'datasync' || prop === 'truncate')) {
          const step: Step = prop === 'write' ? 'append' : prop === 'datasync' ? 'append-sync' : 'truncate'
          return async (...args: unknown[]) => {
            await this.held(step, path, file)
            this.check(step, path, prop === 'truncate' ? 'ftruncate' : prop === 'write' ? 'write' : 'fdatasync', file)
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        if (prop === 'sync' && kind !== 'other' && kind !== 'journal') {
          return async () => {
            this.check(kind === 'temp' ? 'sync' : 'folder-sync', path, 'fsync', file)
            return target.sync()
          }
        }
        const value: unknown = Reflect.get(target, prop, receiver)
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      }
    })
  }

  readonly fs: ArchiveFs = {
    ...fsp,
    open: (async (path: string, flags?: string, mode?: number) => {
      const p = String(path)
      const isTemp = flags === 'wx' && p.endsWith('.tmp')
      if (isTemp) {
        this.lastFile = fileOfTemp(p)
        this.check('open-temp', p, 'open', this.lastFile)
      }
      const handle = await fsp.open(p, flags, mode)
      return this.wrapHandle(handle, p, isTemp ? 'temp' : flags === 'r' ? 'folder' : flags === 'a' ? 'journal' : 'other')
    }) as ArchiveFs['open'],
    rename: async (from, to) => {
      this.lastFile = basename(String(to))
      await this.held('rename', String(to))
      this.check('rename', String(to), 'rename')
      return fsp.rename(from, to)
    },
    link: async (from, to) => {
      this.lastFile = basename(String(to))
      this.check('link', String(to), 'link')
      return fsp.link(from, to)
    },
    rm: async (path, options) => {
      this.lastFile = basename(String(path))
      return fsp.rm(path, options)
    },
    readFile: (async (path: Parameters<typeof fsp.readFile>[0], options?: Parameters<typeof fsp.readFile>[1]) => {
      this.check('read', String(path), 'open')
      return fsp.readFile(path, options)
    }) as ArchiveFs['readFile']
  }
}
