import { describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { colorForName } from '../../client/identity.ts'
import type { ServerProcess } from '../support/server-process.ts'
import { asCoordinator, createAgreement, docText, focusEnd, newPerson, openAgreement, screenshot, waitForStatus, useServerAndBrowser } from './browser.ts'

let server: ServerProcess
let browser: Browser
const contexts: BrowserContext[] = []

useServerAndBrowser((s, b) => {
  server = s
  browser = b
}, contexts)

async function person(name: string): Promise<Page> {
  const { context, page } = await newPerson(browser, { name })
  contexts.push(context)
  return page
}

/** Sections as [kind, heading] pairs, read from the editor state. */
function sections(page: Page): Promise<[string, string][]> {
  return page.evaluate(() => {
    const out: [string, string][] = []
    window.__overens!.view.state.doc.forEach((n) => {
      if (n.type.name === 'section') out.push([String(n.attrs.kind), n.firstChild?.textContent ?? ''])
    })
    return out
  })
}

describe('two people in one agreement', () => {
  it('see each other’s text, cursor with name label, and presence', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Fritidsgård', municipality: 'Umeå', skeleton: false })
    const [anna, bertil] = await Promise.all([person('Anna Andersson'), person('Bertil Berg')])
    await Promise.all([openAgreement(anna, server.url, agreement.id), openAgreement(bertil, server.url, agreement.id)])

    await focusEnd(anna)
    await anna.keyboard.type('Föreningen ansvarar för kvällsöppet.')
    await expect.poll(() => docText(bertil)).toContain('Föreningen ansvarar för kvällsöppet.')

    await focusEnd(bertil)
    await bertil.keyboard.press('Enter')
    await bertil.keyboard.type('Kommunen står för lokalen.')
    await expect.poll(() => docText(anna)).toContain('Kommunen står för lokalen.')
    expect(await docText(anna)).toBe(await docText(bertil))

    // Each sees the other's caret, labelled with the name in that person's colour.
    const bertilLabel = anna.locator('.remote-cursor-label', { hasText: 'Bertil Berg' })
    await bertilLabel.waitFor()
    expect(await bertilLabel.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(hexToRgb(colorForName('Bertil Berg')))
    await focusEnd(anna)
    await anna.keyboard.type(' Ja.')
    await bertil.locator('.remote-cursor-label', { hasText: 'Anna Andersson' }).waitFor()

    // Presence lists both, self first.
    await expect.poll(() => anna.locator('.presence-name').allTextContents()).toEqual(['Anna Andersson', 'Bertil Berg'])
    await expect.poll(() => bertil.locator('.presence-name').allTextContents()).toEqual(['Bertil Berg', 'Anna Andersson'])
    await Promise.all([waitForStatus(anna, 'saved'), waitForStatus(bertil, 'saved')])
    await screenshot(anna, 'collab-anna')
    await screenshot(bertil, 'collab-bertil')

    // Undo takes back only one's own edits: Anna's text, even the words typed into Bertil's paragraph, stays.
    await bertil.keyboard.press('Control+z')
    await expect.poll(() => docText(anna)).not.toContain('Kommunen står för lokalen.')
    expect(await docText(anna)).toMatch(/Föreningen ansvarar för kvällsöppet\.\n? Ja\./)
    await bertil.keyboard.press('Control+y')
    await expect.poll(() => docText(anna)).toContain('Kommunen står för lokalen.')

    // A new display name reaches the others at once.
    await anna.locator('button.change-name').click()
    await anna.locator('dialog.name-dialog input').fill('Anna A. Andersson')
    await anna.locator('dialog.name-dialog button[type=submit]').click()
    await expect.poll(() => bertil.locator('.presence-name').allTextContents()).toEqual(['Bertil Berg', 'Anna A. Andersson'])

    // A rename through the API edits the title node, live in every open editor.
    const renamed = await asCoordinator(server.url, agreement.id, `/api/agreements/${agreement.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ title: 'IOP Fritidsgården Ljuset' }),
    })
    expect(renamed.status).toBe(200)
    await expect.poll(async () => (await docText(bertil)).split('\n')[0]).toBe('IOP Fritidsgården Ljuset')

    // Leaving removes the person from the other's presence list.
    await bertil.close()
    await expect.poll(() => anna.locator('.presence-name').allTextContents()).toEqual(['Anna A. Andersson'])
  })

  it('keeps the text across a reload', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Läxhjälp', municipality: 'Lund', skeleton: true })
    const page = await person('Cecilia Carlsson')
    await openAgreement(page, server.url, agreement.id)
    await focusEnd(page)
    await page.keyboard.type('Avtalet gäller till och med 2028.')
    await waitForStatus(page, 'saved')
    const before = await docText(page)
    expect(before).toContain('Avtalet gäller till och med 2028.')

    await page.reload()
    await page.waitForFunction(() => window.__overens?.provider.synced === true)
    expect(await docText(page)).toBe(before)

    // A fresh device (no IndexedDB copy) gets the same text from the server.
    const other = await person('David Dahl')
    await openAgreement(other, server.url, agreement.id)
    expect(await docText(other)).toBe(before)
  })

  it('inserts a section of the chosen kind after the current block, with a fresh uid', async () => {
    const agreement = await createAgreement(server.url, { title: 'IOP Kolloverksamhet', municipality: 'Luleå', lang: 'sv', skeleton: false })
    const page = await person('Eva Ek')
    await openAgreement(page, server.url, agreement.id)
    await focusEnd(page)
    await page.keyboard.type('Inledning.')
    await page.locator('.section-select').selectOption('learning_goals')
    await page.locator('.insert-section').click()
    await page.keyboard.type('Deltagarna ska lära sig simma.')
    await page.locator('.section-select').selectOption('duration')
    await page.locator('.insert-section').click()

    expect(await sections(page)).toEqual([
      ['learning_goals', 'Lärandemål'],
      ['duration', 'Avtalstid'],
    ])
    const uids = await page.evaluate(() => {
      const out: string[] = []
      window.__overens!.view.state.doc.forEach((n) => {
        if (n.type.name === 'section') out.push(String(n.attrs.uid))
      })
      return out
    })
    expect(uids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(uids[0]).not.toBe(uids[1])
    expect(await docText(page)).toBe('IOP Kolloverksamhet\nInledning.\nLärandemål\nDeltagarna ska lära sig simma.\nAvtalstid\n')

    // Toolbar: a heading, bold text and a bullet list, as marks and nodes in the document.
    await page.keyboard.type('Tre år.')
    await page.keyboard.press('Enter')
    await page.locator('.tool-bulletList').click()
    await page.locator('.tool-bold').click()
    await page.keyboard.type('Med förlängning')
    expect(await page.locator('.tool-bulletList').getAttribute('aria-pressed')).toBe('true')
    const json = await page.evaluate(() => JSON.stringify(window.__overens!.view.state.doc.toJSON()))
    expect(json).toContain('"type":"bullet_list"')
    expect(json).toContain('"marks":[{"type":"strong"}],"text":"Med förlängning"')
    await waitForStatus(page, 'saved')
    await screenshot(page, 'toolbar-sections')

    // An emptied title shows a placeholder that is not content.
    await page.locator('h1.agreement-title').click()
    await page.keyboard.press('End')
    for (let i = 0; i < 'IOP Kolloverksamhet'.length; i++) await page.keyboard.press('Backspace')
    const title = page.locator('h1.agreement-title.is-empty')
    await title.waitFor()
    expect(await title.getAttribute('data-placeholder')).toBe('Avtalets titel')
    expect((await docText(page)).startsWith('\n')).toBe(true)
    await screenshot(page, 'title-placeholder')
  }, 90_000)
})

function hexToRgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16)
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`
}
