import { LIMITS } from '../../schema/limits.ts'
import { isSectionId, sectionInfo } from '../../schema/sections.ts'
import { renderMessage } from '../../schema/validator/messages.ts'
import { ApiError, type Agreement } from '../api.ts'
import { h } from '../dom.ts'
import { getLang, t } from '../i18n.ts'
import { importDocx, type ImportPreview } from './export-api.ts'
import './import.css'

const MB = Math.round(LIMITS.importMaxBytes / 1024 / 1024)

/**
 * "Importera från Word" on the agreements list: choose a .docx, see what was found (sections the
 * validator could type, parties, what the validator flags) and only then create the agreement.
 */
export function importFromWord({ onCreated }: { onCreated: (agreement: Agreement) => void }): { element: HTMLElement } {
  const open = h('button', { class: 'button button-secondary import-open', text: 'importOpen', attrs: { type: 'button', 'data-testid': 'import-open' } })
  open.addEventListener('click', () => showDialog(onCreated))
  return { element: open }
}

function showDialog(onCreated: (agreement: Agreement) => void): void {
  const file = h('input', {
    class: 'input',
    attrs: { type: 'file', name: 'file', accept: '.docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document', required: true, 'data-testid': 'import-file' },
  })
  const title = h('input', { class: 'input', attrs: { name: 'title', maxlength: LIMITS.titleMaxLength } })
  const municipality = h('input', { class: 'input', attrs: { name: 'municipality', maxlength: LIMITS.municipalityMaxLength, 'data-testid': 'import-municipality' } })
  const lang = h('select', { class: 'input', attrs: { name: 'lang' } }, h('option', { text: 'createLangSv', attrs: { value: 'sv' } }), h('option', { text: 'createLangEn', attrs: { value: 'en' } }))
  lang.value = getLang()
  const registerParties = h('input', { attrs: { type: 'checkbox', checked: true } })
  const error = h('p', { class: 'error', attrs: { hidden: true, role: 'alert', 'data-testid': 'import-error' } })
  const found = h('div', { class: 'import-found', attrs: { hidden: true, 'data-testid': 'import-found' } })
  const analyse = h('button', { class: 'button button-secondary', text: 'importAnalyse', attrs: { type: 'button', 'data-testid': 'import-analyse' } })
  const create = h('button', { class: 'button', text: 'importCreate', attrs: { type: 'submit', disabled: true, 'data-testid': 'import-create' } })
  const field = (label: Parameters<typeof t>[0], control: HTMLElement) => h('label', { class: 'field' }, h('span', { class: 'field-label', text: label }), control)

  const form = h(
    'form',
    { class: 'import-form', attrs: { method: 'dialog' } },
    h('h2', { text: 'importTitle' }),
    h('p', { class: 'muted' }, t('importIntro', { mb: MB })),
    field('importFile', file),
    h('div', { class: 'field-row' }, field('importFieldTitle', title), field('importFieldMunicipality', municipality)),
    field('importFieldLanguage', lang),
    found,
    error,
    h('div', { class: 'form-actions' }, h('button', { class: 'button button-quiet', text: 'importCancel', attrs: { type: 'button' }, on: { click: () => dialog.close() } }), analyse, create),
  )
  const dialog = h('dialog', { class: 'import-dialog', attrs: { 'data-testid': 'import-dialog' } }, form)
  dialog.addEventListener('close', () => dialog.remove())

  const fail = (err: unknown): void => {
    error.textContent = t('importError', { message: err instanceof ApiError || err instanceof Error ? err.message : String(err) })
    error.hidden = false
  }
  const chosen = (): File | null => {
    const f = file.files?.[0] ?? null
    if (f && f.size > LIMITS.importMaxBytes) {
      error.textContent = t('importTooLarge', { mb: MB })
      error.hidden = false
      return null
    }
    return f
  }
  const fields = () => ({
    municipality: municipality.value.trim() || undefined,
    title: title.value.trim() || undefined,
    lang: lang.value === 'en' ? ('en' as const) : ('sv' as const),
    parties: registerParties.checked,
  })

  file.addEventListener('change', () => {
    found.hidden = true
    create.disabled = true
    error.hidden = true
  })
  analyse.addEventListener('click', () => {
    error.hidden = true
    const f = chosen()
    if (!f) return
    analyse.disabled = true
    analyse.textContent = t('importAnalysing')
    importDocx(f, fields(), true)
      .then((result) => {
        const preview = result as ImportPreview
        if (!municipality.value.trim() && preview.suggestedMunicipality) municipality.value = preview.suggestedMunicipality
        if (!title.value.trim()) title.placeholder = preview.title
        renderFound(found, preview, registerParties)
        found.hidden = false
        create.disabled = false
      }, fail)
      .finally(() => {
        analyse.disabled = false
        analyse.textContent = t('importAnalyse')
      })
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const f = chosen()
    if (!f) return
    if (!municipality.value.trim()) {
      municipality.reportValidity()
      municipality.setCustomValidity('')
      municipality.focus()
      return
    }
    create.disabled = true
    create.textContent = t('importCreating')
    importDocx(f, fields(), false).then(
      (agreement) => {
        dialog.close()
        onCreated(agreement as Agreement)
      },
      (err: unknown) => {
        fail(err)
        create.disabled = false
        create.textContent = t('importCreate')
      },
    )
  })
  municipality.required = true
  document.body.append(dialog)
  dialog.showModal()
}

function renderFound(found: HTMLElement, preview: ImportPreview, registerParties: HTMLInputElement): void {
  const lang = getLang()
  const typed = preview.sections.filter((s) => s.kind).length
  const flagged = preview.validation.sections.filter((s) => s.status !== 'present')
  found.replaceChildren(
    h('h3', { text: 'importFoundTitle' }),
    preview.sections.length === 0
      ? h('p', { class: 'muted', text: 'importNoSections' })
      : h(
          'details',
          { class: 'import-sections' },
          h('summary', {}, t('importFoundSections', { typed, total: preview.sections.length })),
          h(
            'ul',
            {},
            ...preview.sections.map((s) =>
              h(
                'li',
                { attrs: { 'data-kind': s.kind ?? '' } },
                s.heading || '—',
                ' → ',
                h('span', { class: s.kind ? 'import-kind' : 'muted' }, s.kind && isSectionId(s.kind) ? sectionInfo(s.kind).name[lang] : t('importSectionUntyped')),
              ),
            ),
          ),
        ),
    preview.parties.length === 0
      ? h('p', { class: 'muted', text: 'importNoParties' })
      : h(
          'div',
          {},
          h('label', { class: 'import-register' }, registerParties, ' ', h('span', { text: 'importRegisterParties' })),
          h('ul', { class: 'import-parties' }, ...preview.parties.map((p) => h('li', {}, p.orgNr ? `${p.name}, ${t('exportOrgNr')} ${p.orgNr}` : p.name))),
        ),
    flagged.length === 0
      ? h('p', { class: 'muted', text: 'importValidatorClean' })
      : h(
          'div',
          {},
          h('p', { class: 'import-flags-title', text: 'importValidatorFlags' }),
          h(
            'ul',
            { class: 'import-flags' },
            ...flagged.map((s) => {
              // Rendered from the code in the UI language; a report without one keeps its own sentence.
              const message = renderMessage(s.code, s.params, lang) ?? s.message
              return h('li', { attrs: { 'data-status': s.status, 'data-section': s.id } }, h('strong', {}, sectionInfo(s.id).name[lang]), message ? ` – ${message}` : '')
            }),
          ),
        ),
  )
}
