import { readFileSync, statSync } from 'node:fs'
import { extname } from 'node:path'
import { SECTIONS } from '../sections.ts'
import { hasErrors, validateAgreement } from './index.ts'
import { markdownToDoc } from './markdown.ts'
import { sectionName, type Lang } from './messages.ts'
import type { ValidationReport } from './types.ts'

/**
 * `npm run --silent validate -- <file> [--format json|text] [--lang sv|en]`
 * Exit 0: no error-level findings; 1: error-level findings; 2: the file could not be read or parsed
 * (message on stderr, nothing on stdout).
 */
const MAX_INPUT_BYTES = 5 * 1024 * 1024

class InputError extends Error {}

interface Args {
  file: string
  format: 'json' | 'text'
  lang: Lang
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined
  let format: Args['format'] = 'text'
  let lang: Lang = 'sv'
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined]
    if (flag === '--format' || flag === '--lang') {
      const value = inline ?? argv[++i]
      if (flag === '--format') {
        if (value !== 'json' && value !== 'text') throw new InputError(`--format must be json or text, got ${value ?? 'nothing'}`)
        format = value
      } else {
        if (value !== 'sv' && value !== 'en') throw new InputError(`--lang must be sv or en, got ${value ?? 'nothing'}`)
        lang = value
      }
    } else if (a.startsWith('--')) throw new InputError(`unknown option ${a}`)
    else if (file === undefined) file = a
    else throw new InputError(`only one file can be validated at a time (got ${file} and ${a})`)
  }
  if (!file) throw new InputError('usage: validate <file.md|file.json> [--format json|text] [--lang sv|en]')
  return { file, format, lang }
}

function readInput(file: string): string {
  let size: number
  try {
    const st = statSync(file)
    if (!st.isFile()) throw new InputError(`${file} is not a file`)
    size = st.size
  } catch (e) {
    if (e instanceof InputError) throw e
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`)
  }
  if (size > MAX_INPUT_BYTES) throw new InputError(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_INPUT_BYTES / 1024 / 1024} MB`)
  if (size === 0) throw new InputError(`${file} is an empty file`)
  const bytes = readFileSync(file)
  if (bytes.includes(0)) throw new InputError(`${file} looks like a binary file (it contains NUL bytes)`)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    throw new InputError(`${file} is not valid UTF-8 text`)
  }
  if (!text.trim()) throw new InputError(`${file} is an empty file (only whitespace)`)
  return text.replace(/^\uFEFF/, '')
}

function parseDocument(file: string, text: string): unknown {
  const ext = extname(file).toLowerCase()
  const looksJson = ext === '.json' || (ext !== '.md' && ext !== '.markdown' && /^\s*\{/.test(text))
  if (!looksJson) return markdownToDoc(text)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`)
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new InputError(`${file}: expected a ProseMirror document object or { "content": <document> }`)
  return json
}

function renderText(report: ValidationReport, lang: Lang): string {
  const mark = { present: '✓', incomplete: '!', missing: '✗' } as const
  const status = lang === 'sv' ? { present: 'finns', incomplete: 'ofullständigt', missing: 'saknas' } : { present: 'present', incomplete: 'incomplete', missing: 'missing' }
  const level = lang === 'sv' ? { required: 'obligatoriskt', recommended: 'rekommenderat' } : { required: 'required', recommended: 'recommended' }
  const lines: string[] = [lang === 'sv' ? 'Avsnitt' : 'Sections']
  for (const s of report.sections) {
    const info = SECTIONS.find((x) => x.id === s.id)!
    const codes = s.criteria.length ? ` [${s.criteria.join(', ')}]` : ''
    lines.push(`  ${mark[s.status]} ${sectionName(info.id, lang)} (${s.id}, ${level[s.level]}): ${status[s.status]}${codes}`)
    if (s.message) lines.push(`      ${s.message}`)
  }
  lines.push('', lang === 'sv' ? `Varningar (${report.warnings.length})` : `Warnings (${report.warnings.length})`)
  for (const w of report.warnings) lines.push(`  ⚠ ${w.rule}: ${w.message}`)
  const errors = report.sections.filter((s) => s.level === 'required' && s.status !== 'present').length
  lines.push('', lang === 'sv' ? `${errors} obligatoriska avsnitt saknas eller är ofullständiga.` : `${errors} required sections are missing or incomplete.`)
  return lines.join('\n') + '\n'
}

function main(argv: string[]): number {
  let args: Args
  let doc: unknown
  try {
    args = parseArgs(argv)
    const text = readInput(args.file)
    doc = parseDocument(args.file, text)
  } catch (e) {
    process.stderr.write(`validate: ${(e as Error).message}\n`)
    return 2
  }
  let report: ValidationReport
  try {
    report = validateAgreement(doc, { lang: args.lang })
  } catch (e) {
    // nodeFromJSON refuses JSON that does not fit the schema: that is unparseable input, not a finding.
    process.stderr.write(`validate: ${args.file} is not an agreement document: ${(e as Error).message}\n`)
    return 2
  }
  process.stdout.write(args.format === 'json' ? JSON.stringify({ sections: report.sections, warnings: report.warnings }, null, 2) + '\n' : renderText(report, args.lang))
  return hasErrors(report) ? 1 : 0
}

process.exitCode = main(process.argv.slice(2))
