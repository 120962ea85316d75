import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { IPC_CHANNEL, type Envelope } from '../shared/api/envelope'

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
