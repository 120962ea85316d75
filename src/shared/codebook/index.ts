export { TAG_PATH_SEPARATOR, caseKey, looseKey, normaliseTagName, tagPath } from './tag-name'
export { editDistance } from './edit-distance'
export { allowedTypos, suggestDuplicates, type DuplicateReason, type DuplicateSuggestion } from './duplicates'
export { tagTree, type TagNode } from './tag-tree'
