import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { ClauseRecord } from '../../../clause-library/record.ts'

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
