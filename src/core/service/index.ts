import type { ArchiveInfo } from '../../shared/api/contract'
import type { Handlers } from '../../shared/api/dispatch'
import type { ArchiveStore } from '../archive/store'
import { crudHandlers } from './crud'
import { interviewRules, transcriptOf } from './interviews'
import { acceptQuote } from './quotes'
import { recordRules } from './rules'
import type { SearchService } from './search'
import { updateSegment } from './segments'
import { mergeTags, tagUsage } from './tags'
import { addEvidence, proposeFor, reviewClaims } from './claims'
import { factcheckSheet } from './factcheck'
import { checkDraftById, exportDraftById, makeClaimFromSentence } from './drafts'
import { impactOf } from './impact'
import { restoreFromTrash, trashList } from './trash'
import { mergeSources, profileOf, reassignSpeaker, unmergeSources } from './people'
import { archiveInfo } from './archive-info'

/** The API contract implemented once, over one open archive. Every door calls these. */
export interface SessionHooks {
  /** Restores a snapshot and reopens the archive; only the session can swap the store. */
  restore: (backupId: string) => Promise<ArchiveInfo>
  /** Puts the archive aside and opens an empty one in its place; only the session can swap the store. */
  startEmpty: () => Promise<ArchiveInfo & { keptAt: string }>
}

export function createHandlers(store: ArchiveStore, search: SearchService, hooks: SessionHooks): Handlers {
  const rules = recordRules(store)
  return {
    ...crudHandlers(store, 'interviews', interviewRules),
    ...crudHandlers(store, 'sources', rules.sources),
    ...crudHandlers(store, 'tags', rules.tags),
    ...crudHandlers(store, 'quotes', rules.quotes),
    ...crudHandlers(store, 'claims', rules.claims),
    ...crudHandlers(store, 'drafts', rules.drafts),
    'archive.info': async () => archiveInfo(store),
    'backups.list': () => store.backups(),
    'backups.create': () => store.backupNow(),
    'backups.restore': ({ id }) => hooks.restore(id),
    'transcript.get': ({ id }) => transcriptOf(store, id),
    'settings.get': async () => store.index.settings,
    'settings.update': (patch) =>
      store.commit((next) => {
        next.settings = { ...next.settings, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) }
        return next.settings
      }),
    'search.query': async ({ query, limit }) => ({ hits: await search.search(query, limit) }),
    'segments.update': (input) => updateSegment(store, input),
    'quotes.accept': ({ id }) => acceptQuote(store, id),
    'tags.merge': ({ from, into }) => mergeTags(store, from, into),
    'tags.usage': () => tagUsage(store),
    'records.impact': async ({ kind, id }) => impactOf(store.index, kind, id),
    'trash.list': async () => trashList(store.index),
    'trash.restore': ({ id }) => restoreFromTrash(store, id),
    'archive.startEmpty': () => hooks.startEmpty(),
    'sources.merge': ({ from, into }) => mergeSources(store, from, into),
    'sources.unmerge': ({ mergeId }) => unmergeSources(store, mergeId),
    'sources.profile': ({ id }) => profileOf(store, id),
    'speakers.reassign': (input) => reassignSpeaker(store, input),
    'claims.review': (filter) => reviewClaims(store, filter),
    'claims.propose': (input) => proposeFor(store, search, input),
    'claims.addEvidence': (input) => addEvidence(store, input),
    'drafts.check': async ({ id }) => checkDraftById(store, id),
    'drafts.export': (input) => exportDraftById(store, input),
    'drafts.makeClaim': (input) => makeClaimFromSentence(store, input),
    'factcheck.markdown': ({ draftId }) => factcheckSheet(store, draftId),
    // The importers (Word, XML, CSV, encodings) are most of the code: loaded on the first import,
    // so a CLI call that only reads starts without them.
    'import.files': async ({ paths, allowDuplicate }) => (await import('./import')).importPaths(store, paths, allowDuplicate),
    'import.upload': async ({ files, allowDuplicate }) => (await import('./import')).importUploads(store, files, allowDuplicate)
  }
}
