import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import type { ArchiveChange } from '../shared/api/contract'
import { EVENT_CHANNEL, IPC_CHANNEL, type Envelope } from '../shared/api/envelope'

/**
 * The IPC door: one handler on one channel carries every method. Calls from any frame but the
 * app's own are refused before they reach the core.
 */
export function registerApiDoor(
  ipcMain: Pick<IpcMain, 'handle'>,
  call: (method: unknown, input: unknown) => Promise<Envelope>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean
): void {
  ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope> => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'invalid-input', message: 'Refused: the call did not come from the Verbatim window.' } }
    }
    return call(method, input)
  })
}

/**
 * The event door: every change the archive makes (whoever made it) goes to each open window on
 * the one event channel, so a second window shows an edit without reloading. Returns the stop.
 */
export function forwardChanges(
  subscribe: (listener: (change: ArchiveChange) => void) => () => void,
  windows: () => { webContents: { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean } }[]
): () => void {
  return subscribe((change) => {
    for (const w of windows()) if (!w.webContents.isDestroyed()) w.webContents.send(EVENT_CHANNEL, change)
  })
}
