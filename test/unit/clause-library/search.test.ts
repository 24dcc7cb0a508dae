import { describe, expect, it } from 'vitest'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { fold } from '../../../clause-library/fold.ts'
import { createLibrary } from '../../../clause-library/library.ts'
import { searchClauses } from '../../../clause-library/search.ts'
import { clause } from './helpers.ts'

const ids = (hits: { clause: { id: string } }[]) => hits.map((h) => h.clause.id)

describe('fold', () => {
  it('folds case and Swedish diacritics', () => {
    expect(fold('LÄRANDEMÅL Överens é')).toBe('larandemal overens e')
    expect(fold('termination.gradual_winddown')).toBe('termination gradual winddown')
  })
})

describe('searchClauses', () => {
  const lib = builtinLibrary()

  it('finds Swedish words typed without diacritics, and with them in any case', () => {
    const plain = ids(searchClauses(lib, 'larandemal'))
    expect(plain[0]).toMatch(/^learning_goals\./)
    expect(plain).toContain('learning_goals.shared_and_own')
    expect(ids(searchClauses(lib, 'LÄRANDEMÅL'))).toEqual(plain)
  })

  it('finds words inside Swedish compounds', () => {
    // "avvecklingsplan" only occurs inside the text of termination clauses ("avvecklingsplanen").
    const hits = ids(searchClauses(lib, 'avvecklingsplan'))
    expect(hits).toContain('termination.gradual_winddown')
    expect(hits.every((id) => id.startsWith('termination.'))).toBe(true)
  })

  it('searches English text and ids', () => {
    expect(ids(searchClauses(lib, 'mediation'))[0]).toBe('dispute_resolution.mediation')
    expect(ids(searchClauses(lib, 'gradual_winddown'))[0]).toBe('termination.gradual_winddown')
  })

  it('requires every query word to match', () => {
    const hits = ids(searchClauses(lib, 'styrgrupp uppsägningstid'))
    expect(hits).toContain('termination.gradual_winddown')
    for (const id of hits) {
      const all = fold(JSON.stringify(lib.get(id)))
      expect(all).toContain('styrgrupp')
      expect(all).toContain('uppsagningstid')
    }
    expect(hits.length).toBeLessThan(ids(searchClauses(lib, 'styrgrupp')).length)
    expect(searchClauses(lib, 'medling zzzqqq')).toEqual([])
  })

  it('filters by section and by language', () => {
    const inTermination = searchClauses(lib, 'part', { sectionId: 'termination' })
    expect(inTermination.length).toBeGreaterThan(0)
    expect(inTermination.every((h) => h.clause.sectionId === 'termination')).toBe(true)
    // "medling" is Swedish: found in Swedish, not when only English is searched.
    expect(ids(searchClauses(lib, 'medling', { lang: 'sv' }))).toContain('dispute_resolution.mediation')
    expect(ids(searchClauses(lib, 'medling', { lang: 'en' }))).not.toContain('dispute_resolution.mediation')
    expect(ids(searchClauses(lib, 'mediation', { lang: 'en' }))).toContain('dispute_resolution.mediation')
  })

  it('searches section names and parameter labels', () => {
    // The section name "Tvistlösning" is not in any clause text.
    expect(ids(searchClauses(lib, 'tvistlosning')).sort()).toEqual(['dispute_resolution.escalation', 'dispute_resolution.mediation'])
    const small = createLibrary([clause({ parameters: [clause().parameters[0]!, { ...clause().parameters[1]!, label: { sv: 'Varsel i kalendermånader', en: 'Notice' } }] })])
    expect(ids(searchClauses(small, 'kalendermanader'))).toEqual(['termination.test_notice'])
  })

  it('ranks a whole-word id match above a match deep in the text', () => {
    const lib2 = createLibrary([
      clause({ id: 'termination.notice', parameters: [], text: { sv: 'Kort text.', en: 'Short text.' } }),
      clause({ id: 'termination.other', parameters: [], text: { sv: 'Om notice i texten.', en: 'About noticeboards.' } }),
    ])
    expect(ids(searchClauses(lib2, 'notice'))).toEqual(['termination.notice', 'termination.other'])
  })

  it('ranks a whole word above a word that only starts with the query', () => {
    // Ids chosen so that the id tie-break alone would put the prefix match first.
    const lib2 = createLibrary([
      clause({ id: 'termination.zz_whole', parameters: [], text: { sv: 'Skriftligt varsel krävs.', en: 'Notice.' } }),
      clause({ id: 'termination.aa_prefix', parameters: [], text: { sv: 'Varselperioden börjar.', en: 'Period.' } }),
    ])
    expect(ids(searchClauses(lib2, 'varsel'))).toEqual(['termination.zz_whole', 'termination.aa_prefix'])
  })

  it('lists everything in agreement order for an empty query, and honours the limit', () => {
    const all = searchClauses(lib, '  ')
    expect(all).toHaveLength(lib.latest.length)
    expect(all[0]!.clause.sectionId).toBe('parties_and_mandates')
    expect(all[all.length - 1]!.clause.sectionId).toBe('signatures')
    expect(searchClauses(lib, '', { limit: 3 })).toHaveLength(3)
  })
})
