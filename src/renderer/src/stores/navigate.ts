// Moving between views: from a claim's evidence to the transcript, from a speaker to their
// profile, from a profile to a claim. One place, so every link lands the same way.
import { api } from '../api'
import { useArchive } from './archive'
import { useClaims } from './claims'
import { useInterviews } from './interviews'
import { useNotices } from './notices'
import { useSources } from './sources'

/** Opens an interview's transcript, with the given segment brought into view and flashed. */
export function showInTranscript(interviewId: string, segmentIndex?: number): Promise<unknown> {
  useArchive().section = 'interviews'
  return useNotices().attempt(() => useInterviews().open(interviewId, segmentIndex === undefined ? null : { index: segmentIndex, flash: true }))
}

export function showSource(id: string): Promise<unknown> {
  useArchive().section = 'sources'
  return useSources().open(id)
}

export function showClaim(id: string): Promise<unknown> {
  useArchive().section = 'claims'
  return useClaims().select(id)
}

/** Opens the transcript where a saved quote starts. */
export function showQuote(quote: { interviewId: string; start: { segmentId: string } }): Promise<unknown> {
  return useNotices().attempt(async () => {
    const transcript = await api.call('transcript.get', { id: quote.interviewId })
    const at = transcript.segments.findIndex((s) => s.id === quote.start.segmentId)
    await showInTranscript(quote.interviewId, at >= 0 ? at : undefined)
  })
}
