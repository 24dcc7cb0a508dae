import { describe, expect, it } from 'vitest'
import { clauseNamespace, createLibrary, localClauseId, validateClause } from '../../../clause-library/index.ts'
import { ClauseLoadError } from '../../../clause-library/errors.ts'
import { clause } from './helpers.ts'

describe('organisation-namespaced clause ids', () => {
  it('accepts org:<slug>/<section>.<variant>, with or without an import suffix', () => {
    for (const id of ['org:goteborg/termination.test_notice', 'org:stad-2/termination.test_notice~import-0123abcd']) {
      expect(validateClause({ file: 'x', data: clause({ id }) }).id).toBe(id)
    }
  })

  it('still checks the section against the id without its namespace', () => {
    expect(() => validateClause({ file: 'x', data: clause({ id: 'org:goteborg/duration.test_notice' }) })).toThrow(ClauseLoadError)
  })

  it('refuses malformed namespaces', () => {
    for (const id of ['org:/termination.x', 'org:Göteborg/termination.x', 'org:a-/termination.x', 'org:a/b/termination.x', 'goteborg/termination.x']) {
      expect(() => validateClause({ file: 'x', data: clause({ id }) }), id).toThrow(ClauseLoadError)
    }
  })

  it('splits an id into namespace and local id', () => {
    expect(clauseNamespace('org:goteborg/termination.x')).toBe('goteborg')
    expect(clauseNamespace('termination.x')).toBeNull()
    expect(localClauseId('org:goteborg/termination.x~import-0123abcd')).toBe('termination.x~import-0123abcd')
    expect(localClauseId('termination.x')).toBe('termination.x')
  })

  it('keeps a namespaced clause apart from the built-in id it shadows', () => {
    const library = createLibrary([clause(), clause({ id: 'org:goteborg/termination.test_notice', text: { sv: '{party} {notice_months} annan.', en: '{party} {notice_months} other.' } })])
    expect(library.latest).toHaveLength(2)
    expect(library.get('org:goteborg/termination.test_notice')?.text.en).toContain('other')
  })
})
