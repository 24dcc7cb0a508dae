import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ClauseRecord } from '../../../clause-library/record.ts'
import type { Template } from '../../../clause-library/template.ts'

/** A valid clause record; tests override the fields they are about. */
export function clause(overrides: Partial<ClauseRecord> = {}): ClauseRecord {
  return {
    id: 'termination.test_notice',
    sectionId: 'termination',
    version: 1,
    status: 'approved',
    review: { by: 'Testgranskning', at: '2026-11-01', note: 'test' },
    parameters: [
      { name: 'party', type: 'party', label: { sv: 'Part', en: 'Party' }, required: true },
      { name: 'notice_months', type: 'months', label: { sv: 'Uppsägningstid (månader)', en: 'Notice (months)' }, required: true, default: 6 },
    ],
    text: {
      sv: '{party} får säga upp överenskommelsen med {notice_months} månaders varsel. Uppsägningen ska vara skriftlig.',
      en: '{party} may terminate this agreement with {notice_months} months’ notice. Notice must be given in writing.',
    },
    ...overrides,
  }
}

let counter = 0

/** A fresh temp directory with the given files (relative path → content; objects are JSON-encoded). */
export function tempClauseDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), `clause-lib-${process.pid}-${++counter}-`))
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2))
  }
  return dir
}

export const exempelbyTemplate: Template = {
  id: 'exempelby-standard',
  name: { sv: 'Exempelby kommuns standardmall', en: 'Exempelby municipality standard template' },
  municipality: 'Exempelby kommun',
  lang: 'sv',
  // Deliberately out of taxonomy order: the document must follow SECTIONS, items within a section keep theirs.
  items: [
    { clauseId: 'termination.gradual_winddown', params: { notice_months: 6, plan_weeks: 4 } },
    { clauseId: 'parties_and_mandates.two_party', params: { public_party: 'Exempelby kommun', ngo: 'Föreningen Läxhjälpen' } },
    { clauseId: 'termination.supplement_capacity_and_commitments', version: 1, params: {} },
    { clauseId: 'duration.fixed_term', params: { start_date: '2027-01-01', end_date: '2029-12-31' } },
  ],
}
