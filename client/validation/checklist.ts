import { TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import type { SectionId } from '../../schema/index.ts'
import { concernsText, criterionText } from '../../schema/validator/messages.ts'
import type { Evidence } from '../../schema/validator/types.ts'
import { findQuote } from './quote.ts'
import { request } from '../api.ts'
import { h } from '../dom.ts'
import { getLang, t, type MessageKey } from '../i18n.ts'
import type { ChecklistItem, CriterionAck, SectionChecklist } from './panel-model.ts'
import { sv } from '../messages/validator-checklist.ts'
import './checklist.css'

const base = (id: string, section?: string, code?: string): string =>
  `/api/agreements/${encodeURIComponent(id)}/validation/acks` + (section && code ? `/${encodeURIComponent(section)}/${encodeURIComponent(code)}` : '')

/** The group's marks on validator criteria (server/http/validator-ack-routes.ts). */
export const acksApi = {
  list: (id: string) => request<{ acks: CriterionAck[] }>('GET', base(id)).then((r) => r.acks),
  set: (id: string, section: string, code: string, note: string, sectionHash: string) => request<CriterionAck>('PUT', base(id, section, code), { note, sectionHash }),
  remove: (id: string, section: string, code: string) => request<void>('DELETE', base(id, section, code)),
}

export { sectionText } from '../../schema/validator/acknowledged.ts'

export { findQuote }

export function selectQuote(view: EditorView, evidence: Evidence): boolean {
  const range = findQuote(view.state.doc, evidence)
  if (!range) return false
  view.dispatch(view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView())
  view.focus()
  return true
}

export interface ChecklistActions {
  canEdit: boolean
  nameOf: (userId: string | null) => string
  select: (evidence: Evidence) => boolean
  mark: (code: string, note: string) => Promise<void>
  unmark: (code: string) => Promise<void>
}

const STATE_LABEL: Record<ChecklistItem['state'], MessageKey> = {
  met: 'validatorChecklistMet',
  unmet: 'validatorChecklistUnmet',
  unknown: 'validatorChecklistUnknown',
  acknowledged: 'validatorChecklistAcknowledged',
}
// The icon repeats the word beside it: status is never carried by colour alone.
const ICON: Record<ChecklistItem['state'], string> = { met: '✓', unmet: '✗', unknown: '?', acknowledged: '✓' }

const when = (iso: string): string => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(getLang() === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeStyle: 'short' })
}

/** One section's checklist as a list; rendered from codes, so it follows the UI language without a new run. */
export function renderChecklist(list: SectionChecklist, actions: ChecklistActions): HTMLElement {
  return h('ul', { class: 'checklist', attrs: { 'data-checklist': list.id } }, ...list.items.map((item) => row(list.id, item, actions)))
}

function row(section: SectionId, item: ChecklistItem, actions: ChecklistActions): HTMLElement {
  const lang = getLang()
  // The criterion's name says what it asks for; an unmet one adds what is missing, in the validator's words.
  const key = `validatorChecklistC_${item.code}` as MessageKey
  const name = key in sv ? t(key) : item.code
  const label = item.state === 'unknown' ? t('validatorChecklistUnknownText', { text: name.charAt(0).toLowerCase() + name.slice(1) }) : name
  const detail = item.state === 'unmet' ? criterionText(item.code, lang) : null
  const concerns = concernsText(item.code, item.params, lang)
  const status = h(
    'span',
    { class: `checklist-status checklist-${item.state}` },
    h('span', { class: 'checklist-icon', attrs: { 'aria-hidden': 'true' } }, ICON[item.state]),
    t(STATE_LABEL[item.state]),
  )
  const quotes =
    item.evidence.length === 0
      ? null
      : h(
          'ul',
          { class: 'checklist-quotes' },
          ...item.evidence.map((ev) => {
            const button = h('button', { class: 'checklist-quote', attrs: { type: 'button', 'aria-label': t('validatorChecklistQuoteLabel', { quote: ev.quote }) } }, `”${ev.quote}”`)
            button.addEventListener('click', () => {
              if (!actions.select(ev)) button.title = t('validatorChecklistQuoteGone')
            })
            return h('li', {}, button)
          }),
        )
  const li = h(
    'li',
    { class: 'checklist-item', attrs: { 'data-code': item.code, 'data-state': item.state } },
    h('div', { class: 'checklist-head' }, status, h('span', { class: 'checklist-code' }, item.code)),
    h('p', { class: 'checklist-text' }, label),
    detail ? h('p', { class: 'checklist-detail' }, detail.charAt(0).toUpperCase() + detail.slice(1) + '.') : null,
    concerns ? h('p', { class: 'checklist-params' }, t('validatorChecklistConcerns', { list: concerns })) : null,
    quotes,
    item.ack ? h('p', { class: 'checklist-ack' }, t('validatorChecklistBy', { who: actions.nameOf(item.ack.userId), when: when(item.ack.createdAt), note: item.ack.note })) : null,
    item.reopened ? h('p', { class: 'checklist-reopened' }, t('validatorChecklistReopened', { who: actions.nameOf(item.reopened.userId), when: when(item.reopened.createdAt) })) : null,
  )
  if (!actions.canEdit) return li
  if (item.state === 'acknowledged') {
    li.append(
      h('button', {
        class: 'button button-quiet checklist-unmark',
        text: 'validatorChecklistUnmark',
        attrs: { type: 'button', 'aria-label': t('validatorChecklistUnmarkLabel', { code: item.code }) },
        on: { click: () => void actions.unmark(item.code) },
      }),
    )
  } else if (item.state === 'unmet' || item.state === 'unknown') {
    li.append(markForm(section, item, actions))
  }
  return li
}

/** "Markera som uppfyllt": a button that opens a short required note. */
function markForm(section: SectionId, item: ChecklistItem, actions: ChecklistActions): HTMLElement {
  const wrapEl = h('div', { class: 'checklist-mark' })
  const open = h('button', {
    class: 'button button-quiet checklist-mark-open',
    text: 'validatorChecklistMark',
    attrs: { type: 'button', 'aria-label': t('validatorChecklistMarkLabel', { code: item.code }) },
  })
  const id = `checklist-note-${section}-${item.code}`
  const note = h('textarea', { class: 'checklist-note', attrs: { id, rows: 2, maxlength: 500, required: true } })
  const error = h('p', { class: 'checklist-error', attrs: { role: 'alert' } })
  const form = h(
    'form',
    { class: 'checklist-form', attrs: { hidden: true } },
    h('label', { attrs: { for: id } }, t('validatorChecklistNote')),
    note,
    h(
      'div',
      { class: 'checklist-form-actions' },
      h('button', { class: 'button button-primary checklist-save', text: 'validatorChecklistSave', attrs: { type: 'submit' } }),
      h('button', {
        class: 'button button-quiet checklist-cancel',
        text: 'validatorChecklistCancel',
        attrs: { type: 'button' },
        on: {
          click: () => {
            form.hidden = true
            open.hidden = false
            open.focus()
          },
        },
      }),
    ),
    error,
  )
  open.addEventListener('click', () => {
    form.hidden = false
    open.hidden = true
    note.focus()
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = note.value.trim()
    if (text.length === 0 || text.length > 500) return
    error.textContent = ''
    actions.mark(item.code, text).catch(() => {
      error.textContent = t('validatorChecklistSaveFailed')
    })
  })
  wrapEl.append(open, form)
  return wrapEl
}
