import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { builtinLibrary } from '../../../clause-library/builtin.ts'
import { canonicalJson } from '../../../schema/canonical-json.ts'
import { createLibrary, type ClauseLibrary } from '../../../clause-library/library.ts'
import { exportTemplatePackage } from '../../../clause-library/package-export.ts'
import { parseTemplatePackage, type ImportPlan, type ParsePackageResult } from '../../../clause-library/package-import.ts'
import type { TemplatePackage } from '../../../clause-library/package-format.ts'
import type { ClauseRecord } from '../../../clause-library/record.ts'
import { buildDocFromTemplate } from '../../../clause-library/template.ts'
import { exempelbyTemplate } from './helpers.ts'

const lib = builtinLibrary()
const pkg = exportTemplatePackage(exempelbyTemplate, lib)
const wire = JSON.stringify(pkg)

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
/** Re-seals a hand-edited package, as an attacker or a buggy exporter could. */
const reseal = (p: TemplatePackage): TemplatePackage => ({ ...p, checksum: sha256(canonicalJson({ template: p.template, clauses: p.clauses })) })
const copy = (): TemplatePackage => JSON.parse(wire)

function planOf(result: ParsePackageResult): ImportPlan {
  if (!result.ok) throw new Error(`expected a plan, got ${JSON.stringify(result.error)}`)
  return result.plan
}

function errorOf(result: ParsePackageResult) {
  if (result.ok) throw new Error('expected an error')
  return result.error
}

/** The library after the server has written a plan. */
const apply = (existing: ClauseLibrary, plan: ImportPlan) => createLibrary([...existing.records, ...plan.clausesToAdd])

describe('exportTemplatePackage', () => {
  it('packs the template with pinned versions, each used clause once, and a sha-256 checksum', () => {
    expect(pkg.format).toBe('overens-template')
    expect(pkg.formatVersion).toBe(1)
    expect(pkg.template.items.map((i) => i.version)).toEqual([2, 2, 1, 2])
    expect(pkg.clauses.map((c) => c.id)).toEqual(['duration.fixed_term', 'parties_and_mandates.two_party', 'termination.gradual_winddown', 'termination.supplement_capacity_and_commitments'])
    expect(pkg.clauses[0]).toEqual(lib.get('duration.fixed_term'))
    expect(pkg.checksum).toBe(sha256(canonicalJson({ template: pkg.template, clauses: pkg.clauses })))
  })

  it('does not depend on key order', () => {
    const reordered = { ...exempelbyTemplate, items: exempelbyTemplate.items.map((i) => ({ params: i.params, ...(i.version === undefined ? {} : { version: i.version }), clauseId: i.clauseId })) }
    expect(exportTemplatePackage(reordered, lib).checksum).toBe(pkg.checksum)
  })
})

describe('parseTemplatePackage', () => {
  it('imports into an empty library: every clause added as a draft, references unchanged', () => {
    const empty = createLibrary([])
    const plan = planOf(parseTemplatePackage(wire, empty))
    expect(plan.clausesToAdd.map((c) => c.id).sort()).toEqual(pkg.clauses.map((c) => c.id).sort())
    expect(plan.clausesToAdd.every((c) => c.status === 'draft')).toBe(true)
    expect(plan.clausesToAdd[0]!.review).toEqual(pkg.clauses[0]!.review)
    expect(plan.renamed).toEqual([])
    expect(plan.reused).toEqual([])
    expect(plan.template).toEqual(pkg.template)
    // The written result builds the same document as the exporting library does.
    const uids = () => {
      let n = 0
      return () => `u${++n}`
    }
    const there = buildDocFromTemplate(plan.template, apply(empty, plan), { title: 'T', makeUid: uids() })
    expect(there.eq(buildDocFromTemplate(exempelbyTemplate, lib, { title: 'T', makeUid: uids() }))).toBe(true)
  })

  it('keeps approval only when the caller trusts the source', () => {
    const plan = planOf(parseTemplatePackage(pkg, createLibrary([]), { keepApproval: true }))
    expect(plan.clausesToAdd.map((c) => c.status)).toEqual(pkg.clauses.map((c) => c.status))
  })

  it('reuses clauses the library already holds with identical content', () => {
    const plan = planOf(parseTemplatePackage(wire, lib))
    expect(plan.clausesToAdd).toEqual([])
    expect(plan.renamed).toEqual([])
    expect(plan.reused.map((r) => r.id).sort()).toEqual(pkg.clauses.map((c) => c.id).sort())
    expect(plan.template).toEqual(pkg.template)
  })

  it('renames a clause whose id is taken by different content, rewrites the template, and never overwrites', () => {
    const local = lib.get('duration.fixed_term')!
    const changed: ClauseRecord = { ...local, text: { ...local.text, sv: local.text.sv.replace('Överenskommelsen förlängs inte automatiskt', 'Avtalet förlängs tyst') } }
    const existing = createLibrary([changed, lib.get('termination.gradual_winddown')!])
    const plan = planOf(parseTemplatePackage(wire, existing))

    expect(plan.renamed).toHaveLength(1)
    const rename = plan.renamed[0]!
    expect(rename.from).toBe('duration.fixed_term')
    expect(rename.to).toMatch(/^duration\.fixed_term~import-[0-9a-f]{8}$/)
    expect(plan.clausesToAdd.find((c) => c.id === 'duration.fixed_term')).toBeUndefined()
    expect(plan.clausesToAdd.find((c) => c.id === rename.to)?.text).toEqual(local.text)
    expect(plan.reused).toEqual([{ id: 'termination.gradual_winddown', version: 2 }])
    expect(plan.template.items.map((i) => i.clauseId)).toEqual(['termination.gradual_winddown', 'parties_and_mandates.two_party', 'termination.supplement_capacity_and_commitments', rename.to])

    // The renamed id is itself a valid clause id, and the written library builds the imported wording.
    const after = apply(existing, plan)
    expect(after.get('duration.fixed_term')).toEqual(changed)
    const doc = buildDocFromTemplate(plan.template, after, { title: 'T', makeUid: () => 'u' })
    expect(doc.textContent).toContain('Överenskommelsen förlängs inte automatiskt')

    // Importing the same package again lands on the same ids and adds nothing.
    const again = planOf(parseTemplatePackage(wire, after))
    expect(again.clausesToAdd).toEqual([])
    expect(again.template).toEqual(plan.template)
  })

  it('renames when the library holds the id only in another version', () => {
    const v3 = { ...lib.get('duration.fixed_term')!, version: 3 }
    const plan = planOf(parseTemplatePackage(wire, createLibrary([v3])))
    expect(plan.renamed.map((r) => r.from)).toEqual(['duration.fixed_term'])
  })

  describe('refuses', () => {
    it('text that is not JSON, and JSON that is not a package', () => {
      expect(errorOf(parseTemplatePackage('{"format": "overens-template",', lib))).toMatchObject({ code: 'malformed', path: '' })
      expect(errorOf(parseTemplatePackage('[1,2]', lib)).code).toBe('malformed')
      expect(errorOf(parseTemplatePackage({ ...copy(), format: 'docx' }, lib))).toMatchObject({ code: 'malformed', path: 'format' })
    })

    it('a package with a missing or wrongly typed field, naming the field', () => {
      const { template: _t, ...noTemplate } = copy()
      expect(errorOf(parseTemplatePackage(noTemplate, lib))).toMatchObject({ code: 'malformed', path: 'template' })
      const p = copy()
      ;(p.template.items[1] as { params: unknown }).params = 'x'
      expect(errorOf(parseTemplatePackage(reseal(p), lib))).toMatchObject({ code: 'malformed', path: 'template.items.1.params' })
      expect(errorOf(parseTemplatePackage({ ...copy(), formatVersion: 0 }, lib))).toMatchObject({ code: 'malformed', path: 'formatVersion' })
    })

    it('a package whose content no longer matches its checksum', () => {
      const p = copy()
      p.clauses[0]!.text.sv = p.clauses[0]!.text.sv.replace('förlängs inte automatiskt', 'förlängs automatiskt')
      expect(errorOf(parseTemplatePackage(p, lib)).code).toBe('tampered')
      const q = copy()
      ;(q.clauses[1] as unknown as Record<string, unknown>).extra = true
      expect(errorOf(parseTemplatePackage(q, lib)).code).toBe('tampered')
      const r = copy()
      r.template.items[0]!.params.notice_months = 1
      expect(errorOf(parseTemplatePackage(JSON.stringify(r), lib)).code).toBe('tampered')
    })

    it('a package from a newer format version, even if its shape is unknown', () => {
      expect(errorOf(parseTemplatePackage({ format: 'overens-template', formatVersion: 2, somethingNew: [] }, lib))).toMatchObject({
        code: 'too_new',
        formatVersion: 2,
      })
    })

    it('a correctly sealed package with an invalid clause, naming the clause and field', () => {
      const p = copy()
      p.clauses[2]!.text.en += ' Signed by {signatory}.'
      expect(errorOf(parseTemplatePackage(reseal(p), lib))).toMatchObject({ code: 'malformed', path: 'clauses.2.text.en' })
    })

    it('a template that refers to a clause the package does not include', () => {
      const p = copy()
      p.clauses.splice(0, 1)
      expect(errorOf(parseTemplatePackage(reseal(p), lib))).toMatchObject({ code: 'malformed', path: 'template.items.3.clauseId' })
    })

    it('the same clause version twice', () => {
      const p = copy()
      p.clauses.push(p.clauses[0]!)
      expect(errorOf(parseTemplatePackage(reseal(p), lib))).toMatchObject({ code: 'malformed', path: 'clauses.4.id' })
    })
  })
})
