import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'

/** Shared pieces of the accessibility tests: axe-core injected into the page, and layout checks. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const AXE = path.join(root, 'node_modules/axe-core/axe.min.js')
let axeSource: string | undefined

export interface AxeFinding {
  id: string
  impact: string
  help: string
  nodes: string[]
}

/** Serious and critical axe-core violations of the page as it is now (WCAG 2.1 A and AA rules and best practices). */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated through the DevTools protocol, not as a <script>: the app's CSP (script-src 'self') rightly
  // refuses inline scripts, and the check must see the page under its real policy.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate((axeSource ??= readFileSync(AXE, 'utf8')))
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> }
      }
    ).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        nodes: v.nodes.slice(0, 6).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join(' ') ?? ''}`.trim()),
      }))
  })
}

/** How far the page sticks out sideways (0 when nothing makes it scroll horizontally). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

/** A record of every state checked, written to test-results/ for the report. */
export class AxeLog {
  readonly rows: { state: string; width: number; violations: AxeFinding[]; overflow: number }[] = []
  add(state: string, width: number, violations: AxeFinding[], overflow: number): void {
    this.rows.push({ state, width, violations, overflow })
  }
  write(name: string): string {
    const dir = path.join(root, 'test-results')
    mkdirSync(dir, { recursive: true })
    const file = path.join(dir, `${name}.json`)
    writeFileSync(file, JSON.stringify(this.rows, null, 2))
    return file
  }
}
