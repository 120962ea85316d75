// What checking and exporting a draft says, shared by the core and every door.

/** `integrity`: a quote that is not faithful to the transcript; `leak`: something confidential would be printed. */
export type ProblemKind = 'integrity' | 'leak' | 'missing quote' | 'unsourced'

export interface DraftProblem {
  sectionId: string
  /** The block's place in its section (from 0); -1 when it is not one block (front matter, footnotes). */
  blockIndex: number
  kind: ProblemKind
  message: string
  /** The editor chose to print it anyway, with this reason (integrity only; goes into the fact-check sheet). */
  overridden?: string
}

/** A sentence of prose that states a number, a date or a named person or organisation. */
export interface Statement {
  sectionId: string
  blockIndex: number
  /** Where the sentence stands in the block's text, end exclusive. */
  start: number
  end: number
  sentence: string
  /** What makes it a statement of fact: "number 2,500", "date 6 January", "name Khabar". */
  reasons: string[]
  /** The claims it is tied to; empty when unsourced. */
  claimIds: string[]
}

export interface DraftCheck {
  problems: DraftProblem[]
  statements: Statement[]
  /** The draft's statements of fact by the status of the claim each is tied to, or unsourced. */
  counts: { corroborated: number; disputed: number; unverified: number; false: number; 'verified-by-document': number; unsourced: number }
}

export interface HeldBack {
  sourceId: string
  name: string
  why: 'anonymous' | 'unconfirmed' | 'first-name'
  /** What the export printed instead. */
  printedAs: string
}

export interface DraftExport {
  format: 'md' | 'html'
  content: string
  /** A file name for the export: the title, made safe. */
  filename: string
  /** People whose names were held back, and why: for the editor, never in the file. */
  heldBack: HeldBack[]
  /** What did not stop the export but an editor should see (unsourced statements, overridden checks). */
  warnings: DraftProblem[]
}

/** Problems that stop an export; unsourced statements are shown, not refused. */
export const isBlocking = (p: DraftProblem): boolean => p.kind !== 'unsourced' && !p.overridden
