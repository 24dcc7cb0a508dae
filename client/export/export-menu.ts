import { h } from '../dom.ts'
import type { MessageKey } from '../i18n.ts'
import { exportPaths } from './export-api.ts'

/**
 * One "Exportera" menu for the open agreement: Word (open suggestions as tracked changes, with or
 * without the list of clauses, or the clean text without suggestions), print or
 * PDF through the browser's print dialog (print.css makes the page the agreement alone), and JSON.
 * Downloads are plain links, so the browser's own download handling (and its errors) apply.
 */
export function exportMenu(agreementId: string, onPrint: () => Promise<void>): { element: HTMLElement; destroy: () => void } {
  const details = h('details', { class: 'export-menu' })
  const link = (text: MessageKey, href: string, testId: string): HTMLElement =>
    h('a', { class: 'export-item', text, attrs: { href, download: '', 'data-testid': testId }, on: { click: () => (details.open = false) } })
  const print = h('button', {
    class: 'export-item',
    text: 'exportPrint',
    attrs: { type: 'button', 'data-testid': 'export-print' },
    on: {
      click: () => {
        details.open = false
        void onPrint().then(() => window.print())
      },
    },
  })
  details.append(
    h('summary', { class: 'button button-secondary export-summary', text: 'exportMenu', i18nAttrs: { title: 'exportMenuLabel' }, attrs: { 'data-testid': 'export-menu' } }),
    h(
      'div',
      // A disclosure of plain links and one button: Tab reaches each, no menu roles that promise arrow keys.
      { class: 'export-items' },
      link('exportWord', exportPaths.docx(agreementId), 'export-docx'),
      link('exportWordAppendix', exportPaths.docx(agreementId, { appendix: true }), 'export-docx-appendix'),
      link('exportWordClean', exportPaths.docx(agreementId, { clean: true }), 'export-docx-clean'),
      print,
      link('exportJson', exportPaths.json(agreementId), 'export-json'),
    ),
  )
  const closeOnOutside = (event: MouseEvent) => {
    if (details.open && !details.contains(event.target as Node)) details.open = false
  }
  document.addEventListener('click', closeOnOutside)
  return { element: details, destroy: () => document.removeEventListener('click', closeOnOutside) }
}
