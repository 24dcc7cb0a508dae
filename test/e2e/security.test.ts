import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { asCoordinator, createAgreement, joinAgreement, newPerson, openPanel, screenshot, signIn, useServerAndBrowser } from './browser.ts'

/**
 * Cross-site attacks from a real page on another port of the same host (same-site, so the visitor's
 * SameSite=Lax session cookie rides along), framing, and the invitation landing page, in Chromium
 * against the built app under its CSP.
 */

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []
useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

/** The attacker's site: plain pages with inline scripts, on another port of 127.0.0.1. */
let attacker: http.Server
let attackerUrl: string
const pages: Record<string, (target: string, q: URLSearchParams) => string> = {
  '/ws': (target, q) => `<!doctype html><title>Vinn en resa</title><script>
    window.result = { messages: 0, opened: false, done: false };
    const ws = new WebSocket(${JSON.stringify(target.replace(/^http/, 'ws'))} + '/sync/' + ${JSON.stringify(q.get('id') ?? '')} + '?schema=1');
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => { window.result.opened = true };
    ws.onmessage = () => { window.result.messages++ };
    ws.onclose = (e) => { window.result.code = e.code; window.result.done = true };
    setTimeout(() => { window.result.done = true }, 4000);
  </script>`,
  '/frame': (target) => `<!doctype html><title>Inramad</title><h1>En annan webbplats</h1><iframe id="victim" src="${target}/" width="900" height="500"></iframe>`,
  '/form': (target) => `<!doctype html><title>Formulär</title>
    <form id="f" method="POST" action="${target}/api/auth/tokens" enctype="text/plain"><input name='{"label":"stulen","x":"' value='"}'></form>
    <script>
      fetch(${JSON.stringify(target)} + '/api/auth/tokens', { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: '{"label":"fetch"}' })
        .catch(() => undefined)
        .finally(() => document.getElementById('f').submit());
    </script>`,
}

beforeAll(async () => {
  attacker = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const page = pages[url.pathname]
    res.writeHead(page ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page ? page(url.searchParams.get('target') ?? '', url.searchParams) : 'not found')
  })
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((resolve) => attacker.close(() => resolve())))

async function person(name: string): Promise<Page> {
  const { context, page } = await newPerson(browser, { name })
  contexts.push(context)
  return page
}

const tokenCount = async (page: Page): Promise<number> => {
  const res = await page.context().request.get(`${server.url}/api/auth/sessions`)
  expect(res.status()).toBe(200)
  return ((await res.json()) as { sessions: { kind: string }[] }).sessions.filter((s) => s.kind === 'access_token').length
}

describe('another site in the same browser', () => {
  it('cannot open the agreement websocket as the signed-in drafter; the app itself can', async () => {
    const agreement = await createAgreement(server.url, { title: 'Hemligt avtal', municipality: 'Exempelby', skeleton: true })
    const drafter = await person('Dora Drafter')
    await joinAgreement(drafter, server.url, agreement.id, 'drafter')
    expect(attackerUrl).not.toBe(server.url)

    await drafter.goto(`${attackerUrl}/ws?target=${encodeURIComponent(server.url)}&id=${agreement.id}`)
    await drafter.waitForFunction(() => (window as unknown as { result: { done: boolean } }).result.done)
    const foreign = await drafter.evaluate(() => (window as unknown as { result: { messages: number; opened: boolean; code?: number } }).result)
    expect(foreign.opened).toBe(false)
    expect(foreign.messages).toBe(0)
    await screenshot(drafter, 'security-1-foreign-page-websocket')

    // The same script from the app's own origin syncs: the refusal is about the origin, not the script.
    await drafter.goto(`${server.url}/`)
    const own = await drafter.evaluate(
      ([id]) =>
        new Promise<number>((resolve) => {
          const ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/sync/${id}?schema=1`)
          let messages = 0
          ws.onmessage = () => {
            messages++
            ws.close()
            resolve(messages)
          }
          ws.onclose = () => resolve(messages)
        }),
      [agreement.id],
    )
    expect(own).toBeGreaterThan(0)
  })

  it('cannot mint a token through a same-site form or a no-cors fetch', async () => {
    const victim = await person('Vera Offer')
    await signIn(victim, server.url)
    const before = await tokenCount(victim)
    await victim.goto(`${attackerUrl}/form?target=${encodeURIComponent(server.url)}`)
    await victim.waitForURL(`${server.url}/api/auth/tokens`)
    expect(await victim.locator('body').textContent()).toMatch(/json_only|foreign_origin/)
    await screenshot(victim, 'security-2-form-post-refused')
    expect(await tokenCount(victim)).toBe(before)
  })

  it('cannot show the signed-in app inside its frame', async () => {
    const victim = await person('Frida Ram')
    await signIn(victim, server.url)
    await victim.goto(`${attackerUrl}/frame?target=${encodeURIComponent(server.url)}`)
    await victim.waitForTimeout(1500)
    const framed = victim.frames().filter((f) => f !== victim.mainFrame())
    expect(framed.length).toBe(1)
    expect(
      await framed[0]!
        .locator('.app-header')
        .count()
        .catch(() => 0),
    ).toBe(0)
    await screenshot(victim, 'security-3-frame-refused')
    // The app itself renders at its own address under the same CSP.
    await victim.goto(`${server.url}/`)
    await victim.locator('.app-header').waitFor()
  })
})

describe('the invitation landing page', () => {
  it('names the agreement, the inviter and the role, joins only on a click, and tells the next person the link is used', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Fritidsgården', municipality: 'Exempelby', skeleton: true })
    const res = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/invitations`, { method: 'POST', body: JSON.stringify({ role: 'reviewer' }) })
    expect(res.status).toBe(201)
    const { path } = (await res.json()) as { path: string }

    const guest = await person('Gustav Gäst')
    await signIn(guest, server.url)
    await guest.goto(`${server.url}${path}`)
    const message = guest.locator('[data-testid=invite-message]')
    await expect.poll(() => message.textContent()).toBe('Samordnare bjuder in dig till avtalet ”IOP Fritidsgården” som granskare.')
    await guest.locator('[data-testid=invite-join]:not([hidden])').waitFor()
    await screenshot(guest, 'security-4-invitation-asks')
    // Opening the page joined nothing.
    expect((await guest.context().request.get(`${server.url}/api/agreements/${agreement.id}`)).status()).toBe(404)
    await guest.locator('[data-testid=invite-join]').click()
    await guest.waitForURL(`${server.url}/a/${agreement.id}`)
    await expect.poll(() => guest.locator('[data-testid=role-badge]').textContent()).toContain('Granskare')

    const late = await person('Lena Sen')
    await late.goto(`${server.url}${path}`)
    await expect.poll(() => late.locator('[data-testid=invite-message]').textContent()).toBe('Inbjudningslänken har redan använts. Be den som bjöd in dig om en ny länk.')
    expect(await late.locator('form.auth-form').count()).toBe(0)
    await screenshot(late, 'security-5-invitation-used')
  })

  it('shows the owner the pending links, who made them and uses left, and withdraws one', async () => {
    const owner = await person('Olle Ägare')
    const { email } = await signIn(owner, server.url)
    const created = await owner.context().request.post(`${server.url}/api/agreements`, { data: { title: 'Länkar', municipality: 'Exempelby', skeleton: true } })
    const { id } = (await created.json()) as { id: string }
    await owner.goto(`${server.url}/a/${id}`)
    await openPanel(owner, 'members')
    const panel = owner.locator('.panel-card[data-panel=members]')
    await panel.locator('details.members-invite summary').click()
    await panel.locator('.invite-form input[name=maxUses]').fill('3')
    await panel.locator('.invite-create').click()
    const row = panel.locator('.pending-invitation')
    await expect.poll(() => row.count()).toBe(1)
    expect(await row.textContent()).toContain('Olle Ägare, 3 användningar kvar')
    await screenshot(owner, 'security-6-pending-links')
    await row.locator('button').click()
    await expect.poll(() => row.count()).toBe(0)
    expect(email).toContain('@')
  })
})

describe('the account dialog', () => {
  it('lists where the account is signed in and changes the password', async () => {
    const me = await person('Anna Konto')
    await signIn(me, server.url)
    await me.context().request.post(`${server.url}/api/auth/tokens`, { data: { label: 'skript' } })
    await me.goto(`${server.url}/`)
    await me.locator('[data-testid=account-open]').click()
    const sessions = me.locator('[data-testid=account-sessions] li')
    await expect.poll(() => sessions.count()).toBe(2)
    expect(await sessions.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('den här webbläsaren'), expect.stringContaining('skript')]))
    await me.locator('input[name=currentPassword]').fill('ett långt lösenord för test')
    await me.locator('input[name=newPassword]').fill('ett helt nytt lösenord')
    await me.locator('.account-password button[type=submit]').click()
    await expect.poll(() => me.locator('[data-testid=password-status]').textContent()).toContain('Lösenordet är bytt')
    await expect.poll(() => sessions.count()).toBe(1)
    await screenshot(me, 'security-7-account-dialog')
  })
})
