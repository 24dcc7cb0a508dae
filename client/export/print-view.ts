import type { Member, Party } from '../../schema/api-types.ts'
import type { Lang } from '../../schema/index.ts'
import { h } from '../dom.ts'
import * as messages from '../messages/export.ts'
import { signatureData } from './export-api.ts'
import './print.css'

/**
 * What paper adds to the agreement on screen: the signature page, one block per registered party
 * with the signatory's mandate and lines for place and date, signature and name clarification, as in
 * the Word export, in the agreement's language. Hidden on screen (print.css shows it only when printing).
 */
export function printExtras(agreementId: string, documentLang: () => Lang): { element: HTMLElement; refresh: () => Promise<void>; destroy: () => void } {
  // In the agreement's language, not the reader's: the page is signed as part of the agreement.
  const t = (key: keyof typeof messages.sv, params: Record<string, string | number> = {}): string =>
    Object.entries(params).reduce((text, [name, value]) => text.replaceAll(`{${name}}`, String(value)), messages[documentLang()][key])
  const element = h('section', { class: 'print-only print-signatures', attrs: { 'aria-hidden': 'true' } })
  let data: [Party[], Member[]] = [[], []]
  let destroyed = false

  const render = (): void => {
    const [parties, members] = data
    const blocks = parties.length > 0 ? parties : [null, null]
    element.replaceChildren(
      h('h2', {}, t('exportSignaturesHeading')),
      h('p', {}, t('exportSignaturesIntro')),
      ...blocks.map((party, i) => {
        const mandates = party ? members.filter((m) => m.partyId === party.id && m.mandate).map((m) => m.mandate!) : []
        const name = party ? (party.orgNr ? `${party.name}, ${t('exportOrgNr')} ${party.orgNr}` : party.name) : t('exportParty', { n: i + 1 })
        return h(
          'div',
          { class: 'print-signature-block' },
          h('p', { class: 'print-party' }, name),
          mandates.length > 0 ? h('p', { class: 'print-mandate' }, h('em', {}, `${t('exportSignatory')}: `), mandates.join('; ')) : line(t('exportRole')),
          line(t('exportPlaceAndDate')),
          line(t('exportSignature')),
          line(t('exportNameClarification')),
        )
      }),
    )
  }
  const line = (label: string): HTMLElement => h('div', { class: 'print-line' }, label)

  const refresh = async (): Promise<void> => {
    try {
      const next = await signatureData(agreementId)
      if (destroyed) return
      data = next
    } catch {
      // Offline or no longer a member: print with what we had; the text itself is still right.
    }
    render()
  }
  // Ctrl+P prints without the button: keep the last known parties current in the language now shown.
  const beforePrint = () => render()
  window.addEventListener('beforeprint', beforePrint)
  render()
  void refresh()
  return {
    element,
    refresh,
    destroy: () => {
      destroyed = true
      window.removeEventListener('beforeprint', beforePrint)
    },
  }
}
