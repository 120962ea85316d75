import type { ArchiveStore } from '../archive/store'
import type { OffRecordPassage } from './protect'

/**
 * Every off-the-record passage in the archive, for the leak check. The index counts each
 * interview's off-record segments, so only transcripts that hold some are read (and those of
 * interviews from before format 2, which were never counted).
 */
export async function offRecordPassages(store: ArchiveStore): Promise<OffRecordPassage[]> {
  const out: OffRecordPassage[] = []
  for (const interview of store.index.interviews) {
    if (interview.offRecordSegments === 0) continue
    const segments = await store.transcript(interview.id).catch(() => [])
    for (const s of segments) if (s.offRecord && s.text.trim()) out.push({ interviewId: interview.id, segmentId: s.id, text: s.text })
  }
  return out
}
