import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { createAgreement, newPerson, openAgreement, openPanel, screenshot, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []

useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

async function person(name: string): Promise<{ page: Page; console: string[] }> {
  const { context, page } = await newPerson(browser, { name })
  contexts.push(context)
  const messages: string[] = []
  page.on('console', (m) => messages.push(`${m.type()}: ${m.text()}`))
  return { page, console: messages }
}

/** Every badge sits in the heading of the section it names (data-section = the section's kind). */
async function badgesInPlace(page: Page): Promise<{ total: number; misplaced: string[] }> {
  return page.evaluate(() => {
    const badges = [...document.querySelectorAll<HTMLElement>('.agreement-doc .validation-badge')]
    const misplaced = badges.filter((b) => b.closest('section.agreement-section')?.getAttribute('data-kind') !== b.dataset.section || !b.closest('h2')).map((b) => b.dataset.section ?? '?')
    return { total: badges.length, misplaced }
  })
}

describe('validator in a Web Worker', () => {
  it('runs in the worker under the real server headers, fills the panel and marks the sections', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Arbetare', municipality: 'Västerås', skeleton: true })
    const { page, console } = await person('Vera Worker')
    const response = await page.goto(server.url)
    // The page is served with the CSP the worker must load under: no worker-src exception beyond 'self'.
    const csp = (await response!.allHeaders())['content-security-policy'] ?? ''
    const directive = (name: string) =>
      csp
        .split(';')
        .map((d) => d.trim())
        .find((d) => d.startsWith(`${name} `))
    expect(directive('script-src')).toBe("script-src 'self'")
    expect(directive('worker-src')).toBe("worker-src 'self'")
    await openAgreement(page, server.url, agreement.id)
    await openPanel(page, 'validator')
    await page.locator('.agreement-doc[data-validation="fresh"][data-validation-source="worker"]').waitFor()
    const timings = await page.evaluate(() => window.__overensValidationTimings!)
    expect(timings.source).toBe('worker')
    // The first run sends every block (a later run for the registered parties sends none); the worker answered with the report the panel shows.
    expect(timings.sentTotal).toBeGreaterThan(10)
    expect(await page.locator('.validator-summary').textContent()).toMatch(/^Att åtgärda: 14 · Att se över: \d+ · Klara: 0$/)
    expect(await page.locator('section.agreement-section[data-kind="termination"] h2 .validation-badge').textContent()).toBe('Ofullständigt')
    expect((await badgesInPlace(page)).misplaced).toEqual([])

    // Typing sends the edited block, not the agreement.
    await page.locator('section.agreement-section[data-kind="termination"] p').first().click()
    await page.keyboard.type('Vardera parten kan säga upp överenskommelsen med sex månaders uppsägningstid.')
    await page.waitForFunction((before) => (window.__overensValidationTimings?.sentTotal ?? 0) > before && (window.__overensValidationTimings?.sent ?? 99) <= 3, timings.sentTotal)
    await page.locator('.agreement-doc[data-validation="fresh"]').waitFor()
    expect(await page.locator('.agreement-doc').getAttribute('data-validation-source')).toBe('worker')
    expect(console.filter((m) => /Content Security Policy|Refused to/i.test(m))).toEqual([])
    await screenshot(page, 'validator-worker-1-panel')
  })

  it('a result that arrives after the document changed still puts each badge on its own section', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Sent svar', municipality: 'Västerås', skeleton: true })
    const { page } = await person('Sune Sen')
    // Right after the editor hands a document to the worker, a co-author's edit moves every section down.
    await page.context().addInitScript(() => {
      const post = Worker.prototype.postMessage
      Worker.prototype.postMessage = function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
        post.apply(this, args)
        const hook = (window as unknown as { __afterPost?: () => void }).__afterPost
        ;(window as unknown as { __afterPost?: () => void }).__afterPost = undefined
        hook?.()
      } as Worker['postMessage']
    })
    await openAgreement(page, server.url, agreement.id)
    await openPanel(page, 'validator')
    await page.locator('.agreement-doc[data-validation="fresh"][data-validation-source="worker"]').waitFor()

    const seen = await page.evaluate(
      () =>
        new Promise<{ pendingWhenApplied: boolean; total: number; misplaced: string[]; shift: number }>((resolve) => {
          const { view } = window.__overens!
          const runs = window.__overensValidationTimings!.runs
          let shift = 0
          ;(window as unknown as { __afterPost?: () => void }).__afterPost = () => {
            // Three paragraphs into the first section: every later section starts further down.
            const first = view.state.doc.child(1)
            const at = view.state.doc.child(0).nodeSize + first.nodeSize - 1
            const { schema } = view.state
            const paras = [1, 2, 3].map((i) => schema.nodes.paragraph!.create(null, schema.text(`Bakgrundsstycke ${i} som skrevs medan validatorn arbetade.`)))
            const tr = view.state.tr.insert(at, paras)
            shift = tr.doc.content.size - view.state.doc.content.size
            view.dispatch(tr)
          }
          // An edit in the termination section starts a run after the quiet period.
          let termination = -1
          view.state.doc.forEach((node, offset) => {
            if (node.attrs.kind === 'termination') termination = offset
          })
          view.dispatch(view.state.tr.insertText('Uppsägning sker skriftligen. ', termination + view.state.doc.nodeAt(termination)!.firstChild!.nodeSize + 2))
          const poll = () => {
            if ((window.__overensValidationTimings?.runs ?? 0) > runs) {
              const badges = [...document.querySelectorAll<HTMLElement>('.agreement-doc .validation-badge')]
              const misplaced = badges.filter((b) => b.closest('section.agreement-section')?.getAttribute('data-kind') !== b.dataset.section || !b.closest('h2')).map((b) => b.dataset.section ?? '?')
              resolve({ pendingWhenApplied: document.querySelector('.agreement-doc')!.getAttribute('data-validation') === 'pending', total: badges.length, misplaced, shift })
              return
            }
            setTimeout(poll, 1)
          }
          poll()
        }),
    )
    // The result described the document before the insertion, and was applied to the one after it.
    expect(seen.shift).toBeGreaterThan(100)
    expect(seen.pendingWhenApplied).toBe(true)
    expect(seen.total).toBeGreaterThan(5)
    expect(seen.misplaced).toEqual([])
    // The edit made meanwhile is validated next, and the badges stay where they belong.
    await page.locator('.agreement-doc[data-validation="fresh"]').waitFor()
    const after = await badgesInPlace(page)
    expect(after.misplaced).toEqual([])
    expect(after.total).toBe(seen.total)
  })
})
