import type { InjectionKey } from 'vue'

/** What a keyboard picker lists: a saved quote or a claim, with what tells it apart. */
export interface PickerItem {
  id: string
  label: string
  detail?: string
  badge?: string
  /** Words a search matches besides the label (speaker, interview). */
  search?: string
}

/** Asks the editor for its picker: what to list, and what to do with the choice. */
export interface PickerRequest {
  kind: 'quote' | 'claim'
  title: string
  onPick: (id: string) => void
}

export const OPEN_PICKER: InjectionKey<(request: PickerRequest) => void> = Symbol('open-picker')
