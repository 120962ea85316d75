// "Copy with attribution": the line a reporter pastes, named by the source's own naming rule and
// the archive's house style (shared/naming.ts), so the app never names someone an export would not.
import { SEGMENT_JOINER } from '../../../shared/anchor'
import type { HouseStyle, Quote, Source } from '../../../shared/model'
import { attributedQuote, attributionName } from '../../../shared/naming'

export interface Attribution {
  line: string
  /** The person (or document) named, or null when no source is linked and the quote is printed as anonymous. */
  source: Source | null
}

/**
 * `“words,” says Saule Bekova, a political journalist.` for a quote, by the first person it is a
 * voice of. A speaker not linked to any source is nobody's decision yet: printed as anonymous,
 * like an unconfirmed person.
 */
export function quoteAttribution(quote: Pick<Quote, 'text' | 'sourceIds'>, sources: ReadonlyMap<string, Source>, style: HouseStyle): Attribution {
  const linked = quote.sourceIds.map((id) => sources.get(id)).filter((s): s is Source => s !== undefined)
  const source = linked.find((s) => s.kind === 'person') ?? linked[0] ?? null
  const who = attributionName(source ?? { kind: 'person', name: 'unknown', naming: 'unconfirmed' }, style, 'first')
  const words = quote.text.split(SEGMENT_JOINER).join(' ')
  return { line: attributedQuote(words, who, style), source }
}
