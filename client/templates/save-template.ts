import { api, request, type TemplateSummary } from '../api.ts'
import { h } from '../dom.ts'
import { errorText } from '../error-text.ts'
import { plural } from '../format.ts'
import { getLang, t } from '../i18n.ts'

interface Saved {
  template: TemplateSummary & { outline?: { kind: string | null; loose?: boolean }[] }
  skipped: { clauseId: string | null; version: number | null }[]
}

/**
 * "Spara som mall": the open agreement becomes a template of one of the person's organisations,
 * keeping its sections, headings, clauses with values and free text (the server builds it). A modal
 * dialog: it takes the focus and gives it back to the button when closed.
 */
export function saveTemplateButton(agreementId: string, title: () => string): HTMLButtonElement {
  const button = h('button', { class: 'button button-secondary save-template', text: 'templatesUiSave', attrs: { type: 'button', 'data-testid': 'save-template' } })
  button.addEventListener('click', () => void open())

  async function open(): Promise<void> {
    const org = h('select', { class: 'input', attrs: { name: 'orgId', required: true } })
    const nameSv = h('input', { class: 'input', attrs: { name: 'nameSv', required: true, maxlength: 200, value: title() } })
    const nameEn = h('input', { class: 'input', attrs: { name: 'nameEn', required: true, maxlength: 200, value: title() } })
    const status = h('div', { class: 'save-template-status', attrs: { role: 'status' } })
    const submit = h('button', { class: 'button', text: 'templatesUiSubmit', attrs: { type: 'submit' } })
    const cancel = h('button', { class: 'button button-secondary', text: 'templatesUiCancel', attrs: { type: 'button' } })
    const fields = h(
      'div',
      {},
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'templatesUiOrg' }), org),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'templatesUiNameSv' }), nameSv),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'templatesUiNameEn' }), nameEn),
    )
    const form = h(
      'form',
      { class: 'save-template-form' },
      h('h2', { text: 'templatesUiSaveTitle', attrs: { id: 'save-template-title' } }),
      h('p', { class: 'muted', text: 'templatesUiSaveIntro' }),
      fields,
      status,
      h('div', { class: 'form-actions' }, cancel, submit),
    )
    const dialog = h('dialog', { class: 'name-dialog save-template-dialog', attrs: { 'aria-labelledby': 'save-template-title' } }, form)
    const close = (): void => {
      dialog.close()
      dialog.remove()
      button.focus()
    }
    cancel.addEventListener('click', close)
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault()
      close()
    })
    document.body.append(dialog)
    dialog.showModal()

    try {
      const orgs = await api.organisations()
      if (orgs.length === 0) {
        fields.hidden = true
        submit.hidden = true
        status.textContent = t('templatesUiNoOrg')
        return
      }
      org.replaceChildren(...orgs.map((o) => h('option', { attrs: { value: o.id } }, o.name)))
    } catch (err) {
      status.textContent = t('templatesUiError', { message: errorText(err) })
      return
    }
    nameSv.select()

    form.addEventListener('submit', (event) => {
      event.preventDefault()
      submit.disabled = true
      status.className = 'save-template-status'
      request<Saved>('POST', `/api/organisations/${encodeURIComponent(org.value)}/templates/from-agreement`, {
        agreementId,
        name: { sv: nameSv.value.trim(), en: nameEn.value.trim() },
      }).then(
        ({ template, skipped }) => {
          const sections = (template.outline ?? []).filter((e) => !e.loose).length
          const lines = [
            t('templatesUiSaved', {
              name: template.name[getLang()],
              sections: plural(sections, { one: 'templatesUiSectionsOne', other: 'templatesUiSectionsOther' }),
              clauses: plural(template.items.length, { one: 'templatesUiClausesOne', other: 'templatesUiClausesOther' }),
            }),
          ]
          if (skipped.length > 0) lines.push(t('templatesUiSkipped', { ids: skipped.map((s) => s.clauseId ?? '?').join(', ') }))
          status.replaceChildren(...lines.map((line) => h('p', {}, line)))
          status.classList.add('ok')
          fields.hidden = true
          submit.hidden = true
          cancel.textContent = t('templatesUiClose')
          cancel.focus()
        },
        (err: unknown) => {
          submit.disabled = false
          status.textContent = t('templatesUiError', { message: errorText(err) })
          status.classList.add('error')
        },
      )
    })
  }
  return button
}
