import { blockText, blockValue, isBlockParam, type BlockValue } from './blocks.ts'
import { configuredThresholdSek, formatValue } from './format.ts'
import { placeholderToken, splitParagraphs, splitPlaceholders } from './placeholders.ts'
import type { ClauseParam, ClauseRecord, Lang, ParamValue, ParamValues } from './record.ts'

export type FilledPiece =
  | { kind: 'text'; text: string }
  /**
   * `filled: false` carries the `{name}` token so the validator and the reader see what is missing.
   * `block` is set when the value is written as a list, table or signature blocks (the paragraph held
   * only this parameter); `text` is then its plain-text form.
   */
  | { kind: 'param'; name: string; text: string; filled: boolean; block?: BlockValue }

/**
 * The value a parameter is filled with: the given one, or for the configured threshold the figure the
 * validator compares with, so nobody types (or mistypes) it.
 */
export function effectiveValue(param: ClauseParam, params: ParamValues): ParamValue | null | undefined {
  const given = params[param.name]
  if ((given === undefined || given === null) && param.type === 'threshold_sek') return configuredThresholdSek()
  return given
}

/**
 * The clause text in one language as paragraphs of literal text and parameter values. Substitution
 * is a single pass over the approved text, so a value such as "{other}" is never substituted again.
 */
export function fillParagraphs(clause: ClauseRecord, params: ParamValues, lang: Lang): FilledPiece[][] {
  const byName = new Map(clause.parameters.map((p) => [p.name, p]))
  return splitParagraphs(clause.text[lang]).map((paragraph) => {
    const pieces = splitPlaceholders(paragraph)
    const only = pieces.length === 1 && pieces[0]!.kind === 'param' ? byName.get(pieces[0]!.name) : undefined
    if (only && isBlockParam(only)) {
      const block = blockValue(only, params[only.name], lang)
      if (block) return [{ kind: 'param', name: only.name, text: blockText(block), filled: true, block }]
    }
    return pieces.map((piece): FilledPiece => {
      if (piece.kind === 'text') return piece
      const param = byName.get(piece.name)
      const text = param ? formatValue(param, effectiveValue(param, params), lang) : null
      return text === null ? { kind: 'param', name: piece.name, text: placeholderToken(piece.name), filled: false } : { kind: 'param', name: piece.name, text, filled: true }
    })
  })
}

/** The filled clause as plain text, paragraphs separated by a blank line. */
export function fillClause(clause: ClauseRecord, params: ParamValues, lang: Lang): string {
  return fillParagraphs(clause, params, lang)
    .map((pieces) => pieces.map((p) => p.text).join(''))
    .join('\n\n')
}

/**
 * The parameters with the clause's suggested defaults for those not given. Kept apart from filling so
 * that a default is a visible choice of the inserting UI, not something the text silently assumes.
 */
export function withDefaults(clause: ClauseRecord, params: ParamValues): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {}
  for (const p of clause.parameters) {
    const value = params[p.name] ?? p.default
    if (value !== undefined && value !== null) out[p.name] = value
  }
  return out
}
