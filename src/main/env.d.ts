// Electron main is always run built by electron-vite, which writes `import.meta.env.DEV` in as
// true (`electron-vite dev`) or false (`electron-vite build`).
interface ImportMetaEnv {
  readonly DEV: boolean
}
interface ImportMeta {
  readonly env: ImportMetaEnv
}
