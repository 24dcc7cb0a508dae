import { describe, expect, it } from 'vitest'
import { fixture, rules, section, validateMd, withSections } from './helpers.ts'

/**
 * The validator findings on the clause library's own text (shared/domain/CLAUSE-REVIEW.md §7), each
 * with the clause as the library writes it, filled with realistic values, inside a complete draft.
 */
const BASE = fixture('sv-complete-informal.md')

const check = (md: string, id: Parameters<typeof section>[1], code: string) => section(validateMd(md), id).checks!.find((c) => c.code === code)!.verdict

describe('clause-review findings (§7)', () => {
  it('threshold_check does not take the threshold quoted in procurement_assessment as the contract value', () => {
    const md = withSections(BASE, {
      'Varför IOP?':
        'Vi har valt IOP eftersom föreningens ideella läxhjälpare inte går att upphandla. Den offentliga parten köper ingen tjänst genom överenskommelsen eftersom innehållet bestäms gemensamt. Det finns ingen marknad för ideell läxhjälp i Kronan. Det offentliga bidraget under hela avtalstiden, inklusive möjlig förlängning, beräknas till 2 600 000 kr, att jämföra med tröskelvärdet för sociala tjänster på 8 109 450 kr (2024–2025). Verksamheten är icke-ekonomisk och bidraget utgör därför inte statsstöd.',
    })
    expect(rules(validateMd(md))).not.toContain('threshold_check')
    // The same clause with a value above the threshold does warn.
    expect(rules(validateMd(md.replace('2 600 000 kr', '9 000 000 kr')))).toContain('threshold_check')
  })

  it('LB2 is met by "köper ingen tjänst … eftersom" without the words upphandling or LOU', () => {
    const md = withSections(BASE, {
      'Varför IOP?':
        'Vi har valt IOP eftersom föreningens ideella läxhjälpare inte går att upphandla bort. Den offentliga parten köper ingen tjänst genom överenskommelsen eftersom innehållet bestäms gemensamt och båda parter bidrar. Verksamheten är icke-ekonomisk och bidraget utgör därför inte statsstöd.',
    })
    expect(check(md, 'legal_basis', 'LB2')).toBe('met')
    const en = withSections(BASE, {
      'Varför IOP?':
        'We chose an IOP because the volunteers cannot be bought. The public party does not purchase any service through this agreement because the content is decided jointly. The activity is non-economic, so the grant is not state aid.',
    })
    expect(check(en, 'legal_basis', 'LB2')).toBe('met')
  })

  it('duration.fixed_term: "Ingen tyst förlängning sker" is no extension, so DU2 does not apply', () => {
    const md = withSections(BASE, {
      'Hur länge gäller överenskommelsen?':
        'Överenskommelsen gäller från och med 2026-01-01 till och med 2028-12-31. Ingen tyst förlängning sker; vill parterna fortsätta fattar var och en ett nytt beslut i god tid före slutdatum.',
    })
    expect(section(validateMd(md), 'duration').status).toBe('present')
    expect(rules(validateMd(md))).not.toContain('date_consistency')
  })

  it('goal deadlines "för avtalsperioden" are not term dates', () => {
    const md = withSections(BASE, {
      'Vad vill vi åstadkomma?':
        'Syftet med partnerskapet är att fler barn i Kronan ska klara skolan. Följande mål gäller för avtalsperioden: senast den 31 december 2026 ska minst 60 barn delta varje vecka.',
    })
    expect(rules(validateMd(md))).not.toContain('date_consistency')
  })

  it('the inline risk list of the register clause is counted', () => {
    const md = withSections(BASE, {
      'Vad kan gå fel?':
        'Parterna har identifierat följande risker och hur de ska hanteras: statsbidraget minskar – styrgruppen prövar omfattningen; för få läxhjälpare – föreningen rekryterar via högskolan. Riskerna gås igenom vid varje styrgruppsmöte och listan uppdateras vid behov.',
    })
    const risks = section(validateMd(md), 'risk_and_crunch_questions')
    expect(risks.status).toBe('present')
  })

  it('"betalar … för platser" is per-place payment, and arbitration is not a final forum', () => {
    const md = withSections(BASE, {
      'Pengar och annat vi bidrar med':
        'Exempelby kommun betalar 600 000 kr per år för tolv platser i läxhjälpen till föreningen. Föreningen bidrar med cirka 1 500 ideella timmar per år och 80 000 kr per år i egna medel.',
    })
    expect(rules(validateMd(md))).toContain('per_unit_pricing')
    const arbitration = withSections(BASE, {
      'Om vi inte är överens': 'Tvister tas först upp i styrgruppen och därefter mellan socialchefen och föreningens ordförande. Kan de inte lösas avgörs tvisten slutligt av en skiljenämnd.',
    })
    expect(section(validateMd(arbitration), 'dispute_resolution').criteria).toEqual(['DR1'])
  })
})
