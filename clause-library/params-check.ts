import { isYearMonth, monthNumber, parseNumber } from './format.ts'
import type { ClauseRecord, ParamValues } from './record.ts'

export interface ParamIssue {
  name: string
  code: 'missing' | 'not_a_number' | 'not_a_date' | 'not_a_month' | 'not_a_year' | 'not_an_orgnr' | 'not_an_option' | 'unknown_parameter'
}

/**
 * What the form must still ask for before a clause counts as filled in. Filling itself never fails:
 * it shows what it has, so this is a separate question the UI asks.
 */
export function checkParams(clause: ClauseRecord, params: ParamValues): ParamIssue[] {
  const issues: ParamIssue[] = []
  const declared = new Set(clause.parameters.map((p) => p.name))
  for (const p of clause.parameters) {
    const value = params[p.name]
    if (isEmpty(value)) {
      // The configured threshold is filled from the settings, never asked for.
      if (p.required && p.type !== 'threshold_sek') issues.push({ name: p.name, code: 'missing' })
      continue
    }
    if ((p.type === 'number' || p.type === 'months' || p.type === 'amount_sek') && parseNumber(value!) === null) {
      issues.push({ name: p.name, code: 'not_a_number' })
    }
    if (p.type === 'date' && !isIsoDate(String(value))) issues.push({ name: p.name, code: 'not_a_date' })
    if (p.type === 'month' && monthNumber(value!) === null) issues.push({ name: p.name, code: 'not_a_month' })
    if (p.type === 'year_month' && !isYearMonth(String(value))) issues.push({ name: p.name, code: 'not_a_month' })
    if (p.type === 'year' && !/^\d{4}$/.test(String(value).trim())) issues.push({ name: p.name, code: 'not_a_year' })
    if (p.type === 'orgnr' && !ORGNR.test(String(value).trim())) issues.push({ name: p.name, code: 'not_an_orgnr' })
    if (p.type === 'choice' && !p.options?.some((o) => o.value === String(value))) issues.push({ name: p.name, code: 'not_an_option' })
  }
  for (const name of Object.keys(params)) if (!declared.has(name)) issues.push({ name, code: 'unknown_parameter' })
  return issues
}

/** NNNNNN-NNNN; the check digit is not verified, a draft may hold a number still being looked up. */
const ORGNR = /^\d{6}-\d{4}$/

export function isEmpty(value: ParamValues[string]): boolean {
  if (value === null || value === undefined) return true
  if (Array.isArray(value)) return value.every((v) => String(v).trim() === '')
  return String(value).trim() === ''
}

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const d = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value
}
