import { join } from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { describe, expect, it } from 'vitest'
import { forwardChanges, registerApiDoor } from '../../src/main/ipc'
import { createBridge } from '../../src/preload/bridge'
import { startHost } from '../../src/server/host'
import { createClient, type ApiClient } from '../../src/shared/api/client'
import { contract, methodNames, type ArchiveChange } from '../../src/shared/api/contract'
import { HTTP_API_PREFIX, type Envelope } from '../../src/shared/api/envelope'
import { openSession, type Session } from '../../src/core/session'
import { DEMO_SEED, tempDir } from '../support/temp'
import { expectedResults } from './expected-results'
import { orderedMethods, sampleInputs, type DoorRun } from './sample-inputs'

type Door = { name: string; connect: (session: Session) => Promise<{ client: ApiClient; close: () => Promise<void> }> }

const APP_URL = 'file:///app/out/renderer/index.html'

/**
 * Electron cannot run on this machine, so IPC is carried by the smallest stand-in for ipcMain and
 * ipcRenderer: a map of handlers and a structured clone between them, as Electron does. The
 * code under test — main's door and the preload bridge — is the code the app runs.
 */
function ipcPair(frameUrl: string) {
  const handlers = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>()
  const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>()
  const ipcMain = { handle: (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => void handlers.set(channel, fn) }
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel)
      if (!handler) throw new Error(`No handler registered for '${channel}'`)
      const event = { senderFrame: { url: frameUrl } } as unknown as IpcMainInvokeEvent
      return structuredClone(await handler(event, ...structuredClone(args)))
    },
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.set(channel, [...(listeners.get(channel) ?? []), listener])
      return ipcRenderer
    }
  }
  /** The window's webContents as main sees it: a send reaches the renderer's listeners, cloned. */
  const window = {
    webContents: {
      isDestroyed: () => false,
      send: (channel: string, ...args: unknown[]) => {
        for (const listener of listeners.get(channel) ?? []) listener({ sender: 'main' }, ...structuredClone(args))
      }
    }
  }
  return { ipcMain, ipcRenderer, window }
}

const doors: Door[] = [
  { name: 'in-process', connect: async (s) => ({ client: s.client, close: async () => undefined }) },
  {
    name: 'ipc',
    connect: async (s) => {
      const { ipcMain, ipcRenderer } = ipcPair(APP_URL)
      registerApiDoor(ipcMain as never, s.call, (e) => e.senderFrame?.url === APP_URL)
      const bridge = createBridge(ipcRenderer as never)
      return { client: createClient((m, i) => bridge.call(m, i)), close: async () => undefined }
    }
  },
  {
    name: 'http',
    connect: async (s) => {
      const host = await startHost({ call: s.call, rendererDir: '/nonexistent' })
      const client = createClient(async (method, input) => {
        const res = await fetch(`http://127.0.0.1:${host.port}${HTTP_API_PREFIX}${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
          body: JSON.stringify(input)
        })
        return (await res.json()) as Envelope
      })
      return { client, close: host.close }
    }
  }
]

describe.each(doors)('the $name door', (door) => {
  it('gives every method of the contract its documented answer', async () => {
    // A folder inside the temp one: starting empty keeps the old archive beside it, and both are cleaned up.
    const session = await openSession(join(await tempDir(), 'archive'), { seedFile: DEMO_SEED, create: true })
    const { client, close } = await door.connect(session)
    const run: DoorRun = {}
    const checked: string[] = []
    try {
      for (const method of orderedMethods(methodNames.filter((m) => m !== 'archive.startEmpty'))) {
        const sample = sampleInputs[method]
        const input = typeof sample === 'function' ? await sample(client, run) : sample
        const result = await client.call(method, input as never).catch((e: Error) => e)
        if (door.name === 'http' && contract[method].localFiles) {
          // A web page may not name files on this machine: the host refuses, and says why.
          expect(result, method).toMatchObject({ code: 'unsupported', message: expect.stringContaining('not offered to the browser') })
          continue
        }
        if (result instanceof Error) throw new Error(`${method} through the ${door.name} door failed: ${result.message}`)
        try {
          ;(expectedResults[method] as (r: unknown, run: DoorRun) => void)(result, run)
        } catch (e) {
          throw new Error(`${method} through the ${door.name} door: ${(e as Error).message}`, { cause: e })
        }
        checked.push(method)
      }
      expect(checked.length).toBe(methodNames.length - 1 - (door.name === 'http' ? methodNames.filter((m) => contract[m].localFiles).length : 0))
      // The writes happened in the archive, not in a copy the door kept.
      expect(session.store.index.interviews.map((i) => i.title)).toContain('Door test interview')
      expect(session.store.index.settings.theme).toBe('dark')
      // Last: the archive is put aside and an empty one opens in its place, through every door.
      expectedResults['archive.startEmpty'](await client.call('archive.startEmpty', {}), run)
      expect(session.store.index.interviews).toEqual([])
    } finally {
      await close()
      await session.close()
    }
  })

  it('refuses bad input with a message, not a crash', async () => {
    const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
    const { client, close } = await door.connect(session)
    try {
      await expect(client.call('interviews.update', { id: 'int-ivo', patch: { title: 'x' }, expectedUpdatedAt: '2000-01-01T00:00:00.000Z' })).rejects.toMatchObject({
        code: 'conflict',
        message: expect.stringContaining('changed elsewhere')
      })
      await expect(client.call('tags.create', { name: 42 } as never)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('name') })
      await expect(client.call('nope.method' as never, {} as never)).rejects.toMatchObject({ code: 'invalid-input', message: expect.stringContaining('Unknown method') })
      await expect(client.call('sources.get', { id: 'missing' })).rejects.toMatchObject({ code: 'not-found' })
      await expect(client.call('interviews.update', { id: 'int-ivo', patch: { segmentCount: 0 } } as never)).rejects.toMatchObject({ code: 'invalid-input' })
    } finally {
      await close()
      await session.close()
    }
  })
})

it('the IPC door refuses calls from any frame but the app’s', async () => {
  const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
  try {
    const { ipcMain, ipcRenderer } = ipcPair('https://evil.example/')
    registerApiDoor(ipcMain as never, session.call, (e) => e.senderFrame?.url === APP_URL)
    const envelope = await createBridge(ipcRenderer as never).call('interviews.list', {})
    expect(envelope.ok).toBe(false)
    expect(envelope).toMatchObject({ error: { message: expect.stringContaining('Refused') } })
  } finally {
    await session.close()
  }
})

it('the IPC door pushes every save to the window, as the change and nothing else', async () => {
  const session = await openSession(await tempDir(), { seedFile: DEMO_SEED, create: true })
  try {
    const { ipcMain, ipcRenderer, window } = ipcPair(APP_URL)
    registerApiDoor(ipcMain as never, session.call, (e) => e.senderFrame?.url === APP_URL)
    const stop = forwardChanges(session.subscribe, () => [window])
    const bridge = createBridge(ipcRenderer as never)
    const heard: ArchiveChange[] = []
    bridge.onEvent((change) => heard.push(change))
    const tag = await createClient((m, i) => bridge.call(m, i)).call('tags.create', { name: 'pushed' })
    expect(heard).toEqual([expect.objectContaining({ changed: [{ kind: 'tags', id: tag.id, updatedAt: tag.updatedAt }], reset: false })])
    stop()
    await session.client.call('tags.create', { name: 'after stop' })
    expect(heard).toHaveLength(1)
  } finally {
    await session.close()
  }
})
