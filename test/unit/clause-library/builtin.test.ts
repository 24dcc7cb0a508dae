import path from 'node:path'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SECTION_IDS } from '../../../schema/sections.ts'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { BUILTIN_CLAUSE_FILES } from '../../../clause-library/builtin-files.ts'
import { loadClauseDir } from '../../../clause-library/load-dir.ts'
import { placeholderNames } from '../../../clause-library/placeholders.ts'

const clausesDir = fileURLToPath(new URL('../../../clause-library/clauses', import.meta.url))
// shared/ sits beside the repository, on developers' machines and in CI alike.
const CLAUSES_MD = path.resolve(import.meta.dirname, '../../../../shared/domain/CLAUSES.md')

describe('built-in clause library', () => {
  const lib = builtinLibrary()

  it('bundles exactly the files on disk, and both loaders agree', () => {
    const fromDisk = loadClauseDir(clausesDir)
    expect(BUILTIN_CLAUSE_FILES.map((f) => f.file).sort()).toEqual(
      fromDisk.records.map((c) => `${c.sectionId}/${c.id.slice(c.sectionId.length + 1)}.json`).sort(),
    )
    expect(lib.records).toEqual(fromDisk.records)
  })

  it('is loaded once', () => {
    expect(builtinLibrary()).toBe(lib)
  })

  it('covers every section id with approved, reviewed starter clauses', () => {
    expect(lib.latest.length).toBeGreaterThanOrEqual(46)
    expect(new Set(lib.latest.map((c) => c.sectionId))).toEqual(new Set(SECTION_IDS))
    for (const c of lib.latest) {
      expect(c.status, c.id).toBe('approved')
      expect(c.review?.by, c.id).toBe('Överens juridisk granskning')
      expect(c.version, c.id).toBe(1)
    }
  })

  it('declares every placeholder in both languages, and uses every declared parameter', () => {
    for (const c of lib.latest) {
      const declared = c.parameters.map((p) => p.name).sort()
      expect([...placeholderNames(c.text.sv)].sort(), `${c.id} sv`).toEqual(declared)
      expect([...placeholderNames(c.text.en)].sort(), `${c.id} en`).toEqual(declared)
      expect(c.text.en, c.id).not.toBe(c.text.sv)
    }
  })

  it.skipIf(!existsSync(CLAUSES_MD))('keeps the Swedish wording of CLAUSES.md (amount units move into the parameter)', () => {
    const md = readFileSync(CLAUSES_MD, 'utf8')
    const expected = new Map<string, string>()
    let current: string | null = null
    for (const line of md.split('\n')) {
      const id = /^\*\*`([a-z_]+\.[a-z_]+)`\*\*/.exec(line)?.[1]
      if (id) current = id
      const sv = /^- SV: (.*)$/.exec(line)?.[1]
      if (sv && current) expected.set(current, sv.trim())
    }
    expect([...expected.keys()].sort()).toEqual(lib.latest.map((c) => c.id).sort())
    for (const c of lib.latest) {
      let text = c.text.sv
      for (const p of c.parameters) if (p.type === 'amount_sek') text = text.replace(`{${p.name}}`, `{${p.name}} kr`)
      expect(text, c.id).toBe(expected.get(c.id))
    }
  })
})
