import type { InjectionKey } from 'vue'

/** Reloads every list from the archive (after a restore, or starting an empty archive): App provides it. */
export const RELOAD: InjectionKey<() => Promise<void>> = Symbol('reload')
