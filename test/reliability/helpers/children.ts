// Starting the child processes the crash and lock tests kill.
//
// A child must start fast: each kill costs one start. Measured on the 2-core test machine, to the
// archive being open: `npx tsx child.ts` 1.4-1.8 s, `node --import tsx child.ts` 0.9-1.0 s, and the
// same TypeScript bundled once with esbuild (the compiler tsx itself runs) and started with plain
// `node` 0.22 s. So the children are bundled once per run; the bundle is the same source of the
// store, session and API, compiled the way tsx compiles it. If esbuild cannot be loaded the
// children run through `node --import tsx` instead: slower, same code.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const HERE = fileURLToPath(new URL('.', import.meta.url))
const entries = { 'crash-child': join(HERE, 'crash-child.ts'), 'lock-child': join(HERE, 'lock-child.ts') }
export type ChildName = keyof typeof entries

export interface Children {
  /** How children are started: `bundle` (node + esbuild bundle) or `tsx` (node --import tsx). */
  how: 'bundle' | 'tsx'
  spawn(name: ChildName, args: string[]): Child
  dispose(): Promise<void>
}

export async function prepareChildren(): Promise<Children> {
  // Inside the checkout (.tmp is ignored by git): a bundle's external packages, the native SQLite
  // module among them, resolve from the project's node_modules as they do for the app.
  await mkdir(join(ROOT, '.tmp'), { recursive: true })
  const out = await mkdtemp(join(ROOT, '.tmp', 'children-'))
  let how: Children['how'] = 'tsx'
  try {
    const esbuild = await import('esbuild')
    await esbuild.build({
      entryPoints: entries,
      outdir: out,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Less to parse at every start; names are kept so a child's stack trace stays readable.
      minifyWhitespace: true,
      minifySyntax: true,
      logLevel: 'silent',
      // Some dependencies are CommonJS and require() node's own modules.
      banner: { js: "import { createRequire as __verbatimRequire } from 'node:module'; const require = __verbatimRequire(import.meta.url);" }
    })
    how = 'bundle'
  } catch {
    how = 'tsx'
  }
  const running = new Set<Child>()
  return {
    how,
    spawn(name, args) {
      const argv = how === 'bundle' ? [join(out, `${name}.mjs`), ...args] : ['--import', 'tsx', entries[name], ...args]
      const child = new Child(spawn(process.execPath, argv, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] }))
      running.add(child)
      void child.exited.then(() => running.delete(child))
      return child
    },
    /** Kills whatever a failed test left running, and removes the bundle. */
    async dispose() {
      await Promise.all([...running].map((c) => c.kill()))
      await rm(out, { recursive: true, force: true })
    }
  }
}

/** A child process read line by line. */
export class Child {
  readonly lines: string[] = []
  stderr = ''
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  private waiters: Array<() => void> = []
  private done = false

  constructor(readonly proc: ChildProcessWithoutNullStreams) {
    createInterface({ input: proc.stdout }).on('line', (l) => {
      this.lines.push(l)
      this.wake()
    })
    proc.stderr.on('data', (d: Buffer) => {
      this.stderr += d.toString()
    })
    // 'close' comes after the process has exited (and been reaped) and its pipes are drained.
    this.exited = new Promise((resolve) => {
      proc.on('close', (code, signal) => {
        this.done = true
        this.wake()
        resolve({ code, signal })
      })
    })
  }

  get pid(): number {
    return this.proc.pid ?? -1
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w()
  }

  /** Resolves with the first line (from the start) that satisfies `test`; rejects if the child exits first or after `ms`. */
  async waitFor(test: (line: string) => boolean, ms = 20_000): Promise<string> {
    const deadline = Date.now() + ms
    for (;;) {
      const found = this.lines.find(test)
      if (found !== undefined) return found
      if (this.done) throw new Error(`child ${this.pid} exited without the line; stderr: ${this.stderr.slice(0, 2000)}`)
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`child ${this.pid} did not print the line in ${ms} ms; stderr: ${this.stderr.slice(0, 2000)}`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 1000))
        this.waiters.push(() => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
  }

  send(line: string): void {
    this.proc.stdin.write(`${line}\n`)
  }

  /** SIGKILL: no handler runs, no buffer is flushed, no lock is released. Resolves once the process is gone. */
  async kill(): Promise<void> {
    this.proc.kill('SIGKILL')
    await this.exited
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
