/**
 * The clause library's public API, safe for the browser. The directory loader (load-dir.ts) reads the
 * file system and is imported from its own module by the server and tests only.
 */
export * from './record.ts'
export { ClauseLoadError } from './errors.ts'
export { validateClause, validateClauses, type ClauseSource } from './validate.ts'
export { createLibrary, type ClauseLibrary } from './library.ts'
export { builtinLibrary } from './builtin.ts'
export { searchClauses, type SearchHit, type SearchOptions } from './search.ts'
export { fold } from './fold.ts'
export { formatValue, formatNumber, parseNumber, configuredThresholdSek, CELL_SEPARATOR } from './format.ts'
export { checkParams, type ParamIssue } from './params-check.ts'
export { fillClause, fillParagraphs, withDefaults, effectiveValue, type FilledPiece } from './fill.ts'
export { blockNodes } from './clause-node.ts'
export { blockValue, isBlockParam, type BlockValue } from './blocks.ts'
export { buildClauseNode } from './clause-node.ts'
export { approvedMaskedText, maskedTextOfNode, contentHash } from './masked-text.ts'
export {
  detectDeviation,
  revertToApproved,
  type DeviationResult,
  type DeviationStatus,
  type DiffPart,
  type RevertOptions,
} from './deviation.ts'
export {
  templateSchema,
  templateOutlineSchema,
  type TemplateOutline,
  buildDocFromTemplate,
  resolveTemplateItems,
  TemplateClauseMissingError,
  type Template,
  type TemplateItem,
  type BuildDocOptions,
} from './template.ts'
export { PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, packageChecksum, type TemplatePackage } from './package-format.ts'
export { exportTemplatePackage } from './package-export.ts'
export {
  parseTemplatePackage,
  type ImportPlan,
  type PackageError,
  type ParsePackageOptions,
  type ParsePackageResult,
  type ClauseRename,
} from './package-import.ts'
export { canonicalJson } from '../schema/canonical-json.ts'
export { sha256Hex } from './sha256.ts'
