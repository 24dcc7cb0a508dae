import { describe, expect, it } from 'vitest'
import { fixture, replaceSection, rules, section, validateMd, withSections } from './helpers.ts'

/** The cross-cutting rules of SECTIONS.md §4, each with a passing and a failing draft. */
const SV = fixture('sv-complete-informal.md')
const SV3 = fixture('sv-clean-unusual-headings.md')
const EN = fixture('en-complete-merged.md')
const BUDGET = 'Pengar och annat vi bidrar med'
const DURATION = 'Hur länge gäller överenskommelsen?'
const EXIT = 'Om vi vill sluta'
const REVIEW = 'Översyn'
const GOVERNANCE = 'Hur vi styr och träffas'

const warn = (md: string, options?: Parameters<typeof validateMd>[1]) => rules(validateMd(md, options))

describe('error-level rules feed the criterion of their section', () => {
  it('party_mix: no idea-driven party → PM2', () => {
    expect(section(validateMd(SV), 'parties_and_mandates').criteria).toEqual([])
    const md = replaceSection(
      SV,
      'Vilka är vi?',
      'Parter är Föreningen Läxhjälpen Kronan, ideell förening, och Stiftelsen Kronan. Föreningen Läxhjälpen Kronan företräds av ordföranden enligt styrelsebeslut. Stiftelsen Kronan företräds av sin direktör enligt styrelsebeslut.',
    )
    expect(section(validateMd(md), 'parties_and_mandates').criteria).toEqual(['PM2'])
  })

  it('learning_goal_per_party: every one of three parties needs its own goal → LG2', () => {
    expect(section(validateMd(SV3), 'learning_goals').status).toBe('present')
    const md = SV3.replace(' Stiftelsen Trappan vill lära sig hur barngrupperna kan nå barn i familjer som inte har kontakt med socialtjänsten.', '')
    expect(section(validateMd(md), 'learning_goals').criteria).toEqual(['LG2'])
  })

  it('activity_cost_owner: a co-delivered activity is not covered by "each party books its own costs" → OC1', () => {
    const ok = replaceSection(
      SV3,
      '4. Så här arbetar vi – och vem som betalar vad',
      'Kvinnojouren Vega driver en stödlinje. Stiftelsen Trappan genomför stödgrupper för barn.\n\nVarje part bokför sina egna kostnader.',
    )
    expect(section(validateMd(ok), 'ownership_and_costs').status).toBe('present')
    const bad = replaceSection(
      SV3,
      '4. Så här arbetar vi – och vem som betalar vad',
      'Kvinnojouren Vega driver en stödlinje. Kvinnojouren Vega och Stiftelsen Trappan genomför tillsammans föräldraträffar.\n\nVarje part bokför sina egna kostnader.',
    )
    expect(section(validateMd(bad), 'ownership_and_costs').criteria).toEqual(['OC1'])
  })

  it('affected_units_in_governance: a negated decision does not trigger GV4', () => {
    const gov = `Partnerskapet leds av en styrgrupp med två företrädare från varje part. Gemensamma frågor avgörs i samförstånd. En samverkansgrupp planerar det dagliga arbetet. Styrgruppen möts fyra gånger per år.`
    expect(section(validateMd(replaceSection(SV, GOVERNANCE, gov + '\n\nUtbildningsnämnden beslutar inte om placeringar eller budget för verksamheten.')), 'governance').criteria).toEqual([])
    expect(section(validateMd(replaceSection(SV, GOVERNANCE, gov + '\n\nUtbildningsnämnden beslutar om placeringar i fritidsverksamheten.')), 'governance').criteria).toEqual(['GV4'])
  })

  it('signature_per_party: a block for a non-party → SG1', () => {
    const md = SV + '\nFör Studieförbundet Vuxenskolan: ort och datum ______, ordförande\n'
    expect(section(validateMd(SV), 'signatures').status).toBe('present')
    expect(section(validateMd(md), 'signatures').criteria).toEqual(['SG1'])
  })

  it('placeholder_only: an empty heading or a drafting comment alone makes the section incomplete', () => {
    const empty = replaceSection(SV, 'Det här vill vi lära oss', '')
    const learning = section(validateMd(empty), 'learning_goals')
    expect(learning.status).toBe('incomplete')
    expect(learning.message).toMatch(/tomt eller innehåller bara platshållare/)
    const comment = replaceSection(SV, 'Om vi inte är överens', '[Kommentar: Kalle skriver ett förslag till nästa möte]')
    expect(section(validateMd(comment), 'dispute_resolution')).toMatchObject({ status: 'incomplete', criteria: ['DR1'] })
    const note = replaceSection(SV, 'Personuppgifter och sekretess', 'Kommentar: kommunjuristen skickar en text om personuppgiftsansvar och sekretess.')
    expect(section(validateMd(note), 'personal_data')).toMatchObject({ status: 'incomplete', criteria: ['PD1'] })
    const tbd = replaceSection(EN, 'Disputes', 'TBD')
    expect(section(validateMd(tbd, { lang: 'en' }), 'dispute_resolution').message).toMatch(/empty or holds only placeholders/)
  })

  it('placeholder_only: blank org.nr digits and signature lines inside complete text do not count', () => {
    expect(SV).toContain('802xxx-xxxx')
    expect(SV).toContain('________')
    const report = validateMd(SV)
    expect(section(report, 'parties_and_mandates').status).toBe('present')
    expect(section(report, 'signatures').status).toBe('present')
  })

  it('an unfilled "{param}" token is a placeholder, not a value', () => {
    const md = replaceSection(SV, EXIT, 'Uppsägningstiden är {notice_months} månader. Pågående deltagare lotsas vidare till annat stöd. Varje part bär sina egna kostnader för personal och lokaler.')
    expect(section(validateMd(md), 'termination').criteria).toEqual(['TE1'])
  })

  it('co_financing: a negated contribution is no contribution → BR2, read as a purchase', () => {
    const md = replaceSection(SV, BUDGET, 'Exempelby kommun betalar ut 650 000 kr per år till föreningen. Föreningen bidrar inte med egna medel eller ideell tid.')
    const budget = section(validateMd(md), 'budget_and_resources')
    expect(budget.criteria).toEqual(['BR2'])
    expect(budget.message).toMatch(/köp/)
  })
})

describe('warning-level rules', () => {
  it('clean drafts raise none', () => {
    expect(warn(SV)).toEqual([])
    expect(warn(EN, { lang: 'en' })).toEqual([])
  })

  it('threshold_check: yearly amount × years including extensions reaches the SEK threshold', () => {
    // 2 000 000 kr × (36 + 24 months) = 10 000 000 kr ≥ 8 109 450 kr.
    const md = SV.replace('ett bidrag på 650 000 kr per år', 'ett bidrag på 2 000 000 kr per år')
    const report = validateMd(md)
    expect(rules(report)).toEqual(['threshold_check'])
    expect(report.warnings[0]!.message).toContain('10 000 000 kr')
    // 1 300 000 kr × 5 years = 6 500 000 kr stays below.
    expect(warn(SV.replace('ett bidrag på 650 000 kr per år', 'ett bidrag på 1 300 000 kr per år'))).toEqual([])
  })

  it('threshold_check: a stated total counts; an in-kind value does not', () => {
    const total = SV.replace('Utbetalning sker kvartalsvis i förskott.', 'Det offentliga bidraget under hela avtalstiden uppgår totalt till 9 000 000 kr.')
    expect(warn(total)).toEqual(['threshold_check'])
    const inKind = SV.replace('Kommunen bidrar också med lokaler i skolan för läxhjälpen.', 'Kommunen bidrar också med lokaler i skolan till ett värde av 9 000 000 kr.')
    expect(warn(inKind)).toEqual([])
  })

  it('threshold_check: amounts in EUR are converted; thresholds are configuration', () => {
    // EUR 200 000 × 4 years = EUR 800 000 ≥ EUR 750 000.
    expect(warn(EN.replace('SEK 900,000 per year', 'EUR 200,000 per year'), { lang: 'en' })).toEqual(['threshold_check'])
    expect(warn(EN.replace('SEK 900,000 per year', 'EUR 150,000 per year'), { lang: 'en' })).toEqual([])
    const lowered = validateMd(SV, { constants: { euThresholdSek: [{ fromYear: 2026, toYear: 2027, sek: 3_000_000 }] } })
    expect(rules(lowered)).toEqual(['threshold_check'])
    expect(lowered.warnings[0]!.message).toContain('2026–2027')
  })

  it('value_unknown: no public amount at all', () => {
    const md = replaceSection(SV, BUDGET, 'Kommunen bidrar med lokaler i skolan. Föreningen bidrar med cirka 1 500 ideella timmar per år.')
    expect(warn(md)).toEqual(['value_unknown'])
  })

  it('long_duration_without_review: over 60 months including extensions without a review every 24 months', () => {
    const long = replaceSection(SV, DURATION, 'Överenskommelsen gäller från och med 2026-01-01 till och med 2031-12-31.')
    expect(warn(long)).toEqual([])
    expect(warn(replaceSection(long, REVIEW, 'Överenskommelsen ses över vart tredje år.'))).toEqual(['long_duration_without_review'])
    expect(warn(replaceSection(long, REVIEW, 'Överenskommelsen ses över vartannat år.'))).toEqual([])
    // 36 months plus two 12-month extensions is exactly 60: not over the limit.
    expect(warn(replaceSection(SV, REVIEW, 'Parterna kan omförhandla överenskommelsen vid behov.'))).toEqual([])
    expect(
      warn(
        replaceSection(
          replaceSection(SV, REVIEW, 'Parterna kan omförhandla överenskommelsen vid behov.'),
          DURATION,
          'Överenskommelsen gäller från och med 2026-01-01 till och med 2028-12-31. Den kan förlängas med 36 månader, om parterna beslutar det senast sex månader före slutdatum.',
        ),
      ),
    ).toEqual(['long_duration_without_review'])
  })

  it('short_notice_heavy_commitments: under 3 months while the partner employs staff or leases premises', () => {
    const short = SV.replace('Uppsägningstiden är sex månader.', 'Uppsägningstiden är en månad.')
    expect(warn(short)).toEqual(['short_notice_heavy_commitments'])
    const noCommitments = short.replace(
      'Föreningen anställer en verksamhetsledare på heltid och hyr en lokal i Kronans centrum för verksamheten.',
      'Föreningen anställer inte personal och hyr inga lokaler för verksamheten.',
    )
    expect(warn(noCommitments)).toEqual([])
    expect(warn(SV.replace('Uppsägningstiden är sex månader.', 'Uppsägningstiden är tre månader.'))).toEqual([])
  })

  it('per_unit_pricing: payment per participant, but not when negated', () => {
    expect(SV).toContain('ersättningen beräknas inte per deltagare')
    expect(warn(SV)).toEqual([])
    const md = SV.replace('Utbetalning sker kvartalsvis i förskott.', 'Ersättningen betalas ut med 250 kr per deltagare och tillfälle.')
    expect(warn(md)).toEqual(['per_unit_pricing'])
    expect(warn(EN.replace('paid quarterly in advance', 'paid at SEK 300 per participant and evening'), { lang: 'en' })).toEqual(['per_unit_pricing'])
  })

  it('non_party_contributor: an organisation that contributes or sits in the steering group without being a party', () => {
    const contributes = SV.replace('## Pengar och annat', 'Studieförbundet Vuxenskolan bidrar med ledare till fritidsaktiviteterna.\n\n## Pengar och annat')
    const report = validateMd(contributes)
    expect(rules(report)).toEqual(['non_party_contributor'])
    expect(report.warnings[0]!.message).toContain('Studieförbundet Vuxenskolan')
    const steering = SV.replace(
      'Partnerskapet leds av en styrgrupp med två företrädare från varje part.',
      'Partnerskapet leds av en styrgrupp med två företrädare från varje part och en representant för Röda Korset.',
    )
    expect(warn(steering)).toEqual(['non_party_contributor'])
    expect(warn(SV.replace('## Pengar och annat', 'Studieförbundet Vuxenskolan bidrar inte med något till verksamheten.\n\n## Pengar och annat'))).toEqual([])
    // An organisation that signs is treated as a party that the parties section forgot, not as an outsider.
    expect(
      warn(SV.replace('## Pengar och annat', 'Studieförbundet Vuxenskolan bidrar med ledare.\n\n## Pengar och annat') + '\nFör Studieförbundet Vuxenskolan: ort och datum ______, ordförande\n'),
    ).toEqual([])
  })

  it('date_consistency: end before start, a review outside the term, notice longer than the term', () => {
    expect(warn(replaceSection(SV, DURATION, 'Överenskommelsen gäller från och med 2028-01-01 till och med 2026-12-31.'))).toEqual(['date_consistency'])
    expect(warn(replaceSection(SV, REVIEW, 'Överenskommelsen ses över varje år i oktober och en större översyn görs 2035-03-01.'))).toEqual(['date_consistency'])
    expect(warn(SV.replace('Uppsägningstiden är sex månader.', 'Uppsägningstiden är 48 månader.'))).toEqual(['date_consistency'])
  })
})

describe('thresholds are not literals in the rules', () => {
  it('the long-duration, notice and review limits follow the constants', () => {
    expect(warn(SV, { constants: { longDurationMonths: 48, regularReviewMaxMonths: 6 } })).toEqual(['long_duration_without_review'])
    expect(warn(SV, { constants: { shortNoticeMonths: 7 } })).toEqual(['short_notice_heavy_commitments'])
    expect(warn(withSections(SV, {}), { constants: { longDurationMonths: 48 } })).toEqual([])
  })
})
