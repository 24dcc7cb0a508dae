import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * Real document engines for file tests: LibreOffice headless, pandoc, poppler. Each LibreOffice run
 * gets its own profile directory (and HOME), so test files converting in parallel never share one
 * profile lock. Conversions take seconds: tests keep their number small.
 */
export async function soffice(file: string, to: string, outDir: string): Promise<string> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-lo-'))
  try {
    await run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--nolockcheck', '--convert-to', to, '--outdir', outDir, file], {
      timeout: 180_000,
      env: { ...process.env, HOME: profile },
    })
  } finally {
    fs.rmSync(profile, { recursive: true, force: true })
  }
  const ext = to.split(':')[0]!
  const out = path.join(outDir, `${path.parse(file).name}.${ext}`)
  if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${ext} for ${file}`)
  return out
}

export async function pdfText(pdf: string): Promise<string> {
  // Reading order, not layout: a table's cells come out one after the other instead of side by side.
  const { stdout } = await run('pdftotext', [pdf, '-'], { maxBuffer: 32 * 1024 * 1024 })
  return stdout
}

export async function pdfPages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf])
  return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0)
}

/** Renders every page to PNG (for people to look at); returns the file paths. */
export async function pdfToPngs(pdf: string, prefix: string, dpi = 60): Promise<string[]> {
  await run('pdftoppm', ['-png', '-r', String(dpi), pdf, prefix])
  const dir = path.dirname(prefix)
  const base = path.basename(prefix)
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(base) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f))
}

export async function pandoc(input: string, output: string): Promise<void> {
  await run('pandoc', [input, '-f', 'markdown', '-o', output], { timeout: 60_000 })
}

/** Collapses whitespace and soft hyphens, so text broken over lines by a layout engine still matches. */
export function flat(text: string): string {
  return text
    .replace(/\u00ad/g, '')
    .replace(/-\n\s*/g, '')
    .replace(/\s+/g, ' ')
}
