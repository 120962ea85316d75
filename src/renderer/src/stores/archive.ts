import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import type { ArchiveInfo } from '../../../shared/api/contract'
import type { Settings } from '../../../shared/model'
import { api } from '../api'

export type Section = 'interviews' | 'sources' | 'tags' | 'quotes' | 'claims' | 'drafts'

/** The open archive itself: its name, whether it may be written, the theme, the section shown. */
export const useArchive = defineStore('archive', () => {
  const info = ref<ArchiveInfo | null>(null)
  const settings = ref<Settings | null>(null)
  const section = ref<Section>('interviews')

  async function load(): Promise<void> {
    const [i, s] = await Promise.all([api.call('archive.info', {}), api.call('settings.get', {})])
    info.value = i
    settings.value = s
  }

  async function setTheme(theme: Settings['theme']): Promise<void> {
    settings.value = await api.call('settings.update', { theme })
  }

  function cycleTheme(): Promise<void> {
    const order: Settings['theme'][] = ['system', 'light', 'dark']
    const current = settings.value?.theme ?? 'system'
    return setTheme(order[(order.indexOf(current) + 1) % order.length] ?? 'system')
  }

  // "system" follows the operating system, live; the stylesheet only knows light and dark.
  const systemDark = window.matchMedia('(prefers-color-scheme: dark)')
  const applyTheme = (): void => {
    const theme = settings.value?.theme ?? 'system'
    document.documentElement.dataset.theme = theme === 'system' ? (systemDark.matches ? 'dark' : 'light') : theme
  }
  systemDark.addEventListener('change', applyTheme)
  watch(() => settings.value?.theme, applyTheme, { immediate: true })

  return { info, settings, section, load, setTheme, cycleTheme }
})
