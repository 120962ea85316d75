import type { IpcRenderer } from 'electron'
import { IPC_CHANNEL, MENU_CHANNEL, menuCommands, type DesktopBridge, type MenuCommand } from '../shared/api/envelope'

/** The whole of what the renderer may ask of the main process: one call, one menu listener. */
export function createBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on'>): DesktopBridge {
  return {
    call: (method, input) => ipc.invoke(IPC_CHANNEL, method, input),
    onMenu: (listener) => {
      ipc.on(MENU_CHANNEL, (_event, command: unknown) => {
        if (menuCommands.includes(command as MenuCommand)) listener(command as MenuCommand)
      })
    }
  }
}
