import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { ServerProcess } from '../support/server-process.ts'
import { flat, pdfPages, pdfText, pdfToPngs } from '../support/office.ts'
import { docText, focusEnd, newPerson, openPanel, screenshot, showAgreement, signIn, useServerAndBrowser, waitForStatus } from './browser.ts'

/**
 * What a writing group does with a finished agreement, in Chromium: the "Exportera" menu (Word, print
 * / PDF, JSON), the print view as a PDF that holds the agreement and nothing of the app, and a Word
 * draft imported from the agreements list after seeing what was found.
 */
const run = promisify(execFile)
const results = path.resolve(import.meta.dirname, '../../test-results')
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'overens-e2e-export-'))

let server: ServerProcess
let browser: Browser
useServerAndBrowser((s, b) => {
  server = s
  browser = b
})

describe('export and import in the browser', () => {
  it('exports Word and JSON from one menu, and prints only the agreement with its signature page', async () => {
    const { context, page } = await newPerson(browser, { name: 'Anna Ägare' })
    await signIn(page, server.url)
    const api = context.request
    const created = await api.post(`${server.url}/api/agreements`, { data: { title: 'IOP Läxhjälp Granvik', municipality: 'Granviks kommun', skeleton: true } })
    const id = ((await created.json()) as { id: string }).id
    await api.post(`${server.url}/api/agreements/${id}/parties`, { data: { name: 'Granviks kommun', type: 'public', orgNr: '212000-1234' } })
    const forening = await api.post(`${server.url}/api/agreements/${id}/parties`, { data: { name: 'Föreningen Läxhjälpen i Granvik', type: 'idea_driven', orgNr: '802456-7890' } })
    const me = (await (await api.get(`${server.url}/api/auth/me`)).json()) as { user: { id: string } }
    await api.patch(`${server.url}/api/agreements/${id}/members/${me.user.id}`, {
      data: { partyId: ((await forening.json()) as { id: string }).id, mandate: 'Ordförande enligt styrelsens beslut 2025-05-14' },
    })

    await showAgreement(page, server.url, id)
    await focusEnd(page)
    await page.keyboard.type('Parterna undertecknar överenskommelsen i två exemplar.')
    expect(await docText(page)).toContain('Parterna undertecknar överenskommelsen i två exemplar.')
    await waitForStatus(page, 'saved')

    // One menu with the five ways out.
    await page.locator('[data-testid=export-menu]').click()
    const items = page.locator('.export-items .export-item')
    expect(await items.allTextContents()).toEqual(['Word (.docx)', 'Word med klausulförteckning', 'Word utan föreslagna ändringar', 'Skriv ut / spara som PDF', 'JSON (hela avtalet som data)'])
    await screenshot(page, 'export-1-menu')
    const [word] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-docx]').click()])
    expect(word.suggestedFilename()).toBe('IOP Läxhjälp Granvik.docx')
    expect(
      fs
        .readFileSync(await word.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    await page.locator('[data-testid=export-menu]').click()
    const [clean] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-docx-clean]').click()])
    expect(clean.url()).toContain('suggestions=clean')
    expect(
      fs
        .readFileSync(await clean.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK')
    await page.locator('[data-testid=export-menu]').click()
    const [json] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-json]').click()])
    expect(JSON.parse(fs.readFileSync(await json.path(), 'utf8'))).toMatchObject({ id, title: 'IOP Läxhjälp Granvik' })

    // The print view: what Chromium's "save as PDF" writes.
    await page.locator('.print-signatures .print-signature-block').nth(1).waitFor({ state: 'attached' })
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'export-2-print-media')
    // page.pdf() prints with print media unless screen is emulated: back to the page's own.
    await page.emulateMedia({ media: null })
    const pdfFile = path.join(work, 'print.pdf')
    await page.pdf({ path: pdfFile, format: 'A4', preferCSSPageSize: true })
    const text = flat(await pdfText(pdfFile))
    const pages = await pdfPages(pdfFile)
    fs.mkdirSync(results, { recursive: true })
    for (const old of fs.readdirSync(results).filter((f) => f.startsWith('export-print-'))) fs.rmSync(path.join(results, old))
    await pdfToPngs(pdfFile, path.join(results, 'export-print-page'), 50)

    for (const expected of ['IOP Läxhjälp Granvik', 'Parter och mandat', 'Avtalstid', 'Underskrifter', 'Parterna undertecknar överenskommelsen i två exemplar.']) {
      expect(text, expected).toContain(expected)
    }
    expect(text).toContain('Granviks kommun, org.nr 212000-1234')
    expect(text).toContain('Företrädd av: Ordförande enligt styrelsens beslut 2025-05-14')
    expect(text.split('Namnförtydligande').length - 1).toBe(2)
    // Nothing of the app: header, status, menu, toolbar, side panel, badges.
    for (const chrome of [
      'Överens',
      'skrivet tillsammans',
      'Exportera',
      'Sparat',
      'Tillbaka',
      'Anna Ägare',
      'Infoga avsnitt',
      'Kommentarer',
      'Versioner',
      'Granskning',
      'Ägare',
      'Ofullständigt',
      'Utkast',
      'Kontroll av avtalet',
    ]) {
      expect(text, chrome).not.toContain(chrome)
    }
    // 19 mostly empty sections and a signature page: a few pages, not the app's dozen.
    expect(pages).toBeGreaterThanOrEqual(2)
    expect(pages).toBeLessThanOrEqual(5)

    // A named version opened read-only prints alone, not the live text underneath.
    const saved = await api.post(`${server.url}/api/agreements/${id}/versions`, { data: { name: 'Till nämnden' } })
    const versionId = ((await saved.json()) as { id: string }).id
    await focusEnd(page)
    await page.keyboard.type(' Tillägg efter versionen.')
    await waitForStatus(page, 'saved')
    await openPanel(page, 'versions')
    const panel = page.locator('[data-panel=versions]')
    await panel.locator(`.version[data-version-id="${versionId}"] .version-open`).click()
    await page.locator('dialog.version-dialog[open] .version-doc').waitFor()
    const versionPdf = path.join(work, 'version.pdf')
    await page.pdf({ path: versionPdf, format: 'A4', preferCSSPageSize: true })
    const versionText = flat(await pdfText(versionPdf))
    await pdfToPngs(versionPdf, path.join(results, 'export-print-version'), 50)
    expect(versionText).toContain('Parterna undertecknar överenskommelsen i två exemplar.')
    expect(versionText).not.toContain('Tillägg efter versionen')
    for (const chrome of ['Till nämnden', 'Stäng', 'skrivet tillsammans', 'Exportera', 'Ofullständigt']) expect(versionText, chrome).not.toContain(chrome)
    await context.close()
  }, 90_000)

  it('imports a Word draft from the list after showing what was found', async () => {
    const source = path.resolve(import.meta.dirname, '../fixtures/import/dev_04_vasterlunda_aldres_ensamhet.md')
    const docx = path.join(work, 'Västerlunda utkast.docx')
    await run('pandoc', [source, '-f', 'markdown', '-o', docx])

    const { context, page } = await newPerson(browser, { name: 'Ida Importör' })
    await signIn(page, server.url)
    await page.goto(server.url)
    await page.locator('[data-testid=import-open]').click()
    const dialog = page.locator('[data-testid=import-dialog]')
    await dialog.locator('[data-testid=import-file]').setInputFiles(docx)
    await dialog.locator('[data-testid=import-analyse]').click()
    const found = dialog.locator('[data-testid=import-found]')
    await found.waitFor()
    expect(await found.textContent()).toContain('av 17 avsnitt kunde typas')
    expect(await found.locator('.import-parties li').allTextContents()).toEqual(['Västerlunda kommun, org.nr 212000-xxxx', 'Västerlunda Frivilligcentral, org.nr 802xxx-xxxx'])
    expect(await dialog.locator('[data-testid=import-municipality]').inputValue()).toBe('Västerlunda kommun')
    await found.locator('.import-sections summary').click()
    await screenshot(page, 'export-3-import-preview')
    // Nothing exists until "Skapa avtalet".
    expect(((await (await context.request.get(`${server.url}/api/agreements`)).json()) as { agreements: unknown[] }).agreements).toEqual([])

    await dialog.locator('[data-testid=import-create]').click()
    await page.waitForURL(/\/a\//)
    await page.waitForFunction(() => window.__overens?.provider.synced === true)
    const text = await docText(page)
    expect(text).toContain('7. Lärandemål')
    expect(text).toContain('Västerlunda Frivilligcentral')
    await screenshot(page, 'export-4-imported-agreement')

    // A file that is not Word: the dialog says why, in Swedish.
    await page.goto(server.url)
    await page.locator('[data-testid=import-open]').click()
    const notWord = path.join(work, 'anteckningar.docx')
    fs.writeFileSync(notWord, 'bara text, inget Word-dokument')
    await dialog.locator('[data-testid=import-file]').setInputFiles(notWord)
    await dialog.locator('[data-testid=import-analyse]').click()
    await expect.poll(() => dialog.locator('[data-testid=import-error]').textContent()).toContain('Filen är inte ett Word-dokument')
    await context.close()
  }, 90_000)
})
