import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY_META } from './src/shared/csp'

/** Writes the one CSP into index.html, so the Electron window and the browser host enforce the same. */
const csp = (): Plugin => ({
  name: 'verbatim-csp',
  transformIndexHtml: (html) => html.replace('%CONTENT_SECURITY_POLICY%', CONTENT_SECURITY_POLICY_META)
})

export default defineConfig({
  main: {
    build: {
      // The import worker (src/core/import/isolate.ts) is its own entry, beside the main bundle.
      rolldownOptions: { input: { index: resolve('src/main/index.ts'), 'import-worker': resolve('src/core/import/worker-main.ts') } }
    }
  },
  preload: {
    build: {
      // A sandboxed preload cannot be an ES module and cannot require packages: one CommonJS file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [vue(), csp()],
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } }
    }
  }
})
