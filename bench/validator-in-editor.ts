/**
 * What the live validator costs in the editor: a ~50-page agreement in Chromium, the time of one
 * validator run (validateAgreement + locateSections, measured by the panel's plugin) and of one
 * keystroke's dispatch with the validator and deviation plugins installed (they only map decorations
 * between runs). Run: `npx vite build && node --import tsx bench/validator-in-editor.ts`.
 */
import { chromium } from 'playwright-core'
import { startServer } from '../test/support/server-process.ts'

const WORDS_PER_PAGE = 500
const PAGES = 50

async function main(): Promise<void> {
  const server = await startServer()
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] })
  try {
    const email = `bench.${Date.now()}@example.se`
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'ett långt lösenord för bänk', displayName: 'Bänk' }),
    })
    const cookie = (signup.headers.get('set-cookie') ?? '').split(';')[0]!
    const created = (await (await fetch(`${server.url}/api/agreements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ title: 'Bänkavtal', municipality: 'Exempelby', skeleton: true }),
    })).json()) as { id: string }

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: server.url }])
    // tsx keeps function names with a `__name` helper that does not exist inside the page.
    await context.addInitScript('window.__name = (f) => f')
    const page = await context.newPage()
    await page.goto(`${server.url}/a/${created.id}`)
    await page.waitForFunction(() => window.__overens?.provider.synced === true)

    // Fill every section with plain paragraphs until the document is ~50 pages of text.
    const words = await page.evaluate(({ total }) => {
      const { view } = window.__overens!
      const { schema } = view.state
      const sentence = 'Parterna följer upp verksamheten tillsammans varje kvartal och redovisar resultat och lärdomar för styrgruppen innan beslut fattas om nästa period. '
      const paragraph = () => schema.nodes.paragraph!.create(null, schema.text(sentence.repeat(5)))
      const perParagraph = sentence.split(' ').length * 5
      const sections: number[] = []
      view.state.doc.forEach((node, pos) => {
        if (node.type.name === 'section') sections.push(pos + node.nodeSize - 1)
      })
      const perSection = Math.ceil(total / perParagraph / sections.length)
      const tr = view.state.tr
      for (const end of sections.reverse()) tr.insert(end, Array.from({ length: perSection }, paragraph))
      view.dispatch(tr)
      return view.state.doc.textContent.split(/\s+/).length
    }, { total: WORDS_PER_PAGE * PAGES })

    const settle = () => page.locator('.agreement-doc[data-validation="fresh"]').waitFor()
    await settle()

    // Validator runs: one edit, wait for the run, read its cost.
    const runs: number[] = []
    for (let i = 0; i < 25; i++) {
      await page.evaluate(() => {
        const { view } = window.__overens!
        view.dispatch(view.state.tr.insertText('x', view.state.doc.content.size - 3))
      })
      await settle()
      runs.push(await page.evaluate(() => window.__overensValidation!.lastCost))
    }

    // Keystrokes: synchronous dispatch time of a typed character, validator pending or not.
    const keys = await page.evaluate(() => {
      const { view } = window.__overens!
      const out: number[] = []
      for (let i = 0; i < 300; i++) {
        const start = performance.now()
        view.dispatch(view.state.tr.insertText('y', view.state.doc.content.size - 3))
        out.push(performance.now() - start)
      }
      return out
    })
    await settle()

    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(2)
    console.log(JSON.stringify({ words, validatorRunMs: { p50: q(runs, 0.5), p95: q(runs, 0.95), max: q(runs, 1) }, keystrokeDispatchMs: { p50: q(keys, 0.5), p95: q(keys, 0.95), max: q(keys, 1) } }))
  } finally {
    await browser.close()
    await server.stop()
    server.removeDataDir()
  }
}

void main()
