import type { ApiErrorBody } from '../errors'

/** What every door returns for every call: IPC loses an Error's fields, so errors travel as data. */
export type Envelope<T = unknown> = { ok: true; result: T } | { ok: false; error: ApiErrorBody }

/** The one IPC channel and the one HTTP path prefix: both doors carry any method by name. */
export const IPC_CHANNEL = 'verbatim:call'
export const HTTP_API_PREFIX = '/api/'

/** What the preload bridge exposes to the renderer as `window.verbatim`. */
export interface Bridge {
  call(method: string, input: unknown): Promise<Envelope>
}

/** Commands the native menu sends to the renderer (the browser host shows the same in its toolbar). */
export const MENU_CHANNEL = 'verbatim:menu'
export const menuCommands = ['import', 'restore-backup', 'shortcuts', 'undo', 'redo', 'find', 'toggle-theme'] as const
export type MenuCommand = (typeof menuCommands)[number]

/** The extra a desktop window has: the native menu's commands. */
export interface DesktopBridge extends Bridge {
  onMenu(listener: (command: MenuCommand) => void): void
}
