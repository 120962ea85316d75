// Lint, and the layer rule: which part of Verbatim may import which (docs/architecture.md).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'url', 'util', 'stream']
const layer = (...names) => names.flatMap((n) => [`**/${n}`, `**/${n}/**`])

/** Each folder's forbidden imports, with the reason the lint error gives. */
const boundaries = [
  {
    files: ['src/shared/**'],
    groups: [[nodeBuiltins, 'shared/ runs in the renderer too: no Node built-ins'], [['electron', 'vue', 'pinia'], 'shared/ is plain TypeScript'], [layer('core', 'main', 'preload', 'renderer', 'server', 'cli'), 'shared/ imports nothing of the app']]
  },
  {
    files: ['src/core/**'],
    groups: [[['electron', 'vue', 'pinia'], 'the core runs without Electron or a DOM'], [layer('main', 'preload', 'renderer', 'server', 'cli'), 'the core knows no door']]
  },
  {
    files: ['src/renderer/**'],
    groups: [[[...nodeBuiltins, 'electron'], 'the renderer never touches Node or Electron: it talks to the API contract'], [layer('core', 'main', 'preload', 'server', 'cli'), 'the renderer reaches the core only through the API client']]
  },
  {
    files: ['src/preload/**'],
    groups: [[layer('core', 'main', 'renderer', 'server', 'cli'), 'the preload bridge is the contract’s channel and nothing more']]
  },
  {
    files: ['src/main/**'],
    groups: [[layer('renderer', 'server', 'cli', 'preload'), 'Electron main is a door onto the core']]
  },
  {
    files: ['src/server/**'],
    groups: [[['electron'], 'the browser host runs without Electron'], [layer('renderer', 'main', 'preload', 'cli'), 'the browser host is a door onto the core']]
  },
  {
    files: ['src/cli/**'],
    groups: [[['electron'], 'the CLI runs without Electron'], [layer('renderer', 'main', 'preload'), 'the CLI is a door onto the core']]
  }
]

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
  ...boundaries.map(({ files, groups }) => ({
    files,
    rules: {
      'no-restricted-imports': ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }]
    }
  }))
)
