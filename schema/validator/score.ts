import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { SECTION_IDS, type SectionId } from '../sections.ts'
import { validateAgreement } from './index.ts'
import { markdownToDoc } from './markdown.ts'
import type { SectionStatus, ValidationReport } from './types.ts'

/**
 * Scores the validator against a labelled corpus: a folder of Markdown drafts plus `truth.json` in the
 * format of shared/domain/corpus/README.md. A "flag" is a section judged missing or incomplete; it is
 * right when the truth also has that section missing or incomplete. Used by the CLI
 * (`npm run validator:score -- <folder>`) and by the regression test that holds the floor.
 */
export interface TruthEntry {
  language: 'sv' | 'en'
  missing: string[]
  incomplete: { section: string; criteria: string[] }[]
  present: string[]
  warnings: { rule: string }[]
}

export interface Confusion {
  tp: number
  fp: number
  fn: number
  tn: number
}

export interface FileDiff {
  file: string
  sections: { id: SectionId; truth: string; got: string }[]
  extraWarnings: string[]
  missedWarnings: string[]
}

export interface Score {
  files: number
  decisions: number
  statusAccuracy: number
  flag: Confusion & { precision: number; recall: number; f1: number }
  warning: Confusion & { precision: number; recall: number }
  cleanDrafts: number
  falseFlagsOnClean: number
  falseWarningsOnClean: number
  criteria: Map<string, Confusion>
  diffs: FileDiff[]
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b)

function truthStatus(t: TruthEntry, id: SectionId): { status: SectionStatus; criteria: string[] } {
  if (t.missing.includes(id)) return { status: 'missing', criteria: [] }
  const inc = t.incomplete.find((x) => x.section === id)
  if (inc) return { status: 'incomplete', criteria: inc.criteria }
  return { status: 'present', criteria: [] }
}

/** Expands "FU1–FU3" style ranges the labels sometimes use. */
function expandCodes(codes: readonly string[]): string[] {
  const out: string[] = []
  for (const c of codes) {
    const m = /^([A-Z]+)(\d+)[–-]([A-Z]+)?(\d+)$/.exec(c)
    if (m) for (let i = Number(m[2]); i <= Number(m[4]); i++) out.push(`${m[1]}${i}`)
    else out.push(c)
  }
  return out
}

export function scoreReports(truth: Record<string, TruthEntry>, reports: Map<string, ValidationReport>): Score {
  const flag: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 }
  const warning: Confusion = { tp: 0, fp: 0, fn: 0, tn: 0 }
  const criteria = new Map<string, Confusion>()
  const diffs: FileDiff[] = []
  let right = 0
  let decisions = 0
  let cleanDrafts = 0
  let falseFlagsOnClean = 0
  let falseWarningsOnClean = 0
  for (const [file, t] of Object.entries(truth)) {
    const report = reports.get(file)
    if (!report) continue
    const clean = t.missing.length === 0 && t.incomplete.length === 0 && t.warnings.length === 0
    if (clean) cleanDrafts++
    const diff: FileDiff = { file, sections: [], extraWarnings: [], missedWarnings: [] }
    for (const id of SECTION_IDS) {
      const want = truthStatus(t, id)
      const got = report.sections.find((s) => s.id === id)
      const gotStatus = got?.status ?? 'missing'
      decisions++
      if (gotStatus === want.status) right++
      const wantFlag = want.status !== 'present'
      const gotFlag = gotStatus !== 'present'
      if (wantFlag && gotFlag) flag.tp++
      else if (!wantFlag && gotFlag) flag.fp++
      else if (wantFlag && !gotFlag) flag.fn++
      else flag.tn++
      if (clean && gotFlag) falseFlagsOnClean++
      // Per criterion, only where both sides judged the section's content (missing has no criteria).
      if (want.status !== 'missing' && gotStatus !== 'missing') {
        const wantCodes = new Set(expandCodes(want.criteria))
        const gotCodes = new Set(got?.criteria ?? [])
        const codes = got?.checks?.map((c) => c.code) ?? [...new Set([...wantCodes, ...gotCodes])]
        for (const code of new Set([...codes, ...wantCodes, ...gotCodes])) {
          const c = criteria.get(code) ?? { tp: 0, fp: 0, fn: 0, tn: 0 }
          const w = wantCodes.has(code)
          const g = gotCodes.has(code)
          if (w && g) c.tp++
          else if (!w && g) c.fp++
          else if (w && !g) c.fn++
          else c.tn++
          criteria.set(code, c)
        }
      }
      const wantCodes = expandCodes(want.criteria).join(',')
      const gotCodes = gotStatus === 'incomplete' ? (got?.criteria ?? []).join(',') : ''
      if (gotStatus !== want.status || (want.status === 'incomplete' && wantCodes !== gotCodes)) {
        diff.sections.push({ id, truth: `${want.status}${wantCodes ? ' ' + wantCodes : ''}`, got: `${gotStatus}${gotCodes ? ' ' + gotCodes : ''}` })
      }
    }
    const wantRules = new Set(t.warnings.map((w) => w.rule))
    const gotRules = new Set(report.warnings.map((w) => w.rule))
    for (const r of gotRules) {
      if (wantRules.has(r)) warning.tp++
      else {
        warning.fp++
        diff.extraWarnings.push(r)
        if (clean) falseWarningsOnClean++
      }
    }
    for (const r of wantRules) {
      if (!gotRules.has(r)) {
        warning.fn++
        diff.missedWarnings.push(r)
      }
    }
    if (diff.sections.length || diff.extraWarnings.length || diff.missedWarnings.length) diffs.push(diff)
  }
  const precision = ratio(flag.tp, flag.tp + flag.fp)
  const recall = ratio(flag.tp, flag.tp + flag.fn)
  return {
    files: reports.size,
    decisions,
    statusAccuracy: ratio(right, decisions),
    flag: { ...flag, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) },
    warning: { ...warning, precision: ratio(warning.tp, warning.tp + warning.fp), recall: ratio(warning.tp, warning.tp + warning.fn) },
    cleanDrafts,
    falseFlagsOnClean,
    falseWarningsOnClean,
    criteria,
    diffs,
  }
}

/** Reads a corpus folder and validates every draft named in its truth.json. */
export function scoreFolder(folder: string): Score {
  const truth = JSON.parse(readFileSync(join(folder, 'truth.json'), 'utf8')) as Record<string, TruthEntry>
  const reports = new Map<string, ValidationReport>()
  for (const file of Object.keys(truth).sort()) {
    const path = join(folder, file)
    const md = readFileSync(path, 'utf8')
    reports.set(file, validateAgreement(markdownToDoc(md), { lang: truth[file]!.language }))
  }
  return scoreReports(truth, reports)
}

const f2 = (n: number): string => n.toFixed(2)
const f3 = (n: number): string => n.toFixed(3)

export function renderScore(s: Score): string {
  const lines: string[] = []
  lines.push(`Per-criterion confusion (only sections both sides found; fail = criterion unmet)`)
  lines.push(`  code   tp  fp  fn   tn`)
  const order = [...s.criteria.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  for (const code of order) {
    const c = s.criteria.get(code)!
    const bad = c.fp + c.fn > 0 ? '  <' : ''
    lines.push(`  ${code.padEnd(5)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)} ${String(c.tn).padStart(4)}${bad}`)
  }
  lines.push('', 'Per-file differences (truth -> got)')
  if (!s.diffs.length) lines.push('  none')
  for (const d of s.diffs) {
    lines.push(`  ${d.file}`)
    for (const x of d.sections) lines.push(`    ${x.id}: ${x.truth} -> ${x.got}`)
    if (d.extraWarnings.length) lines.push(`    extra warnings: ${d.extraWarnings.join(', ')}`)
    if (d.missedWarnings.length) lines.push(`    missed warnings: ${d.missedWarnings.join(', ')}`)
  }
  lines.push('')
  lines.push(`drafts ${s.files}, section decisions ${s.decisions}, clean drafts ${s.cleanDrafts}`)
  lines.push(`flags: tp ${s.flag.tp} fp ${s.flag.fp} fn ${s.flag.fn}; warnings: tp ${s.warning.tp} fp ${s.warning.fp} fn ${s.warning.fn}`)
  lines.push(`status accuracy ${f3(s.statusAccuracy)} | flag precision ${f3(s.flag.precision)} recall ${f3(s.flag.recall)} F1 ${f3(s.flag.f1)}`)
  lines.push(`warning precision ${f2(s.warning.precision)} recall ${f2(s.warning.recall)}`)
  lines.push(`false flags on clean drafts ${s.falseFlagsOnClean} (false warnings on clean drafts ${s.falseWarningsOnClean})`)
  return lines.join('\n') + '\n'
}

function main(argv: string[]): number {
  const folder = argv.find((a) => !a.startsWith('--'))
  if (!folder) {
    process.stderr.write('usage: validator:score -- <folder with truth.json> [--json]\n')
    return 2
  }
  try {
    if (!statSync(join(folder, 'truth.json')).isFile()) throw new Error('not a file')
  } catch {
    process.stderr.write(`validator:score: ${folder} has no truth.json\n`)
    return 2
  }
  const s = scoreFolder(folder)
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify({ ...s, criteria: Object.fromEntries(s.criteria) }, null, 2) + '\n')
    return 0
  }
  process.stdout.write(renderScore(s))
  return 0
}

if (process.argv[1] && /score\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2))
