import { quoteTextOf, spansOffRecord } from '../../shared/anchor'
import { VerbatimError } from '../../shared/errors'
import type { Quote } from '../../shared/model'
import type { ArchiveStore } from '../archive/store'
import { quoteSpeakers } from './people'
import { findRecord } from './records'

/**
 * A quote is saved only if its anchors read exactly its words: what the editor selected is what
 * the archive keeps. Whether it reaches into an off-the-record passage is worked out here, not
 * taken from the caller.
 */
export async function checkNewQuote(store: ArchiveStore, quote: Quote): Promise<Quote> {
  const segments = await store.transcript(quote.interviewId)
  const actual = quoteTextOf(segments, quote.start, quote.end)
  if (actual === null) throw new VerbatimError('invalid-input', 'The quote’s start or end is not in this transcript.')
  if (actual !== quote.text) {
    throw new VerbatimError('invalid-input', `The quote’s words do not match the transcript there: it reads “${actual.slice(0, 200)}”.`)
  }
  return { ...quote, status: 'exact', spansOffRecord: spansOffRecord(segments, quote.start, quote.end), ...quoteSpeakers(segments, quote) }
}

/** The editor read the changed words and keeps the quote as the transcript now says it. */
export function acceptQuote(store: ArchiveStore, id: string): Promise<Quote> {
  return store.commit(async (next) => {
    const quote = findRecord(next, 'quotes', id)
    const segments = await store.transcript(quote.interviewId)
    const text = quoteTextOf(segments, quote.start, quote.end)
    if (quote.status === 'missing' || text === null || text === '') {
      throw new VerbatimError('conflict', 'This quote’s words are no longer in the transcript: delete it or make a new one.')
    }
    Object.assign(quote, { text, status: 'exact', spansOffRecord: spansOffRecord(segments, quote.start, quote.end), updatedAt: new Date().toISOString() })
    delete quote.currentText
    return structuredClone(quote)
  })
}
