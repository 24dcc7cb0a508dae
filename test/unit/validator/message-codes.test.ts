import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { newAgreementDoc } from '../../../schema/index.ts'
import { CRITERIA } from '../../../schema/validator/criteria.ts'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'
import { MESSAGE_CODES, concernsText, criterionText, renderMessage, type Lang } from '../../../schema/validator/messages.ts'
import { validateAgreement, type ValidationReport } from '../../../schema/validator/index.ts'
import type { MessageParams } from '../../../schema/validator/types.ts'
import * as checklist from '../../../client/messages/validator-checklist.ts'
import { FIXTURES } from './helpers.ts'

const CORPUS = fileURLToPath(new URL('../../fixtures/validator-corpus/', import.meta.url))

/** Every draft the tests know: the labelled corpus, the fixtures, a fresh skeleton in each language. */
function documents(): { name: string; doc: unknown }[] {
  const out: { name: string; doc: unknown }[] = []
  for (const dir of [CORPUS, FIXTURES]) {
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith('.md') && file !== 'README.md') out.push({ name: file, doc: markdownToDoc(readFileSync(dir + file, 'utf8')) })
      else if (file.endsWith('.json') && !file.startsWith('truth')) out.push({ name: file, doc: JSON.parse(readFileSync(dir + file, 'utf8')) })
    }
  }
  for (const lang of ['sv', 'en'] as const) out.push({ name: `skeleton-${lang}`, doc: newAgreementDoc({ title: 'T', lang, skeleton: true, makeUid: () => 'u' }) })
  return out
}

/** Parameters that exercise every branch of each message. */
const SAMPLE: Record<string, MessageParams> = {
  'validator.section.present': { section: 'duration' },
  'validator.section.missing': { section: 'termination' },
  'validator.section.incomplete': { section: 'activities', criteria: ['AC2'], placeholderOnly: false, unfilled: ['belopp'], about: { AC2: ['Läxhjälp'] } },
  'validator.warning.threshold_check': { value: 12_000_000, threshold: 8_000_000, fromYear: 2026, toYear: 2027 },
  'validator.warning.value_unknown': {},
  'validator.warning.long_duration_without_review': { months: 60 },
  'validator.warning.short_notice_heavy_commitments': { months: 3 },
  'validator.warning.per_unit_pricing': {},
  'validator.warning.non_party_contributor': { name: 'Region Norrby' },
  'validator.warning.date_consistency': { what: 'end_before_start' },
}

describe('validator messages as codes and parameters', () => {
  it('every code has a rendering in Swedish and in English, and the two differ', () => {
    expect(Object.keys(SAMPLE).sort()).toEqual([...MESSAGE_CODES].sort())
    for (const code of MESSAGE_CODES) {
      const sv = renderMessage(code, SAMPLE[code], 'sv')
      const en = renderMessage(code, SAMPLE[code], 'en')
      if (code === 'validator.section.present') {
        // A present section says nothing (its message has always been ""); the panel lists it by name.
        expect([sv, en]).toEqual(['', ''])
        continue
      }
      expect(sv, code).toMatch(/\S{3}/)
      expect(en, code).toMatch(/\S{3}/)
      expect(sv, code).not.toBe(en)
    }
    expect(renderMessage('validator.section.incomplete', SAMPLE['validator.section.incomplete'], 'en')).toContain('Läxhjälp')
    expect(renderMessage('validator.warning.threshold_check', SAMPLE['validator.warning.threshold_check'], 'sv')).toContain('12 000 000 kr')
    expect(renderMessage('validator.warning.threshold_check', SAMPLE['validator.warning.threshold_check'], 'en')).toContain('12,000,000 SEK')
  })

  it('an unknown code renders as null rather than as someone else’s sentence', () => {
    expect(renderMessage('validator.warning.nonsense', {}, 'sv')).toBeNull()
    expect(renderMessage('toString', {}, 'sv')).toBeNull()
    expect(renderMessage(undefined, {}, 'en')).toBeNull()
  })

  it('every criterion the validator checks has its name and its gap in both languages', () => {
    const codes = Object.values(CRITERIA).flatMap((list) => list.map(([code]) => code))
    expect(codes.length).toBeGreaterThan(30)
    for (const code of codes) {
      for (const lang of ['sv', 'en'] as const) expect(criterionText(code, lang), `${code} ${lang}`).toMatch(/\S{3}/)
      const key = `validatorChecklistC_${code}` as keyof typeof checklist.sv
      expect(checklist.sv[key], code).toMatch(/\S{3}/)
      expect(checklist.en[key], code).toMatch(/\S{3}/)
    }
    expect(concernsText('DR1', { forum: 'arbitration' }, 'sv')).toContain('skiljeförfarande')
    expect(concernsText('PM3', { parties: 'A, B' }, 'en')).toBe('A, B')
  })

  it('on every known draft each finding carries a code whose rendering is its message, in either language', () => {
    const emitted = new Set<string>()
    for (const { name, doc } of documents()) {
      const reports: Record<Lang, ValidationReport> = { sv: validateAgreement(doc, { lang: 'sv' }), en: validateAgreement(doc, { lang: 'en' }) }
      // The parameters do not depend on the language asked for, so one run renders in both.
      expect(JSON.stringify(reports.sv.sections.map((s) => [s.code, s.params])), name).toBe(JSON.stringify(reports.en.sections.map((s) => [s.code, s.params])))
      expect(JSON.stringify(reports.sv.warnings.map((w) => [w.code, w.params])), name).toBe(JSON.stringify(reports.en.warnings.map((w) => [w.code, w.params])))
      const sv = JSON.parse(JSON.stringify(reports.sv)) as ValidationReport
      for (const lang of ['sv', 'en'] as const) {
        for (const [i, s] of sv.sections.entries()) {
          emitted.add(s.code!)
          expect(renderMessage(s.code, s.params, lang), `${name} ${s.id} ${lang}`).toBe(reports[lang].sections[i]!.message)
        }
        for (const [i, w] of sv.warnings.entries()) {
          emitted.add(w.code!)
          expect(w.code).toBe(`validator.warning.${w.rule}`)
          expect(renderMessage(w.code, w.params, lang), `${name} ${w.rule} ${lang}`).toBe(reports[lang].warnings[i]!.message)
        }
      }
    }
    // The drafts exercise the section codes and most warnings; the rest are covered by SAMPLE above.
    for (const code of ['validator.section.present', 'validator.section.missing', 'validator.section.incomplete', 'validator.warning.threshold_check', 'validator.warning.value_unknown'])
      expect(emitted).toContain(code)
    for (const code of emitted) expect(MESSAGE_CODES).toContain(code)
  })
})
