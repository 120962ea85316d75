// Finding evidence for a claim: segments from every interview that bear on it, best first, each
// with why it matched. Candidates come from the search index (names in both scripts, figures as
// digits and as the words that count them, the claim's month in three languages, its rarest
// terms), so the cost is a handful of index lookups, never a read of every transcript; each
// candidate is then read the way the claim was read (features.ts) and scored.
import type { EvidenceProposal, MatchReason } from '../../shared/claims'
import type { SearchHit } from '../../shared/search'
import { featuresOf, relevantDates, relevantFigures, type Features } from './features'
import { formatDate } from '../text/dates'
import { formatFigure } from '../text/numbers'
import { crossScriptSpellings, hasName, indexText, type Term } from '../text/terms'

export type Proposal = EvidenceProposal

const isDistinctive = (value: number): boolean => value >= 1000 || (Number.isInteger(value) && value % 10 !== 0 && value > 12)

export type SearchFn = (query: string, limit: number) => Promise<SearchHit[]>

const MONTH_WORDS: Record<number, string[]> = {
  1: ['january', 'январ', 'қаңтар'], 2: ['february', 'феврал', 'ақпан'], 3: ['march', 'март', 'наурыз'],
  4: ['april', 'апрел', 'сәуір'], 5: ['may', 'ма', 'мамыр'], 6: ['june', 'июн', 'маусым'], 7: ['july', 'июл', 'шілде'],
  8: ['august', 'август', 'тамыз'], 9: ['september', 'сентябр', 'қыркүйек'], 10: ['october', 'октябр', 'қазан'],
  11: ['november', 'ноябр', 'қараша'], 12: ['december', 'декабр', 'желтоқсан']
}

/** Words that count a figure of this size, in the three languages, to find it written out. */
function countingWords(value: number): string[] {
  if (value >= 1e9) return ['billion', 'миллиард']
  if (value >= 1e6) return ['million', 'миллион', 'млн']
  if (value >= 1e3) return ['thousand', 'тысяч', 'мың']
  if (value >= 100) return ['hundred', 'сот', 'жүз']
  return []
}

/** The index lookups for one claim: a few dozen at most, whatever the archive's size. */
export function candidateQueries(claim: Features): string[] {
  const queries = new Set<string>()
  for (const t of claim.terms.filter((t) => t.name)) {
    queries.add(t.text)
    for (const other of crossScriptSpellings(t.text)) queries.add(other)
  }
  for (const f of claim.figures) {
    if (Number.isInteger(f.value)) {
      queries.add(String(f.value))
      if (f.value >= 1000) queries.add(`"${f.value.toLocaleString('en-US').replace(/,/g, ' ')}"`)
    }
    for (const w of countingWords(f.value)) queries.add(w)
  }
  for (const d of claim.dates) for (const w of MONTH_WORDS[d.month ?? 0] ?? []) if (w.length > 2) queries.add(w)
  // Terms by length as a stand-in for rarity: long words say more about what the claim is about.
  const plain = claim.terms.filter((t) => !t.name).sort((a, b) => b.text.length - a.text.length)
  for (const t of plain.slice(0, 6)) queries.add(t.stem.length >= 4 ? t.stem : t.text)
  return [...queries].slice(0, 40)
}

export interface ProposeOptions {
  includeOffRecord?: boolean
  limit?: number
  /** Segments already linked to the claim (interviewId:segmentId): marked, not hidden. */
  linked?: ReadonlySet<string>
  /** Candidates per index lookup. */
  perQuery?: number
  /** Candidates read closely, at most. */
  shortlist?: number
  /** Segments never to propose, by who says them (the interviewer's questions). */
  skip?: (interviewId: string, speaker: string | undefined) => boolean
}

const WEIGHT = { number: 4, date: 3, name: 3, term: 1 } as const

export async function proposeEvidence(claimText: string, search: SearchFn, options: ProposeOptions = {}): Promise<Proposal[]> {
  const claim = featuresOf(claimText)
  const perQuery = options.perQuery ?? 60
  const candidates = new Map<string, { hit: SearchHit; lookups: number; rank: number }>()
  const queries = candidateQueries(claim)
  for (const query of queries) {
    const hits = await search(query, perQuery)
    hits.forEach((hit, rank) => {
      if (hit.kind !== 'segment' || !hit.interviewId || !hit.segmentId) return
      if (hit.offRecord && !options.includeOffRecord) return
      if (options.skip?.(hit.interviewId, hit.speaker)) return
      const key = `${hit.interviewId}:${hit.segmentId}`
      const seen = candidates.get(key)
      if (seen) {
        seen.lookups++
        seen.rank = Math.min(seen.rank, rank)
      } else candidates.set(key, { hit, lookups: 1, rank })
    })
  }
  // Scoring reads each candidate closely; the ones more lookups found, and found early, go first,
  // and a bounded number are read, so the cost stays flat however large the archive.
  const shortlist = [...candidates].sort((a, b) => b[1].lookups - a[1].lookups || a[1].rank - b[1].rank).slice(0, options.shortlist ?? 250)
  const proposals: Proposal[] = []
  for (const [key, { hit }] of shortlist) {
    const p = score(hit, claim)
    if (!p) continue
    if (options.linked?.has(key)) p.linked = true
    proposals.push(p)
  }
  proposals.sort((a, b) => b.score - a.score || a.interviewId.localeCompare(b.interviewId) || a.segmentIndex - b.segmentIndex)
  return proposals.slice(0, options.limit ?? 30)
}

function score(hit: SearchHit, claim: Features): Proposal | null {
  const text = hit.text
  const features = featuresOf(text)
  const words = indexText(text)
  const matches: MatchReason[] = []
  let differs = false
  for (const r of relevantFigures(features, claim)) {
    const said = r.figure.text
    const claimSays = r.claimFigure.text
    if (r.relation === 'differs') differs = true
    matches.push({
      kind: 'number',
      text: said,
      value: r.figure.value,
      ...(r.relation === 'differs' || said.replace(/\s+/g, ' ') !== claimSays.replace(/\s+/g, ' ') ? { claim: formatFigure(r.claimFigure) } : {}),
      ...(r.relation === 'differs' ? { differs: true as const } : {})
    })
  }
  let looseDates = 0
  for (const r of relevantDates(features, claim)) {
    // "in January" against "6 January 2022" agrees as far as it goes, which is not far.
    const precise = r.date.day !== undefined || (r.claimDate.day === undefined && r.date.year !== undefined)
    if (!precise && r.relation === 'same') {
      looseDates++
      matches.push({ kind: 'date', text: r.date.text, claim: formatDate(r.claimDate), loose: true })
      continue
    }
    if (r.relation === 'differs') differs = true
    matches.push({ kind: 'date', text: r.date.text, claim: formatDate(r.claimDate), ...(r.relation === 'differs' ? { differs: true as const } : {}) })
  }
  const matchedTerm = (t: Term): string | null => {
    if (words.stems.has(t.stem)) return t.text
    if (t.name && hasName(words, t.skeleton)) {
      // The name in another script: show the segment's own spelling.
      const own = text.match(/[\p{L}\p{M}'’-]+/gu)?.find((w) => /^\p{Lu}/u.test(w) && hasName(indexText(w), t.skeleton))
      return own ?? t.text
    }
    return null
  }
  for (const t of claim.terms) {
    const m = matchedTerm(t)
    if (m === null) continue
    matches.push({ kind: t.name ? 'name' : 'term', text: m, ...(m !== t.text ? { claim: t.text } : {}) })
  }
  const figures = matches.filter((m) => (m.kind === 'number' || m.kind === 'date') && !m.loose)
  const names = matches.filter((m) => m.kind === 'name').length
  const terms = matches.filter((m) => m.kind === 'term').length
  // A segment bears on a claim through a figure or date it speaks to, a name it shares, or several shared terms.
  const total = figures.length * WEIGHT.number + names * WEIGHT.name + terms * WEIGHT.term + looseDates
  // A figure with nothing else in common is a coincidence, unless it is one nobody says by chance:
  // exactly the claim's figure, and large or not round (3,200,000; 238), in any language.
  const distinctive = matches.some((m) => m.kind === 'number' && !m.differs && isDistinctive(m.value ?? 0))
  if (names === 0 && terms === 0 && !distinctive) return null
  if (figures.length === 0 && names === 0 && terms < 2) return null
  if (total < 3) return null
  return {
    interviewId: hit.interviewId as string,
    ...(hit.interviewTitle ? { interviewTitle: hit.interviewTitle } : {}),
    segmentId: hit.segmentId as string,
    segmentIndex: hit.segmentIndex ?? 0,
    speaker: hit.speaker ?? '',
    text,
    why: describe(matches),
    matches,
    score: total,
    stance: differs ? 'contradicts' : figures.length || names ? 'supports' : 'context',
    ...(hit.offRecord ? { offRecord: true as const } : {})
  }
}

function describe(matches: MatchReason[]): string {
  const parts: string[] = []
  for (const m of matches.filter((m) => m.kind === 'number' || m.kind === 'date')) {
    const what = m.kind === 'number' ? 'number' : 'date'
    if (m.loose) parts.push(`month ${m.text}`)
    else parts.push(m.differs ? `a different ${what}: ${m.text} (claim: ${m.claim})` : `${what} ${m.text}${m.claim && m.claim !== m.text ? ` (= ${m.claim})` : ''}`)
  }
  for (const m of matches.filter((m) => m.kind === 'name')) parts.push(`name ${m.text}${m.claim ? ` (= ${m.claim})` : ''}`)
  const terms = matches.filter((m) => m.kind === 'term').map((m) => m.text)
  if (terms.length) parts.push(`term${terms.length > 1 ? 's' : ''}: ${terms.join(', ')}`)
  return parts.join('; ')
}
