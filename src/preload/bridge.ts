import type { IpcRenderer } from 'electron'
import type { ArchiveChange } from '../shared/api/contract'
import { EVENT_CHANNEL, IPC_CHANNEL, MENU_CHANNEL, menuCommands, type DesktopBridge, type MenuCommand } from '../shared/api/envelope'

/** The whole of what the renderer may ask of the main process: one call, one event listener, one menu listener. */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): DesktopBridge {
  return {
    call: (method, input) => ipc.invoke(IPC_CHANNEL, method, input),
    onEvent: (listener) => {
      // Only the change itself crosses: never Electron's event object, which carries the sender.
      ipc.on(EVENT_CHANNEL, (_event, change: unknown) => {
        if (change && typeof change === 'object') listener(change as ArchiveChange)
      })
    },
    onMenu: (listener) => {
      ipc.on(MENU_CHANNEL, (_event, command: unknown) => {
        if (menuCommands.includes(command as MenuCommand)) listener(command as MenuCommand)
      })
    }
  }
}
