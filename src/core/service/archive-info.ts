import type { ArchiveInfo } from '../../shared/api/contract'
import { SCHEMA_VERSION, recordKinds, type RecordKind } from '../../shared/model'
import type { ArchiveStore } from '../archive/store'
import { danglingReferences } from './references'

/** What the app shows about the open archive, including what opening repaired and what points at nothing. */
export function archiveInfo(store: ArchiveStore): ArchiveInfo {
  const report = store.openReport
  const broken = danglingReferences(store.index)
  return {
    archiveId: store.index.archiveId,
    name: store.index.settings.name,
    path: store.dir,
    readOnly: store.readOnly,
    ...(store.readOnlyReason ? { readOnlyReason: store.readOnlyReason } : {}),
    schemaVersion: SCHEMA_VERSION,
    counts: Object.fromEntries(recordKinds.map((k) => [k, store.index[k].length])) as Record<RecordKind, number>,
    ...(store.index.demo ? { demo: true as const } : {}),
    ...(report.message
      ? {
          openNotice: {
            message: report.message,
            ...(report.restoredFrom ? { restoredFrom: report.restoredFrom.createdAt } : {}),
            ...(report.movedAside ? { movedAside: report.movedAside } : {})
          }
        }
      : {}),
    ...(broken.length
      ? { brokenReferences: { count: broken.length, examples: broken.slice(0, 10).map((d) => `${d.from} points at ${d.to}, which is not in the archive`) } }
      : {})
  }
}
