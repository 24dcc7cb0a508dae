import { describe, expect, it } from 'vitest'
import { newAgreementDoc } from '../../../schema/index.ts'
import { validateAgreement, type ValidationReport } from '../../../schema/validator/index.ts'
import { buildPanelModel, incompleteSections } from '../../../client/validation/panel-model.ts'

const report = (sections: Partial<ValidationReport['sections'][number]>[], warnings: ValidationReport['warnings'] = []): ValidationReport => ({
  sections: sections.map((s) => ({ id: 'duration', status: 'present', level: 'required', criteria: [], message: '', ...s })),
  warnings,
})

describe('buildPanelModel', () => {
  it('puts required gaps under errors, recommended gaps and warning rules under warnings, the rest under done', () => {
    const model = buildPanelModel(
      report(
        [
          { id: 'duration', status: 'missing', level: 'required', message: 'Avtalstid saknas.' },
          { id: 'termination', status: 'incomplete', level: 'required', message: 'Uppsägning ofullständig.' },
          { id: 'meeting_cadence', status: 'missing', level: 'recommended', message: 'Möten saknas.' },
          { id: 'signatures', status: 'present', level: 'required' },
          { id: 'personal_data', status: 'present', level: 'recommended' },
        ],
        [{ rule: 'threshold_check', message: 'Beloppet överstiger tröskelvärdet.' }],
      ),
    )
    expect(model.errors.map((i) => [i.id, i.status])).toEqual([['duration', 'missing'], ['termination', 'incomplete']])
    expect(model.warnings.map((i) => (i.kind === 'section' ? i.id : i.rule))).toEqual(['meeting_cadence', 'threshold_check'])
    expect(model.done.map((i) => i.id)).toEqual(['signatures', 'personal_data'])
    expect(model.errors[0]!.message).toBe('Avtalstid saknas.')
  })

  it('on a fresh skeleton every section is a flag with a message, and only found sections get inline markers', () => {
    let n = 0
    const doc = newAgreementDoc({ title: 'T', lang: 'sv', skeleton: true, makeUid: () => `u${n++}` })
    const r = validateAgreement(doc, { lang: 'sv' })
    const model = buildPanelModel(r)
    expect(model.errors.length + model.warnings.filter((w) => w.kind === 'section').length).toBe(19)
    expect(model.done).toEqual([])
    for (const item of [...model.errors, ...model.warnings]) expect(item.message.length).toBeGreaterThan(10)
    expect(incompleteSections(r)).toHaveLength(19)
    const empty = validateAgreement(newAgreementDoc({ title: 'T', lang: 'sv', skeleton: false, makeUid: () => 'x' }), { lang: 'en' })
    expect(incompleteSections(empty)).toEqual([])
    expect(buildPanelModel(empty).errors.every((e) => e.status === 'missing')).toBe(true)
  })
})
