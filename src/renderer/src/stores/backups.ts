import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { BackupSummary } from '../../../shared/api/contract'
import { api } from '../api'
import { formatDateTime } from '../../../shared/time'
import { plural } from '../../../shared/words'
import { useArchive } from './archive'
import { useConfirm } from './confirm'
import { useNotices } from './notices'

/** File › Restore from Backup…: the snapshots with their times and counts, and putting one back. */
export const useBackups = defineStore('backups', () => {
  const shown = ref(false)
  const list = ref<BackupSummary[]>([])
  const busy = ref(false)

  async function show(): Promise<void> {
    shown.value = true
    list.value = (await useNotices().attempt(() => api.call('backups.list', {}))) ?? []
  }

  async function backupNow(): Promise<void> {
    const made = await useNotices().attempt(() => api.call('backups.create', {}))
    if (made) list.value = [made, ...list.value]
  }

  async function restore(backup: BackupSummary, reload: () => Promise<void>): Promise<void> {
    const when = formatDateTime(backup.createdAt)
    const ok = await useConfirm().ask({
      title: 'Restore this backup?',
      message: `The archive goes back to how it was on ${when}. Changes made since then leave the archive; a backup of the archive as it is now is taken first, so you can come back.`,
      confirm: 'Restore backup'
    })
    if (!ok) return
    busy.value = true
    try {
      const info = await useNotices().attempt(() => api.call('backups.restore', { id: backup.id }))
      if (!info) return
      useArchive().info = info
      await reload()
      shown.value = false
      useNotices().push('info', `Restored the backup of ${when}: ${plural(info.counts.interviews, 'interview')}, ${plural(info.counts.quotes, 'quote')}.`)
    } finally {
      busy.value = false
    }
  }

  return { shown, list, busy, show, backupNow, restore }
})
