import { LIMITS } from '../schema/index.ts'
import { api, type Agreement, type TemplateSummary } from './api.ts'
import { h } from './dom.ts'
import { getLang, onLangChange, t, type MessageKey } from './i18n.ts'
import { ROLE_LABEL } from './role-badge.ts'
import { agreementPath, type Page } from './router.ts'
import { templateName, templatesCard } from './templates-card.ts'
import { importFromWord } from './export/import-dialog.ts'
import { errorText } from './error-text.ts'
import { formatDateTime } from './format.ts'

/** The start page: every agreement, a form to create one, and renaming in place. */
export function listPage({ navigate }: { navigate: (path: string) => void }): Page {
  let agreements: Agreement[] | null = null
  let loadError: string | null = null
  let renaming: string | null = null

  const listEl = h('ul', { class: 'agreement-list' })
  const statusEl = h('p', { class: 'muted list-status' })

  const render = (): void => {
    statusEl.hidden = agreements !== null && agreements.length > 0
    statusEl.textContent = loadError ? t('listError', { message: loadError }) : agreements === null ? t('listLoading') : t('listEmpty')
    statusEl.classList.toggle('error', !!loadError)
    listEl.replaceChildren(...(agreements ?? []).map((a) => (a.id === renaming ? renameRow(a) : agreementRow(a))))
  }

  const agreementRow = (a: Agreement): HTMLElement =>
    h(
      'li',
      { class: 'agreement-row', attrs: { 'data-id': a.id } },
      h(
        'a',
        { class: 'agreement-link', attrs: { href: agreementPath(a.id), 'data-route': true } },
        h('span', { class: 'agreement-title' }, a.title || '—'),
        h(
          'span',
          { class: 'agreement-meta muted' },
          [a.municipality, t(a.lang === 'en' ? 'layoutLangEn' : 'layoutLangSv'), t('listUpdated', { date: formatDateTime(a.updatedAt) })].filter(Boolean).join(' · '),
        ),
      ),
      a.role ? h('span', { class: 'role-chip', attrs: { 'data-role': a.role, title: t('listRoleHint') } }, t(ROLE_LABEL[a.role])) : null,
      h(
        'div',
        { class: 'row-actions' },
        // Renaming needs a writing role; the server would refuse a reviewer's or viewer's rename.
        a.role === 'reviewer' || a.role === 'viewer'
          ? null
          : h('button', {
              class: 'button button-quiet rename',
              text: 'listRename',
              attrs: { type: 'button' },
              on: {
                click: () => {
                  renaming = a.id
                  render()
                  listEl.querySelector<HTMLInputElement>('.rename-input')?.select()
                },
              },
            }),
        h('a', { class: 'button button-secondary', text: 'listOpen', attrs: { href: agreementPath(a.id), 'data-route': true } }),
      ),
    )

  const renameRow = (a: Agreement): HTMLElement => {
    const input = h('input', {
      class: 'input rename-input',
      i18nAttrs: { 'aria-label': 'listRenameLabel' },
      attrs: { value: a.title, required: true, maxlength: LIMITS.titleMaxLength },
    })
    const error = h('p', { class: 'error', attrs: { hidden: true } })
    const form = h(
      'form',
      { class: 'agreement-row rename-form', attrs: { 'data-id': a.id } },
      input,
      h(
        'div',
        { class: 'row-actions' },
        h('button', {
          class: 'button button-quiet',
          text: 'listRenameCancel',
          attrs: { type: 'button' },
          on: {
            click: () => {
              renaming = null
              render()
            },
          },
        }),
        h('button', { class: 'button', text: 'listRenameSave', attrs: { type: 'submit' } }),
      ),
      error,
    )
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        renaming = null
        render()
      }
    })
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const title = input.value.trim()
      if (!title) return
      api.rename(a.id, title).then(
        (updated) => {
          agreements = (agreements ?? []).map((x) => (x.id === updated.id ? { ...x, ...updated } : x))
          renaming = null
          render()
        },
        (err: unknown) => {
          error.hidden = false
          error.textContent = t('listRenameError', { message: errorMessage(err) })
        },
      )
    })
    return form
  }

  const createForm = newAgreementForm((created) => navigate(agreementPath(created.id)))
  const templates = templatesCard({ onTemplates: createForm.setTemplates })
  const importer = importFromWord({ onCreated: (created) => navigate(agreementPath(created.id)) })

  const element = h(
    'div',
    { class: 'list-page' },
    h('section', { class: 'card' }, h('h1', { text: 'listTitle' }), statusEl, listEl, h('div', { class: 'list-card-actions' }, importer.element)),
    createForm.form,
    templates.element,
  )

  api.list().then(
    (list) => {
      agreements = [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      render()
    },
    (err: unknown) => {
      loadError = errorMessage(err)
      render()
    },
  )
  render()
  const offLang = onLangChange(render)
  // "Ändrat" follows editing elsewhere (another tab, the co-authors) while the list is open; never
  // while the person is typing in it (a rename), and not for a hidden tab.
  const refresh = (): void => {
    if (document.hidden) return
    api.list().then(
      (list) => {
        if (listEl.contains(document.activeElement)) return
        agreements = [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        render()
      },
      () => undefined,
    )
  }
  const refreshTimer = setInterval(refresh, LIST_REFRESH_MS)
  document.addEventListener('visibilitychange', refresh)
  return {
    element,
    destroy: () => {
      clearInterval(refreshTimer)
      document.removeEventListener('visibilitychange', refresh)
      offLang()
      templates.destroy()
    },
  }
}

/** How often the open list asks for fresh "Ändrat" times; the server records them about as often. */
const LIST_REFRESH_MS = 15_000

function newAgreementForm(onCreated: (a: Agreement) => void): { form: HTMLElement; setTemplates: (list: TemplateSummary[]) => void } {
  const title = h('input', { class: 'input', attrs: { name: 'title', required: true, maxlength: LIMITS.titleMaxLength } })
  const municipality = h('input', { class: 'input', attrs: { name: 'municipality', required: true, maxlength: LIMITS.municipalityMaxLength } })
  const lang = h('select', { class: 'input', attrs: { name: 'lang' } }, h('option', { text: 'createLangSv', attrs: { value: 'sv' } }), h('option', { text: 'createLangEn', attrs: { value: 'en' } }))
  lang.value = getLang()
  const skeleton = h('input', { attrs: { type: 'checkbox', name: 'skeleton', checked: true } })
  // A template replaces the skeleton; "Utan mall" (the empty value) keeps the skeleton choice.
  let templates: TemplateSummary[] = []
  const template = h('select', { class: 'input', attrs: { name: 'template' } })
  const skeletonRow = h('label', { class: 'check' }, skeleton, h('span', {}, h('span', { text: 'createSkeleton' }), h('span', { class: 'muted hint', text: 'createSkeletonHint' })))
  const templateHint = h('p', { class: 'muted hint create-template-hint', text: 'createTemplateHint', attrs: { hidden: true } })
  const templateField = h('label', { class: 'field create-template', attrs: { hidden: true } }, h('span', { class: 'field-label', text: 'createTemplate' }), template)
  // With a template chosen the skeleton box stays in view but is off and disabled (a template brings
  // its own sections); clearing the template gives back what was ticked before.
  let skeletonWanted = true
  skeleton.addEventListener('change', () => {
    skeletonWanted = skeleton.checked
  })
  const syncTemplate = (): void => {
    const chosen = templates.find((x) => x.id === template.value)
    skeleton.disabled = !!chosen
    skeleton.checked = chosen ? false : skeletonWanted
    skeletonRow.classList.toggle('is-disabled', !!chosen)
    templateHint.hidden = !chosen
  }
  template.addEventListener('change', () => {
    const chosen = templates.find((x) => x.id === template.value)
    if (chosen) lang.value = chosen.lang
    syncTemplate()
  })
  const setTemplates = (list: TemplateSummary[]): void => {
    templates = list
    const selected = template.value
    template.replaceChildren(
      h('option', { text: 'createTemplateNone', attrs: { value: '' } }),
      ...list.map((x) => h('option', { attrs: { value: x.id } }, [templateName(x), x.orgName].filter(Boolean).join(' · '))),
    )
    template.value = list.some((x) => x.id === selected) ? selected : ''
    templateField.hidden = list.length === 0
    syncTemplate()
  }
  const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
  const submit = h('button', { class: 'button', text: 'createSubmit', attrs: { type: 'submit' } })

  const field = (label: MessageKey, control: HTMLElement): HTMLElement => h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control)

  const form = h(
    'form',
    { class: 'card create-form' },
    h('h2', { text: 'createTitle' }),
    h('div', { class: 'field-row' }, field('createFieldTitle', title), field('createFieldMunicipality', municipality)),
    h('div', { class: 'field-row' }, field('createFieldLanguage', lang), templateField),
    skeletonRow,
    templateHint,
    error,
    h('div', { class: 'form-actions' }, submit),
  )
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit.disabled = true
    error.hidden = true
    const templateId = template.value
    api
      .create({
        title: title.value.trim(),
        municipality: municipality.value.trim(),
        lang: lang.value === 'en' ? 'en' : 'sv',
        ...(templateId ? { skeleton: false, templateId } : { skeleton: skeleton.checked }),
      })
      .then(onCreated, (err: unknown) => {
        error.hidden = false
        error.textContent = t('createError', { message: errorMessage(err) })
      })
      .finally(() => {
        submit.disabled = false
      })
  })
  return { form, setTemplates }
}

/** A failure in the UI's language (server error codes are translated; see error-text.ts). */
export function errorMessage(err: unknown): string {
  return errorText(err)
}
