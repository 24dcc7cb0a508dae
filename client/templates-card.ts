import { errorText } from './error-text.ts'
import { orgPath } from './router.ts'
import { api, ApiError, type Organisation, type OrganisationType, type TemplateSummary } from './api.ts'
import { h } from './dom.ts'
import { getLang, onLangChange, t, type MessageKey } from './i18n.ts'

/** The name of a template in the reader's language (the other one if that is empty). */
export function templateName(template: TemplateSummary): string {
  const lang = getLang()
  return template.name[lang] || template.name[lang === 'sv' ? 'en' : 'sv'] || template.id
}

interface Message {
  kind: 'ok' | 'error'
  key: MessageKey
  params?: Record<string, string>
  /** The server's own words, shown under the explanation. */
  detail?: string
}

/** Why an import was refused, in words a coordinator can act on (ARCHITECTURE.md: import errors). */
const IMPORT_ERRORS: Record<string, MessageKey> = {
  malformed_package: 'templateImportMalformed',
  tampered_package: 'templateImportTampered',
  package_too_new: 'templateImportTooNew',
}

/**
 * The "Mallar" card of the agreements list: the templates of the caller's organisations with an export
 * link each, and importing a template file into one of those organisations (or creating the first
 * organisation). `onTemplates` hears every fresh list, for the template select of "Nytt avtal".
 */
export function templatesCard({ onTemplates }: { onTemplates: (templates: TemplateSummary[]) => void }): { element: HTMLElement; destroy: () => void } {
  let templates: TemplateSummary[] | null = null
  let templatesError: string | null = null
  let organisations: Organisation[] | null = null
  let orgsError: string | null = null
  let message: Message | null = null
  let orgMessage: string | null = null

  const statusEl = h('p', { class: 'muted templates-status' })
  const listEl = h('ul', { class: 'template-list' })

  // Import form.
  const fileInput = h('input', { class: 'input', attrs: { type: 'file', name: 'package', accept: '.json,application/json' } })
  const orgSelect = h('select', { class: 'input', attrs: { name: 'importOrg' } })
  const importSubmit = h('button', { class: 'button', text: 'templateImportSubmit', attrs: { type: 'submit' } })
  const messageEl = h('div', { class: 'template-import-message', attrs: { hidden: true, role: 'status', 'data-testid': 'template-import-message' } })
  const field = (label: MessageKey, control: HTMLElement): HTMLElement => h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control)
  const importForm = h(
    'form',
    { class: 'template-import-form' },
    h('div', { class: 'field-row' }, field('templateImportFile', fileInput), field('templateImportOrg', orgSelect)),
    h('div', { class: 'form-actions' }, importSubmit),
  )

  // Creating the first organisation.
  const orgName = h('input', { class: 'input', attrs: { name: 'orgName', required: true, maxlength: 200 } })
  const orgType = h(
    'select',
    { class: 'input', attrs: { name: 'orgType' } },
    h('option', { text: 'orgTypePublic', attrs: { value: 'public' } }),
    h('option', { text: 'orgTypeIdeaDriven', attrs: { value: 'idea_driven' } }),
  )
  const orgSubmit = h('button', { class: 'button button-secondary', text: 'orgCreate', attrs: { type: 'submit' } })
  const orgErrorEl = h('p', { class: 'error', attrs: { hidden: true, role: 'alert' } })
  const orgForm = h(
    'form',
    { class: 'org-create-form', attrs: { hidden: true } },
    h('p', { class: 'muted', text: 'orgNoneYet' }),
    h('div', { class: 'field-row' }, field('orgName', orgName), field('orgType', orgType)),
    orgErrorEl,
    h('div', { class: 'form-actions' }, orgSubmit),
  )
  const orgsErrorEl = h('p', { class: 'error', attrs: { hidden: true } })
  // Each organisation's own page: members, its clauses and their approval, its templates.
  const orgLinkList = h('ul', { class: 'org-links' })
  const orgLinks = h('nav', { class: 'org-links-nav', i18nAttrs: { 'aria-label': 'orgListTitle' }, attrs: { hidden: true } }, h('h3', { text: 'orgListTitle' }), orgLinkList)

  const element = h(
    'section',
    { class: 'card templates-card', attrs: { 'data-testid': 'templates' } },
    h('h2', { text: 'templatesTitle' }),
    h('p', { class: 'muted templates-intro', text: 'templatesIntro' }),
    statusEl,
    listEl,
    orgLinks,
    h('div', { class: 'template-import' }, h('h3', { text: 'templateImportTitle' }), orgsErrorEl, orgForm, importForm, messageEl),
  )

  const templateRow = (tpl: TemplateSummary): HTMLElement => {
    const name = templateName(tpl)
    return h(
      'li',
      { class: 'template-row', attrs: { 'data-id': tpl.id } },
      h(
        'div',
        { class: 'template-text' },
        h('span', { class: 'template-name' }, name),
        h(
          'span',
          { class: 'template-meta muted' },
          [tpl.orgName, tpl.municipality, t(tpl.lang === 'en' ? 'layoutLangEn' : 'layoutLangSv'), tpl.source === 'imported' ? t('templateImported') : null].filter(Boolean).join(' · '),
        ),
      ),
      h('a', {
        class: 'button button-secondary template-export',
        text: 'templateExport',
        attrs: { href: api.templatePackageUrl(tpl.id), download: `template-${tpl.id}.json`, title: t('templateExportLabel', { name }) },
      }),
    )
  }

  const render = (): void => {
    statusEl.hidden = templates !== null && templates.length > 0 && !templatesError
    statusEl.classList.toggle('error', !!templatesError)
    statusEl.textContent = templatesError ? t('templatesError', { message: templatesError }) : templates === null ? t('templatesLoading') : t('templatesEmpty')
    listEl.replaceChildren(...(templates ?? []).map(templateRow))

    orgsErrorEl.hidden = !orgsError
    orgsErrorEl.textContent = orgsError ? t('orgsError', { message: orgsError }) : ''
    const hasOrgs = organisations !== null && organisations.length > 0
    orgLinks.hidden = !hasOrgs
    orgLinkList.replaceChildren(...(organisations ?? []).map((o) => h('li', {}, h('a', { class: 'org-link', attrs: { href: orgPath(o.id), 'data-route': true } }, o.name))))
    orgForm.hidden = organisations === null || hasOrgs
    importForm.hidden = !hasOrgs
    const selected = orgSelect.value
    orgSelect.replaceChildren(...(organisations ?? []).map((o) => h('option', { attrs: { value: o.id } }, o.name)))
    if (selected && organisations?.some((o) => o.id === selected)) orgSelect.value = selected
    orgErrorEl.hidden = !orgMessage
    orgErrorEl.textContent = orgMessage ? t('orgCreateError', { message: orgMessage }) : ''

    messageEl.hidden = !message
    messageEl.className = `template-import-message ${message?.kind ?? ''}`
    messageEl.dataset.kind = message?.kind ?? ''
    messageEl.replaceChildren()
    if (message) {
      messageEl.append(h('p', { class: 'template-import-headline' }, t(message.key, message.params)))
      if (message.detail) messageEl.append(h('p', { class: 'template-import-detail' }, t('templateImportServerSays', { message: message.detail })))
    }
  }

  const loadTemplates = (): Promise<void> =>
    api.templates().then(
      (list) => {
        templates = list
        templatesError = null
        render()
        onTemplates(list)
      },
      (err: unknown) => {
        templatesError = err instanceof Error ? err.message : String(err)
        render()
      },
    )
  const loadOrganisations = (): Promise<void> =>
    api.organisations().then(
      (list) => {
        organisations = list
        orgsError = null
        render()
      },
      (err: unknown) => {
        orgsError = err instanceof Error ? err.message : String(err)
        render()
      },
    )

  orgForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const name = orgName.value.trim()
    if (!name) return
    orgSubmit.disabled = true
    orgMessage = null
    api
      .createOrganisation({ name, type: orgType.value as OrganisationType })
      .then(
        () => {
          orgName.value = ''
          return loadOrganisations()
        },
        (err: unknown) => {
          orgMessage = err instanceof Error ? err.message : String(err)
          render()
        },
      )
      .finally(() => {
        orgSubmit.disabled = false
      })
  })

  importForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const file = fileInput.files?.[0]
    const orgId = orgSelect.value
    const show = (m: Message): void => {
      message = m
      render()
    }
    if (!file) return show({ kind: 'error', key: 'templateImportNoFile' })
    importSubmit.disabled = true
    message = null
    render()
    void file
      .text()
      .then(async (text) => {
        let pkg: unknown
        try {
          pkg = JSON.parse(text)
        } catch {
          return show({ kind: 'error', key: 'templateImportNotJson' })
        }
        try {
          const result = await api.importTemplate(orgId, pkg)
          const name = templateName(result.template)
          fileInput.value = ''
          show({ kind: 'ok', key: result.templateReused ? 'templateImportReused' : 'templateImportDone', params: { name } })
          await loadTemplates()
        } catch (err) {
          const known = err instanceof ApiError ? IMPORT_ERRORS[err.code] : undefined
          show({ kind: 'error', key: known ?? 'templateImportFailed', detail: known ? undefined : errorText(err) })
        }
      })
      .finally(() => {
        importSubmit.disabled = false
      })
  })

  render()
  void loadTemplates()
  void loadOrganisations()
  const offLang = onLangChange(() => {
    render()
    if (templates) onTemplates(templates)
  })
  return { element, destroy: offLang }
}
