import { defineStore } from 'pinia'
import { ref } from 'vue'
import { emptyReport, MAX_IMPORT_BYTES, type ImportReport } from '../../../shared/import-report'
import { api } from '../api'
import { toBase64, type PickedFile } from '../files'
import { useInterviews } from './interviews'
import { useTags } from './records'
import { useSources } from './sources'

/** A batch import: one file per call, so the bar moves and one bad file stops nothing. */
export const useImports = defineStore('imports', () => {
  const running = ref(false)
  const done = ref(0)
  const total = ref(0)
  const current = ref('')
  const report = ref<ImportReport | null>(null)

  async function importPicked(picked: PickedFile[], allowDuplicate = false): Promise<void> {
    if (running.value || picked.length === 0) return
    running.value = true
    done.value = 0
    total.value = picked.length
    const batch = emptyReport()
    report.value = batch
    try {
      for (const { label, file } of picked) {
        current.value = label
        if (file.size > MAX_IMPORT_BYTES) {
          batch.failed.push({ file: label, error: `The file is ${Math.round(file.size / 1048576)} MB; Verbatim imports files up to ${MAX_IMPORT_BYTES / 1048576} MB.` })
        } else {
          try {
            const one = await api.call('import.upload', { files: [{ name: label, data: await toBase64(file) }], allowDuplicate })
            batch.imported.push(...one.imported)
            batch.skipped.push(...one.skipped)
            batch.failed.push(...one.failed)
            batch.codebooks.push(...one.codebooks)
          } catch (e) {
            batch.failed.push({ file: label, error: e instanceof Error ? e.message : String(e) })
          }
        }
        done.value++
        report.value = { ...batch }
      }
    } finally {
      running.value = false
      current.value = ''
      await Promise.all([useInterviews().load(), useSources().load(), useTags().load()])
    }
  }

  function dismiss(): void {
    report.value = null
  }

  return { running, done, total, current, report, importPicked, dismiss }
})
