import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { SECTION_IDS } from '../../../schema/sections.ts'
import { FIXTURES } from './helpers.ts'

/** The CLI as a real process, the way a writing group or CI runs it. */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const tmp = mkdtempSync(join(tmpdir(), 'validator-cli-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'schema/validator/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 55_000 })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function file(name: string, content: string | Buffer): string {
  const path = join(tmp, name)
  writeFileSync(path, content)
  return path
}

// Each case starts Node with tsx; on a loaded two-core machine that alone can take several seconds.
const SLOW = 120_000

describe('validate CLI', () => {
  it('exits 0 with a readable checklist for a complete draft', { timeout: SLOW }, () => {
    const r = cli(FIXTURES + 'sv-complete-informal.md')
    expect(r.code).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.stdout).toContain('✓ Lärandemål (learning_goals, obligatoriskt): finns')
    expect(r.stdout).toContain('✓ Målgruppens inflytande (target_group_involvement, rekommenderat): finns')
    expect(r.stdout).toContain('Varningar (0)')
    expect(r.stdout).toContain('0 obligatoriska avsnitt saknas eller är ofullständiga.')
    const gaps = cli(FIXTURES + 'sv-gaps.md')
    expect(gaps.code).toBe(1)
    expect(gaps.stdout).toContain('✗ Tvistlösning (dispute_resolution, rekommenderat): saknas [DR1]')
    expect(gaps.stdout).toContain('⚠ per_unit_pricing: Ersättning per plats')
    expect(gaps.stdout).toContain('13 obligatoriska avsnitt saknas eller är ofullständiga.')
  })

  it('exits 1 and prints exactly the report shape as JSON', { timeout: SLOW }, () => {
    const r = cli(FIXTURES + 'sv-gaps.md', '--format', 'json')
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(Object.keys(json)).toEqual(['sections', 'warnings'])
    expect(json.sections.map((s: { id: string }) => s.id)).toEqual([...SECTION_IDS])
    // Scripts outside the project read these fields: new fields may be added after them, none renamed.
    for (const s of json.sections) expect(Object.keys(s).slice(0, 5)).toEqual(['id', 'status', 'level', 'criteria', 'message'])
    for (const w of json.warnings) expect(Object.keys(w).slice(0, 2)).toEqual(['rule', 'message'])
    for (const s of json.sections) expect(['present', 'incomplete', 'missing']).toContain(s.status)
    expect(json.sections.find((s: { id: string }) => s.id === 'governance')).toMatchObject({ status: 'incomplete', level: 'required', criteria: ['GV1', 'GV2'] })
  })

  it('reads the editor JSON export and the API response wrapper, in English', { timeout: SLOW }, () => {
    const r = cli(FIXTURES + 'en-gaps-api-response.json', '--format=json', '--lang', 'en')
    expect(r.code).toBe(1)
    const json = JSON.parse(r.stdout)
    expect(json.warnings).toEqual([
      { rule: 'date_consistency', message: 'Inconsistent dates: the end date is before the start date.', code: 'validator.warning.date_consistency', params: { what: 'end_before_start' } },
    ])
    const plain = cli(FIXTURES + 'sv-sections-clauses-gothenburg.json', '--lang', 'en')
    expect(plain.code).toBe(1)
    expect(plain.stdout).toContain('! Governance (governance, required): incomplete [GV4]')
  })

  it('runs through the npm script', { timeout: SLOW }, () => {
    const r = spawnSync('npm', ['run', '--silent', 'validate', '--', FIXTURES + 'en-complete-merged.md', '--format', 'json'], { cwd: ROOT, encoding: 'utf8', timeout: 55_000 })
    expect(r.status).toBe(0)
    expect(JSON.parse(r.stdout).sections).toHaveLength(19)
  })

  const refused: [string, () => string[], RegExp][] = [
    ['an empty file', () => [file('empty.md', '')], /empty file/],
    ['a file of whitespace', () => [file('blank.md', ' \n\n\t\n')], /empty file/],
    ['a binary file', () => [file('image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a]))], /binary/],
    ['invalid UTF-8', () => [file('latin1.md', Buffer.from('Överenskommelse för föreningen', 'latin1'))], /UTF-8/],
    ['a missing file', () => [join(tmp, 'does-not-exist.md')], /no such file/],
    ['a directory', () => [tmp], /not a file/],
    ['a file over 5 MB', () => [file('huge.md', '# IOP\n\n' + 'Föreningen driver läxhjälp. '.repeat(200_000))], /limit is 5 MB/],
    ['broken JSON', () => [file('broken.json', '{"type":"doc","content":[')], /not valid JSON/],
    ['JSON that is not an agreement', () => [file('other.json', '{"type":"doc","content":[{"type":"banner"}]}')], /not an agreement document/],
    ['a JSON array', () => [file('array.json', '[1,2,3]')], /expected a ProseMirror document/],
    ['an unknown format', () => [FIXTURES + 'sv-gaps.md', '--format', 'xml'], /--format must be json or text/],
    ['an unknown language', () => [FIXTURES + 'sv-gaps.md', '--lang', 'de'], /--lang must be sv or en/],
    ['no file at all', () => [], /usage/],
  ]
  for (const [what, args, message] of refused) {
    it(`exits 2 for ${what}, with a message on stderr and nothing on stdout`, { timeout: SLOW }, () => {
      const r = cli(...args())
      expect(r.code).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(message)
    })
  }
})
