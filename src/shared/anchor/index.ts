export { SEGMENT_JOINER, quoteTextOf, type AnchorSegment } from './flat-text'
export { diffText, mapOffset, rebaseSpan, type EditAlignment, type RebasedSpan, type TextEdit } from './text-diff'
export {
  reanchor,
  reanchorAll,
  type QuoteAnchors,
  type ReanchorOptions,
  type ReanchorReason,
  type ReanchorResult,
  type ReanchorStatus
} from './reanchor'
export { offRecordSegmentIds, spansOffRecord, type OffRecordSegment } from './off-record'
