import { describe, expect, it } from 'vitest'
import { fileURLToPath } from 'node:url'
import { CLAUSE_SECTION_IDS, OPTIONAL_SECTION_IDS, SECTION_IDS } from '../../../schema/sections.ts'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { BUILTIN_CLAUSE_FILES } from '../../../clause-library/builtin-files.ts'
import { loadClauseDir } from '../../../clause-library/load-dir.ts'
import { placeholderNames } from '../../../clause-library/placeholders.ts'
import { checkParams } from '../../../clause-library/params-check.ts'

const clausesDir = fileURLToPath(new URL('../../../clause-library/clauses', import.meta.url))

describe('built-in clause library', () => {
  const lib = builtinLibrary()

  it('bundles exactly the files on disk, and both loaders agree', () => {
    const fromDisk = loadClauseDir(clausesDir)
    const fileOf = (c: (typeof lib.records)[number]) => {
      const variant = c.id.slice(c.sectionId.length + 1)
      // The newest version is <variant>.json; an older one kept for comparison is <variant>.v<n>.json.
      return `${c.sectionId}/${variant}${lib.get(c.id)!.version === c.version ? '' : `.v${c.version}`}.json`
    }
    expect(BUILTIN_CLAUSE_FILES.map((f) => f.file).sort()).toEqual(fromDisk.records.map(fileOf).sort())
    expect(lib.records).toEqual(fromDisk.records)
  })

  it('is loaded once', () => {
    expect(builtinLibrary()).toBe(lib)
  })

  it('covers every checked section and every neutral heading', () => {
    expect(lib.latest.length).toBeGreaterThanOrEqual(60)
    expect(new Set(lib.latest.map((c) => c.sectionId))).toEqual(new Set(CLAUSE_SECTION_IDS))
    for (const id of SECTION_IDS) {
      expect(
        lib.latest.some((c) => c.sectionId === id && c.role === 'base'),
        `${id} has a clause that completes it`,
      ).toBe(true)
    }
    expect(OPTIONAL_SECTION_IDS.every((id) => lib.latest.some((c) => c.sectionId === id))).toBe(true)
  })

  it('claims no review that never happened: every built-in version is a starter suggestion without a review record', () => {
    for (const c of lib.records) {
      expect(c.status, `${c.id} v${c.version}`).toBe('starter')
      expect(c.review, `${c.id} v${c.version}`).toBeNull()
    }
  })

  it('marks the sensitive clauses as needing a case-by-case assessment', () => {
    const sensitive = lib.latest.filter((c) => /^(legal_basis|personal_data|dispute_resolution)\.|^termination\.supplement_/.test(c.id))
    expect(sensitive.length).toBeGreaterThanOrEqual(10)
    for (const c of sensitive) expect(c.caseByCase, c.id).toBe(true)
  })

  it('labels supplements as add-ons, titles every clause and says what changed', () => {
    for (const id of ['termination.material_breach', 'termination.changed_conditions', 'termination.supplement_capacity_and_commitments', 'activities.adjust_within_frame']) {
      expect(lib.get(id)!.role, id).toBe('addon')
      expect(lib.get(id)!.title!.sv, id).toMatch(/^Tillägg: /)
    }
    for (const c of lib.latest) {
      expect(c.title?.sv, c.id).toBeTruthy()
      expect(c.title?.en, c.id).toBeTruthy()
      expect(c.summary?.sv, c.id).toBeTruthy()
      expect(c.role, c.id).toBeDefined()
      expect(c.changes, c.id).toBeTruthy()
      if (c.role === 'addon') expect(c.title!.sv, c.id).toMatch(/^Tillägg: /)
    }
  })

  it('starts every parameter empty, with a realistic example that passes the form’s checks', () => {
    for (const c of lib.latest) {
      for (const p of c.parameters) {
        expect(p.default, `${c.id}.${p.name}`).toBeUndefined()
        if (p.type === 'threshold_sek') continue
        expect(p.example, `${c.id}.${p.name}`).toBeDefined()
      }
      for (const lang of ['sv', 'en'] as const) {
        const values = Object.fromEntries(c.parameters.filter((p) => p.example).map((p) => [p.name, p.example![lang]]))
        expect(checkParams(c, values), `${c.id} ${lang}`).toEqual([])
      }
    }
  })

  it('declares every placeholder in both languages, and uses every declared parameter', () => {
    for (const c of lib.latest) {
      const declared = c.parameters.map((p) => p.name).sort()
      expect([...placeholderNames(c.text.sv)].sort(), `${c.id} sv`).toEqual(declared)
      expect([...placeholderNames(c.text.en)].sort(), `${c.id} en`).toEqual(declared)
      // A clause that is a single choice has the same text in both languages: the choice's sentences differ.
      if (!/^\{[a-z_]+\}$/.test(c.text.sv)) expect(c.text.en, c.id).not.toBe(c.text.sv)
    }
  })
})
