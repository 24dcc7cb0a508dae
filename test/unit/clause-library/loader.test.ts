import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { ClauseLoadError } from '../../../clause-library/errors.ts'
import { loadClauseDir } from '../../../clause-library/load-dir.ts'
import { clause, tempClauseDir } from './helpers.ts'

const dirs: string[] = []
const dirWith = (files: Record<string, unknown>) => {
  const dir = tempClauseDir(files)
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

/** Runs the loader and returns the error it must throw. */
function loadError(files: Record<string, unknown>): ClauseLoadError {
  try {
    loadClauseDir(dirWith(files))
  } catch (err) {
    expect(err).toBeInstanceOf(ClauseLoadError)
    return err as ClauseLoadError
  }
  throw new Error('expected the loader to fail')
}

describe('loadClauseDir', () => {
  it('loads valid files from nested folders', () => {
    const lib = loadClauseDir(
      dirWith({
        'termination/test_notice.json': clause(),
        'duration/fixed.json': clause({
          id: 'duration.fixed',
          sectionId: 'duration',
          parameters: [],
          text: { sv: 'Gäller i två år.', en: 'Applies for two years.' },
        }),
      }),
    )
    expect(lib.latest.map((c) => c.id)).toEqual(['duration.fixed', 'termination.test_notice'])
    expect(lib.get('termination.test_notice')?.parameters[1]?.default).toBe(6)
  })

  it('keeps several versions of one id and answers the newest by default', () => {
    const lib = loadClauseDir(
      dirWith({
        'termination/a.json': clause(),
        'termination/a.v2.json': clause({ version: 2 }),
      }),
    )
    expect(lib.get('termination.test_notice')?.version).toBe(2)
    expect(lib.get('termination.test_notice', 1)?.version).toBe(1)
    expect(lib.records).toHaveLength(2)
    expect(lib.latest).toHaveLength(1)
  })

  it('names the file of bad JSON', () => {
    const err = loadError({ 'termination/ok.json': clause(), 'termination/broken.json': '{ "id": "termination.x", ' })
    expect(err.file).toBe('termination/broken.json')
    expect(err.path).toBe('')
    expect(err.message).toMatch(/termination\/broken\.json.*not valid JSON/)
  })

  it('names the file and the missing field', () => {
    const { text: _text, ...withoutText } = clause()
    const err = loadError({ 'termination/no_text.json': withoutText })
    expect(err.file).toBe('termination/no_text.json')
    expect(err.path).toBe('text')
  })

  it('names a nested field with a wrong value', () => {
    const bad = clause()
    const err = loadError({
      'termination/bad_type.json': { ...bad, parameters: [bad.parameters[0], { ...bad.parameters[1], type: 'years' }] },
    })
    expect(err.file).toBe('termination/bad_type.json')
    expect(err.path).toBe('parameters.1.type')
  })

  it('rejects an unknown section id', () => {
    const err = loadError({ 'x/unknown.json': clause({ id: 'catering.menu', sectionId: 'catering' as never }) })
    expect(err.file).toBe('x/unknown.json')
    expect(err.path).toBe('sectionId')
  })

  it('rejects an id that does not belong to its section', () => {
    const err = loadError({ 'duration/wrong.json': clause({ sectionId: 'duration' }) })
    expect(err.path).toBe('id')
    expect(err.message).toContain('"duration."')
  })

  it('rejects a placeholder that is not a declared parameter, naming the language', () => {
    const base = clause()
    const err = loadError({
      'termination/undeclared.json': { ...base, text: { ...base.text, en: `${base.text.en} Signed by {signatory}.` } },
    })
    expect(err.file).toBe('termination/undeclared.json')
    expect(err.path).toBe('text.en')
    expect(err.message).toContain('{signatory}')
  })

  it('rejects a declared parameter that one language never uses', () => {
    const base = clause()
    const err = loadError({
      'termination/unused.json': { ...base, text: { ...base.text, sv: 'Uppsägning sker med {notice_months} månaders varsel.' } },
    })
    expect(err.path).toBe('parameters.0.name')
    expect(err.message).toContain('text.sv')
  })

  it('rejects the same id and version in two files, naming both', () => {
    const err = loadError({ 'termination/a.json': clause(), 'termination/b.json': clause() })
    expect(err.file).toBe('termination/b.json')
    expect(err.message).toContain('termination/a.json')
  })

  it('rejects an approved clause without a review record and unknown fields', () => {
    expect(loadError({ 'termination/a.json': clause({ review: null }) }).path).toBe('review')
    expect(loadError({ 'termination/a.json': { ...clause(), reviewd: true } }).message).toMatch(/reviewd/)
  })

  it('rejects a parameter declared twice', () => {
    const base = clause()
    const err = loadError({ 'termination/a.json': { ...base, parameters: [...base.parameters, base.parameters[0]] } })
    expect(err.path).toBe('parameters.2.name')
  })

  it('rejects a starter suggestion that carries a review record: nobody reviewed it', () => {
    const err = loadError({ 'termination/a.json': clause({ status: 'starter' }) })
    expect(err.path).toBe('review')
    expect(err.message).toMatch(/starter/)
    expect(loadClauseDir(dirWith({ 'termination/a.json': clause({ status: 'starter', review: null }) })).latest[0]!.status).toBe('starter')
  })

  it('accepts a clause under a neutral heading, which the validator never checks', () => {
    const lib = loadClauseDir(dirWith({ 'other/a.json': clause({ id: 'other.a', sectionId: 'other', status: 'starter', review: null }) }))
    expect(lib.latest[0]!.sectionId).toBe('other')
  })

  it('checks choices, tables, units and standalone blocks', () => {
    const base = clause({ status: 'starter', review: null, parameters: [], text: { sv: 'X {p}.', en: 'X {p}.' } })
    const label = { sv: 'P', en: 'P' }
    const choice = { name: 'p', type: 'choice', label, required: true }
    expect(loadError({ 'termination/a.json': { ...base, parameters: [choice] } }).path).toBe('parameters.0.options')
    const rows = { name: 'p', type: 'rows', label, required: true, columns: [{ name: 'a', label }] }
    // A table cannot sit inside a sentence.
    expect(loadError({ 'termination/a.json': { ...base, parameters: [rows] } }).message).toMatch(/stand alone/)
    expect(loadClauseDir(dirWith({ 'termination/a.json': { ...base, parameters: [rows], text: { sv: 'X.\n\n{p}', en: 'X.\n\n{p}' } } })).latest).toHaveLength(1)
    const unit = { name: 'p', type: 'text', label, required: true, unit: { sv: { one: 'a', other: 'b' }, en: { one: 'a', other: 'b' } } }
    expect(loadError({ 'termination/a.json': { ...base, parameters: [unit] } }).path).toBe('parameters.0.unit')
  })
})
