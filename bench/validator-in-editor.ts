/**
 * What the live validator costs in the editor: a ~50-page agreement in Chromium with the real server.
 * Measured: one validator run (validateAgreement + locateSections, in the worker unless it failed),
 * and the main thread's share: a keystroke's dispatch (the plugins map their decorations, the
 * validation plugin records the steps for a result in flight), posting the changed blocks to the
 * worker, and applying its result as decorations (the panel's render is reported apart).
 * "cycle" is one typed character followed by its validation: dispatch + post + apply.
 * Run: `npx vite build && node --import tsx bench/validator-in-editor.ts`.
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
    const created = (await (
      await fetch(`${server.url}/api/agreements`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ title: 'Bänkavtal', municipality: 'Exempelby', skeleton: true }),
      })
    ).json()) as { id: string }

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } })
    const [name, value] = cookie.split('=') as [string, string]
    await context.addCookies([{ name, value, url: server.url }])
    // tsx keeps function names with a `__name` helper that does not exist inside the page.
    await context.addInitScript('window.__name = (f) => f')
    const page = await context.newPage()
    await page.goto(`${server.url}/a/${created.id}`)
    await page.waitForFunction(() => window.__overens?.provider.synced === true)
    // The editor takes input only once the role is known; an edit before that is not kept.
    await page.locator('[data-testid=role-badge]:not([hidden])').waitFor()

    // Fill every section with plain paragraphs until the document is ~50 pages of text.
    const words = await page.evaluate(
      ({ total }) => {
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
      },
      { total: WORDS_PER_PAGE * PAGES },
    )

    if (words < WORDS_PER_PAGE * PAGES * 0.9) throw new Error(`the document was not filled (${words} words)`)
    const settle = () => page.locator('.agreement-doc[data-validation="fresh"]').waitFor()
    await settle()

    // Validator runs: one edit, wait for the run, read its cost and the main thread's share.
    const runs: number[] = []
    const cycles: number[] = []
    const posts: number[] = []
    const applies: number[] = []
    const markerTimes: number[] = []
    const panels: number[] = []
    const sent: number[] = []
    const sources = new Set<string>()
    const ownCycles: number[] = []
    for (let i = 0; i < 25; i++) {
      const dispatchMs = await page.evaluate(() => {
        const { view } = window.__overens!
        const start = performance.now()
        view.dispatch(view.state.tr.insertText('x', view.state.doc.content.size - 3))
        return performance.now() - start
      })
      await settle()
      const t = await page.evaluate(() => ({ cost: window.__overensValidation!.lastCost, ...window.__overensValidationTimings! }))
      runs.push(t.cost)
      posts.push(t.postMs)
      applies.push(t.applyMs)
      markerTimes.push(t.markersMs)
      panels.push(t.panelMs)
      sent.push(t.sent)
      sources.add(t.source)
      cycles.push(dispatchMs + t.postMs + t.applyMs)
      ownCycles.push(t.postMs + t.markersMs)
    }

    // Keystrokes: synchronous dispatch time of a typed character (every plugin, y-prosemirror, the DOM),
    // and the validation plugin's own share of it, validator pending or not.
    const { keys, ownKeys } = await page.evaluate(() => {
      const { view } = window.__overens!
      const out: number[] = []
      const before = window.__overensValidationKeystrokes?.length ?? 0
      for (let i = 0; i < 300; i++) {
        const start = performance.now()
        view.dispatch(view.state.tr.insertText('y', view.state.doc.content.size - 3))
        out.push(performance.now() - start)
      }
      return { keys: out, ownKeys: (window.__overensValidationKeystrokes ?? []).slice(-Math.min(300, 1000 - before)) }
    })
    await settle()

    const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(2)
    const d = (xs: number[]) => ({ p50: q(xs, 0.5), p95: q(xs, 0.95), max: q(xs, 1) })
    console.log(
      JSON.stringify({
        words,
        source: [...sources].join(','),
        blocksSentPerRun: d(sent),
        validatorRunMs: d(runs),
        keystrokeDispatchMs: d(keys),
        keystrokeValidationPluginMs: d(ownKeys),
        postChangedBlocksMs: d(posts),
        applyResultMs: d(applies),
        buildMarkersMs: d(markerTimes),
        panelRenderMs: d(panels),
        keystrokeCycleMainThreadMs: d(cycles),
        validationPluginPerRunMs: d(ownCycles),
      }),
    )
  } finally {
    await browser.close()
    await server.stop()
    server.removeDataDir()
  }
}

void main()
