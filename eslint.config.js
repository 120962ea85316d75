// Lint, and the layer rule: which part of Verbatim may import which (docs/architecture.md).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import boundaries from 'eslint-plugin-boundaries'
import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'

/**
 * The layer rule as an allow-list: what each folder may import — which of Verbatim's folders,
 * which packages, whether Node's built-ins — and nothing else. A new package or a new reach
 * across layers fails lint until this table says it may (docs/architecture.md, "Layers").
 */
const runtimePackages = Object.keys(JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')).dependencies)
export const layers = {
  // Shared/ runs in the renderer too: plain TypeScript, zod and the Markdown reader (prose.ts), no Node, no app layer.
  shared: { may: ['shared'], packages: ['zod', 'mdast-util-from-markdown', 'mdast'], node: false },
  // The core knows no door, no Electron and no DOM.
  core: { may: ['core', 'shared'], packages: [...runtimePackages, 'mdast', 'hast'], node: true },
  // The renderer talks to the API contract only: no Node, no Electron, no core (mdast: the types of shared/prose.ts's trees).
  renderer: { may: ['renderer', 'shared'], packages: ['vue', 'pinia', '@tanstack/vue-virtual', 'mdast'], node: false },
  // The preload bridge is the contract’s channel and nothing more.
  preload: { may: ['preload', 'shared'], packages: ['electron'], node: false },
  // Electron main is a door onto the core.
  main: { may: ['main', 'core', 'shared'], packages: ['electron'], node: true },
  // The browser host is a door onto the core, without Electron.
  server: { may: ['server', 'core', 'shared'], packages: [], node: true },
  // The CLI is a door onto the core, without Electron.
  cli: { may: ['cli', 'server', 'core', 'shared'], packages: [], node: true }
}
const nodeBuiltins = [...new Set(builtinModules.flatMap((m) => [m, `${m}/**`, `node:${m}`, `node:${m}/**`]))]

const layerPolicies = Object.entries(layers).map(([type, { may, packages, node }]) => ({
  from: { element: { type } },
  allow: [
    { to: { element: { types: { anyOf: may } } } },
    ...(packages.length ? [{ to: { module: { origin: 'external', source: packages.flatMap((p) => [p, `${p}/**`]) } } }] : []),
    ...(node ? [{ to: { module: { origin: 'core', source: nodeBuiltins } } }] : [])
  ]
}))

const boundaryRules = {
  files: ['src/**/*.{ts,vue,js,mjs}'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': Object.keys(layers).map((type) => ({ type, pattern: `src/${type}` })),
    'import/resolver': { node: { extensions: ['.ts', '.vue', '.js', '.mjs', '.json'] } }
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      {
        default: 'disallow',
        // Packages and Node built-ins are checked too, and a local file outside every layer is refused.
        checkAllOrigins: true,
        checkUnknownLocals: true,
        policies: layerPolicies,
        message: 'src/{{from.element.type}} may not import “{{dependency.source}}”: each layer imports only what its allow-list in eslint.config.js names (docs/architecture.md, Layers).'
      }
    ],
    // Every file under src/ belongs to a layer, and every local import resolves.
    'boundaries/no-unknown-files': 'error'
  }
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } }
  },
  {
    files: ['**/*.{ts,vue,js,mjs}'],
    rules: {
      // TypeScript knows which globals each layer has (DOM for the renderer, Node elsewhere).
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-indent': 'off'
    }
  },
  boundaryRules
)
