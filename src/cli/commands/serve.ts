import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { startHost } from '../../server/host'
import { VerbatimError } from '../../shared/errors'
import { parse } from '../args'
import { RENDERER_DIR, openFor } from '../open'
import { exitWhenFlushed } from '../output'

function openBrowser(url: string): void {
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]]
  const child = spawn(cmd as string, args as string[], { stdio: 'ignore', detached: true })
  child.on('error', () => undefined)
  child.unref()
}

const hasDisplay = (): boolean =>
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)

export async function serveCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    archive: { type: 'string' },
    port: { type: 'string' },
    'no-open': { type: 'boolean' },
    'renderer-dir': { type: 'string' }
  })
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new VerbatimError('invalid-input', `--port must be a port number, not ${values.port}.`)
  const rendererDir = values['renderer-dir'] ?? RENDERER_DIR
  if (!existsSync(rendererDir)) throw new VerbatimError('not-found', 'The app is not built yet: run `npm run build`, then `verbatim serve` again.')
  const session = await openFor(values.archive, 'write', 'verbatim serve', { demo: true })
  const host = await startHost({ call: session.call, subscribe: session.subscribe, rendererDir, port }).catch(async (e: NodeJS.ErrnoException) => {
    await session.close()
    throw new VerbatimError('unsupported', e.code === 'EADDRINUSE' ? `Port ${port} is in use: pick another with --port.` : e.message)
  })
  process.stdout.write(`Verbatim is serving ${session.store.dir} at ${host.url}\n`)
  // Opening had to repair the archive: say so where the user started it, as the app will.
  if (session.store.openReport.message) process.stderr.write(`verbatim: ${session.store.openReport.message}\n`)
  if (!values['no-open'] && hasDisplay()) openBrowser(host.url)
  const stop = async () => {
    await host.close()
    await session.close()
    await exitWhenFlushed(0)
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}
