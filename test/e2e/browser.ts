import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { startServer, type ServerProcess } from '../support/server-process.ts'

/** Shared pieces of the browser tests: launching Debian's Chromium, people, agreements, screenshots. */

const pageErrors: string[] = []

/** For `afterEach`: an uncaught exception in any page fails the test that was running. */
export function assertNoPageErrors(): void {
  expect(pageErrors.splice(0), 'uncaught exceptions in the browser').toEqual([])
}

const resultsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results')

/**
 * The lifecycle most browser test files share: one server process and one Chromium for the file,
 * page errors checked after each test, everything closed and the data folder removed at the end.
 */
export function useServerAndBrowser(ready: (server: ServerProcess, browser: Browser) => void, contexts: BrowserContext[] = []): void {
  let server: ServerProcess | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
    ready(server, browser)
  })
  afterEach(assertNoPageErrors)
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()))
    await browser?.close()
    await server?.stop()
    server?.removeDataDir()
  })
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/**
 * A person in their own browser context (own storage, own IndexedDB), not signed in yet: the app
 * shows the login page until signIn (over HTTP) or signUpInBrowser (through the form). `name` is the
 * display name signIn gives the account.
 */
export async function newPerson(browser: Browser, { name, lang }: { name?: string; lang?: 'sv' | 'en' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  // An English browser on purpose: Swedish must be the default because we say so, not because the browser is.
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-US' })
  if (lang) {
    await context.addInitScript((l) => {
      if (!localStorage.getItem('overens.lang')) localStorage.setItem('overens.lang', l)
    }, lang)
  }
  if (name) names.set(context, name)
  const page = await context.newPage()
  page.on('pageerror', (err) => pageErrors.push(`[${name ?? 'first visit'}] ${err.stack ?? err.message}`))
  if (process.env.E2E_CONSOLE) page.on('console', (m) => console.error(`[${name ?? 'anon'}] ${m.type()}: ${m.text()}`))
  return { context, page }
}

export interface CreatedAgreement {
  id: string
  title: string
}

/** Who coordinates each agreement the tests create: their session adds the people who open it. */
const coordinators = new Map<string, string>()
const names = new WeakMap<BrowserContext, string>()
const signedIn = new WeakMap<BrowserContext, { email: string }>()
let accounts = 0

async function signUpOverHttp(baseUrl: string, displayName: string): Promise<{ cookie: string; email: string }> {
  const email = `e2e${++accounts}.${Date.now()}@example.se`
  const response = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'ett långt lösenord för test', displayName }),
  })
  expect(response.status).toBe(201)
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!, email }
}

/** Creates an agreement owned by a coordinator account of its own, as a writing group's coordinator would. */
export async function createAgreement(baseUrl: string, body: { title: string; municipality: string; lang?: 'sv' | 'en'; skeleton?: boolean }): Promise<CreatedAgreement> {
  const coordinator = await signUpOverHttp(baseUrl, 'Samordnare')
  const response = await fetch(`${baseUrl}/api/agreements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: coordinator.cookie },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(201)
  const created = (await response.json()) as CreatedAgreement
  coordinators.set(created.id, coordinator.cookie)
  return created
}

/** An HTTP request as the agreement's coordinator (its owner), for setting up and checking the server side. */
export function asCoordinator(baseUrl: string, id: string, path: string, init: RequestInit = {}): Promise<Response> {
  const cookie = coordinators.get(id)
  if (!cookie) throw new Error(`agreement ${id} was not created by createAgreement`)
  const headers = { ...(init.body ? { 'content-type': 'application/json' } : {}), ...(init.headers as Record<string, string> | undefined), cookie }
  return fetch(`${baseUrl}${path}`, { ...init, headers })
}

/** Signs the person's browser context up (the session cookie lands in the context), once. */
export async function signIn(page: Page, baseUrl: string): Promise<{ email: string }> {
  const context = page.context()
  const existing = signedIn.get(context)
  if (existing) return existing
  const email = `e2e${++accounts}.${Date.now()}@example.se`
  const response = await context.request.post(`${baseUrl}/api/auth/signup`, {
    data: { email, password: 'ett långt lösenord för test', displayName: names.get(context) ?? 'Testperson' },
  })
  expect(response.status()).toBe(201)
  signedIn.set(context, { email })
  return { email }
}

export const TEST_PASSWORD = 'ett långt lösenord för test'

/** A fresh address, unique within the test run. */
export function newEmail(): string {
  return `e2e${++accounts}.${Date.now()}@example.se`
}

/**
 * Signs up through the login page the app shows when signed out (switching it to "create account"
 * if needed) and waits until the header names the person.
 */
export async function signUpInBrowser(page: Page, name: string): Promise<{ email: string }> {
  const email = newEmail()
  const form = page.locator('form.auth-form')
  await form.waitFor()
  if ((await form.getAttribute('data-mode')) !== 'signup') await form.locator('.auth-switch').click()
  await form.locator('input[name=displayName]').fill(name)
  await form.locator('input[name=email]').fill(email)
  await form.locator('input[name=password]').fill(TEST_PASSWORD)
  await form.locator('button[type=submit]').click()
  await page.locator('.account-actions:not([hidden]) .who').waitFor()
  names.set(page.context(), name)
  signedIn.set(page.context(), { email })
  return { email }
}

/** Makes the person a member of the agreement with `role`, as its coordinator would. */
export async function joinAgreement(page: Page, baseUrl: string, id: string, role: 'owner' | 'drafter' | 'reviewer' | 'viewer' = 'drafter'): Promise<void> {
  const { email } = await signIn(page, baseUrl)
  const cookie = coordinators.get(id)
  if (!cookie) throw new Error(`agreement ${id} was not created by createAgreement`)
  const response = await fetch(`${baseUrl}/api/agreements/${id}/members`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ email, role }),
  })
  if (response.status !== 201 && response.status !== 409) throw new Error(`adding a member: ${response.status} ${await response.text()}`)
}

/** Joins (as a drafter unless already a member) and opens an agreement, waiting until it is synced and editable. */
export async function openAgreement(page: Page, baseUrl: string, id: string): Promise<void> {
  await joinAgreement(page, baseUrl, id)
  await showAgreement(page, baseUrl, id)
}

/** Opens an agreement the person is already a member of and waits until the editor takes input. */
export async function showAgreement(page: Page, baseUrl: string, id: string): Promise<void> {
  await page.goto(`${baseUrl}/a/${encodeURIComponent(id)}`)
  await page.waitForFunction(() => window.__overens?.provider.synced === true)
  await waitForStatus(page, 'saved')
  await waitForRole(page)
}

/**
 * The editor shows the synced text before the person's role has loaded and takes input only once it
 * has (a reviewer's keystrokes would be refused): typing earlier is lost, as it would be for a person.
 */
export async function waitForRole(page: Page): Promise<void> {
  await page.locator('[data-testid=role-badge]:not([hidden])').waitFor()
}

/** Waits for the status pill to show `state`; "saved" also waits until every local edit was sent. */
export async function waitForStatus(page: Page, state: string): Promise<void> {
  const sent = state === 'saved' ? '[data-sent="all"]' : ''
  await page.locator(`.connection-status[data-state="${state}"]${sent}`).waitFor()
}

/**
 * The document's text, block by block, from the ProseMirror state. Never from the DOM: remote
 * cursor labels are widgets inside paragraphs and would show up in textContent.
 */
export function docText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = window.__overens!.view.state.doc
    return doc.textBetween(0, doc.content.size, '\n')
  })
}

/** Places the cursor at the end of the document's last textblock. */
/** Selects the first occurrence of `words` in the agreement's text, as a drag of the mouse would. */
export async function selectWords(page: Page, words: string): Promise<void> {
  await page.evaluate((w) => {
    const { view } = window.__overens!
    let from = -1
    view.state.doc.descendants((node, pos) => {
      if (from < 0 && node.isText && node.text!.includes(w)) from = pos + node.text!.indexOf(w)
      return from < 0
    })
    if (from < 0) throw new Error(`"${w}" is not in the document`)
    const Sel = view.state.selection.constructor as unknown as { between: (a: unknown, b: unknown) => typeof view.state.selection }
    view.focus()
    view.dispatch(view.state.tr.setSelection(Sel.between(view.state.doc.resolve(from), view.state.doc.resolve(from + w.length))))
  }, words)
}

export async function focusEnd(page: Page): Promise<void> {
  await waitForRole(page)
  await page.evaluate(() => {
    const { view } = window.__overens!
    view.focus()
    let end = 0
    view.state.doc.descendants((node, pos) => {
      if (node.isTextblock) end = pos + 1 + node.content.size
    })
    const Selection = view.state.selection.constructor as unknown as { near: (pos: unknown) => typeof view.state.selection }
    view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(end))))
  })
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true })
  const file = path.join(resultsDir, `${name}.png`)
  await page.screenshot({ path: file, fullPage: false })
  return file
}

/**
 * Shows a side panel (its tab; on a narrow screen the drawer is opened first). The side area shows
 * one panel at a time, so a test selects the one it works in, as a person would.
 */
export async function openPanel(page: Page, id: string): Promise<void> {
  const toggle = page.locator('[data-testid=drawer-toggle]')
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await page.locator(`.panel-tab[data-tab="${id}"]`).click()
  await page.locator(`.panel-card[data-panel="${id}"]:not([hidden])`).waitFor()
}
