/// <reference types="vite/client" />
import type { DesktopBridge } from '../../shared/api/envelope'

declare global {
  interface Window {
    /** Present in the Electron window (the preload bridge); absent in the browser host. */
    verbatim?: DesktopBridge
  }
}

declare module '*.vue' {
  import type { DefineComponent } from 'vue'
  const component: DefineComponent<object, object, unknown>
  export default component
}
