import { describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import {
  asCoordinator,
  createAgreement,
  docText,
  focusEnd,
  joinAgreement,
  newPerson,
  openAgreement,
  openPanel,
  screenshot,
  signIn,
  useServerAndBrowser,
  waitForStatus,
  selectWords,
} from './browser.ts'

/**
 * The agreement's structure and the readers' connections, as a writing group meets them in Chromium:
 * a reviewer reloading is never thrown out; Backspace and Delete at every section edge keep all 19
 * sections; a pasted section gets its own uid; a member added while a page is open can be mentioned
 * at once; after logging out, the next person on the same browser finds no agreement stored.
 */

let server: ServerProcess
let browser: Browser

useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

async function person(name: string): Promise<Page> {
  return (await newPerson(browser, { name })).page
}

/** Close codes the server logged for connections so far (JSON lines on stderr). */
function loggedCloses(): number[] {
  const codes: number[] = []
  const { stdout, stderr } = server.output()
  for (const line of (stdout + '\n' + stderr).split('\n')) {
    if (!line.includes('closing connection')) continue
    const match = /"code":\s*(\d{4})/.exec(line) ?? /code[=: ]+(\d{4})/.exec(line)
    if (match) codes.push(Number(match[1]))
  }
  return codes
}

interface Structure {
  sections: { uid: string | null; kind: string | null; first: string | null; heading: string }[]
}

function structure(page: Page): Promise<Structure> {
  return page.evaluate(() => {
    const sections: Structure['sections'] = []
    window.__overens!.view.state.doc.forEach((node) => {
      if (node.type.name !== 'section') return
      sections.push({ uid: node.attrs.uid as string | null, kind: node.attrs.kind as string | null, first: node.firstChild?.type.name ?? null, heading: node.firstChild?.textContent ?? '' })
    })
    return { sections }
  })
}

/** Puts the caret at the start of section `index`'s first textblock, or at the end of its last one. */
async function caretAtSectionEdge(page: Page, index: number, edge: 'start' | 'end'): Promise<void> {
  await page.evaluate(
    ({ index, edge }) => {
      const { view } = window.__overens!
      let seen = -1
      let target = -1
      view.state.doc.forEach((node, offset) => {
        if (node.type.name !== 'section' || ++seen !== index) return
        target = edge === 'start' ? offset + 2 : offset + node.nodeSize - 2
      })
      const Selection = view.state.selection.constructor as unknown as { near: (pos: unknown, bias?: number) => typeof view.state.selection }
      view.focus()
      view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(target), edge === 'start' ? 1 : -1)))
    },
    { index, edge },
  )
}

describe('readers are never thrown out', () => {
  it('a reviewer reloads 20 times while a drafter writes, and is never disconnected or told of refused edits', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Läxhjälp', municipality: 'Umeå', lang: 'sv', skeleton: true })
    const [drafter, reviewer] = await Promise.all([person('Dina Skribent'), person('Rune Jurist')])
    await joinAgreement(reviewer, server.url, agreement.id, 'reviewer')
    await Promise.all([openAgreement(drafter, server.url, agreement.id), openAgreement(reviewer, server.url, agreement.id)])
    const closesBefore = loggedCloses().length
    await focusEnd(drafter)
    for (let i = 1; i <= 20; i++) {
      // New text on the server each time, so the reviewer's IndexedDB copy is always behind it.
      await drafter.keyboard.type(` Mening ${i}.`)
      await reviewer.reload()
      await reviewer.waitForFunction(() => window.__overens?.provider.synced === true)
      await waitForStatus(reviewer, 'saved')
      await expect.poll(() => docText(reviewer)).toContain(`Mening ${i}.`)
      expect(await reviewer.locator('.closed-banner').isVisible(), `reload ${i}: closed banner`).toBe(false)
      expect(await reviewer.locator('.refused-edits').isVisible(), `reload ${i}: refused-edits notice`).toBe(false)
    }
    // Give a late close (an offline copy loading after the socket opened) its moment, then look again.
    await reviewer.waitForTimeout(1000)
    expect(await reviewer.locator('.connection-status').getAttribute('data-state')).toBe('saved')
    expect(await reviewer.evaluate(() => window.__overens!.provider.wsconnected)).toBe(true)
    // Reloads close sockets from the browser's side; the server closed none of them.
    expect(loggedCloses().slice(closesBefore)).toEqual([])
    await screenshot(reviewer, 'structure-1-reviewer-after-20-reloads')
    // Twenty full page loads: about a minute on an idle machine, several on a shared, loaded one.
  }, 300_000)
})

describe('sections hold', () => {
  it('Backspace and Delete at every section edge of the 19-section skeleton keep 19 sections', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Kulturhus', municipality: 'Luleå', lang: 'sv', skeleton: true })
    const drafter = await person('Dina Skribent')
    await openAgreement(drafter, server.url, agreement.id)
    await drafter.locator('.agreement-doc[contenteditable=true]').waitFor()
    const before = await structure(drafter)
    expect(before.sections).toHaveLength(19)

    for (let i = 0; i < 19; i++) {
      await caretAtSectionEdge(drafter, i, 'start')
      await drafter.keyboard.press('Backspace')
      await caretAtSectionEdge(drafter, i, 'end')
      await drafter.keyboard.press('Delete')
      // An empty last paragraph: Delete at its end is where the next section used to be pulled in.
      await drafter.keyboard.press('Delete')
      await caretAtSectionEdge(drafter, i, 'start')
      await drafter.keyboard.press('Backspace')
    }
    const after = await structure(drafter)
    expect(after.sections).toHaveLength(19)
    expect(after.sections.map((s) => s.uid)).toEqual(before.sections.map((s) => s.uid))
    expect(after.sections.map((s) => s.heading)).toEqual(before.sections.map((s) => s.heading))
    expect(after.sections.every((s) => s.first === 'heading')).toBe(true)
    expect(await drafter.locator('.agreement-doc section.agreement-section').count()).toBe(19)
    expect(await drafter.locator('.agreement-doc section.agreement-section > h2:first-child').count()).toBe(19)

    // The server holds the same 19 sections.
    await waitForStatus(drafter, 'saved')
    const stored = (await (await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}`)).json()) as { content: { content: { type: string }[] } }
    expect(stored.content.content.filter((n) => n.type === 'section')).toHaveLength(19)
    await screenshot(drafter, 'structure-2-sections-after-edge-keys')
  }, 90_000)

  it('a pasted section goes in whole after the current one, with a fresh uid, and the server keeps uids unique', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Simskola', municipality: 'Västerås', lang: 'sv', skeleton: true })
    const drafter = await person('Dina Skribent')
    await openAgreement(drafter, server.url, agreement.id)
    await drafter.locator('.agreement-doc[contenteditable=true]').waitFor()
    const before = await structure(drafter)
    const source = before.sections[2]!

    // Copy the third section as the browser would (ProseMirror's own copy handler fills the clipboard),
    // then paste it into the tenth section's text.
    const copiedHtml = await drafter.evaluate(() => {
      const { view } = window.__overens!
      const state = view.state
      let from = -1
      let seen = -1
      state.doc.forEach((node, offset) => {
        if (node.type.name === 'section' && ++seen === 2) from = offset
      })
      const Selection = state.selection.constructor as unknown as { near: (pos: unknown, bias?: number) => typeof state.selection }
      const node = state.doc.nodeAt(from)!
      // Select the whole section as a range from its heading's start to its last textblock's end.
      view.focus()
      const start = state.doc.resolve(from + 2)
      const end = state.doc.resolve(from + node.nodeSize - 2)
      const sel = (state.selection.constructor as unknown as { between: (a: unknown, b: unknown) => typeof state.selection }).between(start, end)
      view.dispatch(state.tr.setSelection(sel))
      const clipboard = new DataTransfer()
      view.dom.dispatchEvent(new ClipboardEvent('copy', { clipboardData: clipboard, bubbles: true, cancelable: true }))
      const html = clipboard.getData('text/html')
      // Into the tenth section's paragraph.
      let target = -1
      seen = -1
      view.state.doc.forEach((n, offset) => {
        if (n.type.name === 'section' && ++seen === 9) target = offset + n.nodeSize - 2
      })
      view.dispatch(view.state.tr.setSelection(Selection.near(view.state.doc.resolve(target), -1)))
      const paste = new DataTransfer()
      paste.setData('text/html', html)
      paste.setData('text/plain', node.textContent)
      view.dom.dispatchEvent(new ClipboardEvent('paste', { clipboardData: paste, bubbles: true, cancelable: true }))
      return html.length
    })
    expect(copiedHtml).toBeGreaterThan(0)

    await expect.poll(async () => (await structure(drafter)).sections.length).toBe(20)
    const after = await structure(drafter)
    const uids = after.sections.map((s) => s.uid)
    expect(new Set(uids).size).toBe(20)
    expect(uids.every((u) => typeof u === 'string' && u.length > 0)).toBe(true)
    // Every section kept its identity; the newcomer sits right after the tenth, with the copied heading.
    expect(uids.filter((u) => u !== null && before.sections.some((s) => s.uid === u))).toHaveLength(19)
    expect(after.sections[10]!.heading).toBe(source.heading)
    expect(after.sections[10]!.uid).not.toBe(source.uid)
    expect(after.sections[2]!.uid).toBe(source.uid)
    expect(after.sections.every((s) => s.first === 'heading')).toBe(true)

    await waitForStatus(drafter, 'saved')
    await expect
      .poll(async () => {
        const stored = (await (await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}`)).json()) as { content: { content: { type: string; attrs?: { uid?: string } }[] } }
        const storedUids = stored.content.content.filter((n) => n.type === 'section').map((n) => n.attrs?.uid)
        return storedUids.length === 20 && new Set(storedUids).size === 20
      })
      .toBe(true)
    await screenshot(drafter, 'structure-3-pasted-section')
  }, 60_000)

  it('inserting a section kind that is already there says so and goes there on request', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Fritidsgård', municipality: 'Kiruna', lang: 'sv', skeleton: true })
    const drafter = await person('Dina Skribent')
    await openAgreement(drafter, server.url, agreement.id)
    await drafter.locator('.agreement-doc[contenteditable=true]').waitFor()
    await focusEnd(drafter)
    await drafter.locator('.section-select').selectOption('parties_and_mandates')
    await drafter.locator('.insert-section').click()
    const notice = drafter.getByTestId('section-exists')
    await notice.waitFor()
    expect(await notice.textContent()).toContain('”Parter och mandat” finns redan i avtalet.')
    await screenshot(drafter, 'structure-4-section-exists')
    await drafter.getByTestId('go-to-section').click()
    expect(await notice.isVisible()).toBe(false)
    expect((await structure(drafter)).sections).toHaveLength(19)
    const inFirst = await drafter.evaluate(() => {
      const { state } = window.__overens!.view
      return state.selection.$from.node(1).attrs.kind as string
    })
    expect(inFirst).toBe('parties_and_mandates')
  }, 60_000)
})

describe('live state', () => {
  it('a member added while the reviewer’s page is open can be mentioned at once', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Språkcafé', municipality: 'Örebro', lang: 'sv', skeleton: false })
    const [drafter, reviewer, newcomer] = await Promise.all([person('Dina Skribent'), person('Rune Jurist'), person('Nora Nykomling')])
    await joinAgreement(reviewer, server.url, agreement.id, 'reviewer')
    await Promise.all([openAgreement(drafter, server.url, agreement.id), openAgreement(reviewer, server.url, agreement.id)])
    await openPanel(reviewer, 'comments')
    await reviewer.locator('.comments-hint').waitFor()
    await focusEnd(drafter)
    await drafter.keyboard.type('Språkcaféet är öppet varje tisdag.')
    await expect.poll(() => docText(reviewer)).toContain('varje tisdag')

    // The coordinator adds Nora; she never opens the agreement, so presence cannot announce her.
    const { email } = await signIn(newcomer, server.url)
    const added = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}/members`, { method: 'POST', body: JSON.stringify({ email, role: 'viewer' }) })
    expect(added.status).toBe(201)

    await selectWords(reviewer, 'tisdag')
    await reviewer.getByTestId('comment-on-selection').click()
    const picker = reviewer.locator('.comment-popover .comment-form .mention-picker')
    // Live, not on reload: the members event reaches the open page, and the picker lists the members
    // the page knows whenever it is opened (focus), as a person opening it would see. The bound allows a
    // loaded machine; a page that never hears the event fails it.
    await expect
      .poll(
        async () => {
          await picker.focus()
          return picker.locator('option').allTextContents()
        },
        { timeout: 15_000 },
      )
      .toContain('Nora Nykomling')
    await screenshot(reviewer, 'structure-5-mention-new-member')
  }, 60_000)

  it('after logout the next person in the same browser profile finds no agreement in IndexedDB', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Delad dator', municipality: 'Borås', lang: 'sv', skeleton: true })
    const { context, page } = await newPerson(browser, { name: 'Första Person' })
    await openAgreement(page, server.url, agreement.id)
    await focusEnd(page)
    await page.keyboard.type('Konfidentiellt utkast.')
    await page.locator('.connection-status[data-local="stored"]').waitFor()
    const stored = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
    expect(stored).toContain(`overens-agreement-${agreement.id}`)

    await page.getByTestId('logout').click()
    await page.locator('form.auth-form').waitFor()
    await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).filter((n) => n?.startsWith('overens-agreement-')))).toEqual([])

    // The next person opens a page in the same profile (same context): nothing of the agreement is there.
    const next = await context.newPage()
    await next.goto(server.url)
    await next.locator('form.auth-form').waitFor()
    const found = await next.evaluate(async () => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '')
      const cacheKeys = typeof caches === 'undefined' ? [] : await caches.keys()
      return { names, cacheKeys }
    })
    expect(found.names.filter((n) => n.startsWith('overens-agreement-'))).toEqual([])
    expect(found.cacheKeys).toEqual([])
    await screenshot(next, 'structure-6-next-person')
    await next.close()
  }, 60_000)
})
