import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { EvidenceProposal } from '../../../shared/claims'
import type { Stance } from '../../../shared/model'
import { api } from '../api'
import { useClaims } from './claims'
import { useNotices } from './notices'
import { useQuotes } from './quotes'

/** A proposal as the finder shows it: what the archive proposed, and what the editor did with it. */
export interface FinderItem extends EvidenceProposal {
  key: string
  /** Accepted here, with this stance. */
  acceptedAs?: Stance
}

/**
 * Finding evidence for one claim: the archive's proposals best first, the one the keyboard is on,
 * and accepting one (a quote made and linked in one call). Off-the-record segments are asked for
 * only when the editor ticks the box, and come back marked.
 */
export const useEvidenceFinder = defineStore('evidence-finder', () => {
  const notices = useNotices()
  const claimId = ref<string | null>(null)
  const items = ref<FinderItem[]>([])
  const focus = ref(0)
  const includeOffRecord = ref(false)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const accepting = ref(false)

  const isOpen = computed(() => claimId.value !== null)
  const claim = computed(() => (claimId.value ? useClaims().byId.get(claimId.value) : undefined))
  const focused = computed(() => items.value[focus.value])

  async function open(id: string): Promise<void> {
    claimId.value = id
    focus.value = 0
    items.value = []
    await propose()
  }

  function close(): void {
    claimId.value = null
    items.value = []
    error.value = null
  }

  let ticket = 0
  async function propose(): Promise<void> {
    const id = claimId.value
    if (!id) return
    const mine = ++ticket
    loading.value = true
    error.value = null
    try {
      const { proposals } = await api.call('claims.propose', { claimId: id, includeOffRecord: includeOffRecord.value })
      if (mine !== ticket || claimId.value !== id) return
      items.value = proposals.map((p) => ({ ...p, key: `${p.interviewId}:${p.segmentId}` }))
      focus.value = Math.max(0, items.value.findIndex((p) => !p.linked))
    } catch (e) {
      if (mine === ticket) error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (mine === ticket) loading.value = false
    }
  }

  function setIncludeOffRecord(on: boolean): Promise<void> {
    includeOffRecord.value = on
    return propose()
  }

  function move(by: number): void {
    const n = items.value.length
    if (!n) return
    focus.value = Math.min(n - 1, Math.max(0, focus.value + by))
  }

  function moveTo(index: number): void {
    if (index >= 0 && index < items.value.length) focus.value = index
  }

  /**
   * Turns a proposal into evidence with a stance: one call to claims.addEvidence makes the quote
   * and links it. The keyboard moves on to the next proposal not yet linked.
   */
  async function accept(stance: Stance, index = focus.value): Promise<boolean> {
    const id = claimId.value
    const item = items.value[index]
    if (!id || !item || accepting.value) return false
    accepting.value = true
    try {
      const result = await notices.attempt(() =>
        api.call('claims.addEvidence', { claimId: id, interviewId: item.interviewId, segmentId: item.segmentId, stance })
      )
      if (!result) return false
      items.value = items.value.map((p, i) => (i === index ? { ...p, linked: true, acceptedAs: stance } : p))
      const quotes = useQuotes()
      quotes.items = quotes.byId.has(result.quote.id) ? quotes.items.map((q) => (q.id === result.quote.id ? result.quote : q)) : [...quotes.items, result.quote]
      await notices.attempt(() => useClaims().replaceRecord(result.claim))
      const next = items.value.findIndex((p, i) => i > index && !p.linked)
      if (next >= 0) focus.value = next
      return true
    } finally {
      accepting.value = false
    }
  }

  return { claimId, claim, items, focus, focused, includeOffRecord, loading, error, accepting, isOpen, open, close, propose, setIncludeOffRecord, move, moveTo, accept }
})
