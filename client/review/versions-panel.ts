import { errorText } from '../error-text.ts'
import { h } from '../dom.ts'
import { onLangChange, t } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { formatTime } from './format.ts'
import { liveResource } from './live.ts'
import { reviewApi, type VersionInfo } from './review-api.ts'
import { showDiff, showVersion } from './version-dialog.ts'

const CURRENT = 'current'

/**
 * Named versions ("Skickad till styrgruppen 2026-03-01"): save one, open one read-only, compare one
 * with the text as it is now or two with each other.
 */
export const versionsPanel: EditorPanel = ({ agreementId, access, setCount }) => {
  let versions: VersionInfo[] = []
  const message = (err: unknown): string => errorText(err)

  const nameInput = h('input', { class: 'input version-name', i18nAttrs: { placeholder: 'versionNamePlaceholder', 'aria-label': 'versionNameLabel' }, attrs: { maxlength: 200, required: true } })
  const saveError = h('p', { class: 'error', attrs: { hidden: true } })
  const saveForm = h('form', { class: 'version-save', attrs: { hidden: true } }, nameInput, h('button', { class: 'button', text: 'versionSave', attrs: { type: 'submit' } }), saveError)
  saveForm.addEventListener('submit', (event) => {
    event.preventDefault()
    const name = nameInput.value.trim()
    if (!name) return
    saveError.hidden = true
    reviewApi.saveVersion(agreementId, name).then(
      () => {
        nameInput.value = ''
        list.refresh()
      },
      (err: unknown) => {
        saveError.textContent = t('versionSaveError', { message: message(err) })
        saveError.hidden = false
      },
    )
  })

  const listEl = h('ul', { class: 'version-list' })
  const empty = h('p', { class: 'muted versions-empty', text: 'versionsEmpty' })
  const loadError = h('p', { class: 'error', attrs: { hidden: true } })
  const fromSelect = h('select', { class: 'version-from', i18nAttrs: { 'aria-label': 'versionCompareFrom' } })
  const toSelect = h('select', { class: 'version-to', i18nAttrs: { 'aria-label': 'versionCompareTo' } })
  const compareForm = h(
    'form',
    { class: 'version-compare', attrs: { hidden: true } },
    h('label', { class: 'version-compare-field' }, h('span', { class: 'field-label', text: 'versionCompareFrom' }), fromSelect),
    h('label', { class: 'version-compare-field' }, h('span', { class: 'field-label', text: 'versionCompareTo' }), toSelect),
    h('button', { class: 'button button-secondary', text: 'versionCompare', attrs: { type: 'submit' } }),
  )
  for (const select of [fromSelect, toSelect]) select.addEventListener('change', () => (select.dataset.picked = 'true'))
  compareForm.addEventListener('submit', (event) => {
    event.preventDefault()
    compare(fromSelect.value, toSelect.value)
  })

  const nameOf = (ref: string): string => (ref === CURRENT ? t('versionCurrent') : (versions.find((v) => v.id === ref)?.name ?? ref))

  const compare = (from: string, to: string): void => {
    loadError.hidden = true
    reviewApi.diff(agreementId, from, to).then(
      (blocks) => showDiff(to === CURRENT ? t('versionDiffWithNow', { from: nameOf(from) }) : t('versionDiffTitle', { from: nameOf(from), to: nameOf(to) }), blocks),
      (err: unknown) => {
        loadError.textContent = t('versionLoadError', { message: message(err) })
        loadError.hidden = false
      },
    )
  }

  const open = (version: VersionInfo): void => {
    loadError.hidden = true
    reviewApi.version(agreementId, version.id).then(
      (full) => showVersion(full.name, t('versionBy', { name: full.createdByName, time: formatTime(full.createdAt) }), full.content),
      (err: unknown) => {
        loadError.textContent = t('versionLoadError', { message: message(err) })
        loadError.hidden = false
      },
    )
  }

  // Until the person picks, "from" follows the newest version and "to" stays at now.
  const options = (select: HTMLSelectElement, fallback: string): void => {
    const chosen = select.dataset.picked ? select.value : fallback
    select.replaceChildren(h('option', { attrs: { value: CURRENT } }, t('versionCurrent')), ...versions.map((v) => h('option', { attrs: { value: v.id } }, v.name)))
    select.value = [CURRENT, ...versions.map((v) => v.id)].includes(chosen) ? chosen : fallback
  }

  const render = (): void => {
    saveForm.hidden = !access.can('save_version')
    empty.hidden = versions.length > 0
    compareForm.hidden = versions.length === 0
    options(fromSelect, versions[0]?.id ?? CURRENT)
    options(toSelect, CURRENT)
    listEl.replaceChildren(
      ...versions.map((v) =>
        h(
          'li',
          { class: 'version', attrs: { 'data-version-id': v.id } },
          h('span', { class: 'version-name-text' }, v.name),
          h('span', { class: 'muted version-meta' }, t('versionBy', { name: v.createdByName, time: formatTime(v.createdAt) })),
          h(
            'span',
            { class: 'version-actions' },
            h('button', { class: 'button button-quiet version-open', text: 'versionOpen', attrs: { type: 'button' }, on: { click: () => open(v) } }),
            h('button', { class: 'button button-quiet version-compare-now', text: 'versionCompareNow', attrs: { type: 'button' }, on: { click: () => compare(v.id, CURRENT) } }),
          ),
        ),
      ),
    )
  }

  const offAccess = access.subscribe(render)
  const list = liveResource(
    agreementId,
    'versions',
    () => reviewApi.versions(agreementId),
    (data) => {
      if (!data) return
      versions = data
      setCount?.('versions', versions.length)
      render()
    },
  )
  const offLang = onLangChange(render)
  render()

  return {
    id: 'versions',
    title: 'versionsTitle',
    body: h('div', { class: 'versions' }, saveForm, empty, listEl, compareForm, loadError),
    destroy: () => {
      offAccess()
      list.stop()
      offLang()
    },
  }
}
