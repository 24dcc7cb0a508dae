import type { ClauseParam, ClauseRecord, Lang, ParamValue, ParamValues } from '../../clause-library/index.ts'
import { checkParams } from '../../clause-library/index.ts'
import { h } from '../dom.ts'
import { getLang, t } from '../i18n.ts'

export interface ParamForm {
  element: HTMLElement
  values(): ParamValues
}

/**
 * One small field per clause parameter, by type. Values stay as typed (strings): the clause library
 * parses numbers and formats them per language, so "250 000" and "250000" both work. Empty fields are
 * allowed; the clause is then inserted with its `{name}` visible and the validator flags it.
 */
export function paramForm(clause: ClauseRecord, initial: ParamValues, { parties, onInput, idPrefix = 'param' }: { parties: Promise<string[]>; onInput: () => void; idPrefix?: string }): ParamForm {
  const readers = new Map<string, () => ParamValue | null>()
  const hints = new Map<string, HTMLElement>()
  const uiLang: Lang = getLang()

  const fields = clause.parameters.map((param) => {
    const id = `${idPrefix}-${clause.id.replace(/[^a-z0-9]/gi, '-')}-${param.name}`
    const hint = h('span', { class: 'param-hint', attrs: { hidden: true, id: `${id}-hint` } })
    hints.set(param.name, hint)
    const control = controlFor(param, initial[param.name], id, parties, onInput)
    readers.set(param.name, control.read)
    return h(
      'div',
      { class: 'field param-field', attrs: { 'data-param': param.name, 'data-type': param.type } },
      h('label', { class: 'field-label', attrs: { for: id } }, param.label[uiLang], param.required ? '' : ` (${t('clausesOptional')})`),
      control.element,
      hint,
    )
  })

  const values = (): ParamValues => {
    const out: Record<string, ParamValue> = {}
    for (const [name, read] of readers) {
      const value = read()
      if (value !== null) out[name] = value
    }
    return out
  }

  const element = h('div', { class: 'param-form' }, ...fields)
  element.addEventListener('input', () => {
    const issues = checkParams(clause, values())
    for (const [name, hint] of hints) {
      const issue = issues.find((i) => i.name === name && i.code !== 'missing')
      hint.hidden = !issue
      hint.textContent = issue ? t(issue.code === 'not_a_date' ? 'clausesNotADate' : 'clausesNotANumber') : ''
    }
  })
  return { element, values }
}

function controlFor(
  param: ClauseParam,
  initial: ParamValue | null | undefined,
  id: string,
  parties: Promise<string[]>,
  onInput: () => void,
): { element: HTMLElement; read: () => ParamValue | null } {
  const start = initial === null || initial === undefined ? '' : Array.isArray(initial) ? initial.join('\n') : String(initial)
  const text = (s: string): string | null => (s.trim() === '' ? null : s.trim())
  const input = (attrs: Record<string, string | number | boolean>) => {
    const el = h('input', { class: 'input', attrs: { id, name: param.name, value: start, ...attrs }, on: { input: onInput } })
    return { element: el, read: () => text(el.value) }
  }

  switch (param.type) {
    case 'months':
      return input({ type: 'number', min: 0, step: 1, inputmode: 'numeric' })
    case 'number':
    case 'amount_sek':
      // Text, not type=number: people write "250 000", which a number field would silently empty.
      return input({ type: 'text', inputmode: 'decimal', autocomplete: 'off' })
    case 'date':
      return input({ type: 'date' })
    case 'list': {
      const area = h('textarea', { class: 'input', i18nAttrs: { placeholder: 'clausesListHint' }, attrs: { id, name: param.name, rows: 3 }, on: { input: onInput } })
      area.value = start
      return {
        element: area,
        read: () => {
          const items = area.value.split(/\r?\n/).map((s) => s.trim()).filter(Boolean)
          return items.length > 0 ? items : null
        },
      }
    }
    case 'party':
      return partyControl(param, start, id, parties, onInput)
    case 'text':
      return input({ type: 'text', autocomplete: 'off' })
  }
}

/** The agreement's parties to pick from, and free text for a party not registered (yet). */
function partyControl(param: ClauseParam, start: string, id: string, parties: Promise<string[]>, onInput: () => void): { element: HTMLElement; read: () => ParamValue | null } {
  const OTHER = '\u0000other'
  const select = h('select', { class: 'input party-select', attrs: { id, name: param.name } })
  const free = h('input', { class: 'input party-free', attrs: { type: 'text', value: start, autocomplete: 'off' }, i18nAttrs: { 'aria-label': 'clausesPartyOther' } })
  const render = (names: string[]): void => {
    select.replaceChildren(
      h('option', { attrs: { value: '' } }, t('clausesPartyPick')),
      ...names.map((n) => h('option', { attrs: { value: n } }, n)),
      h('option', { attrs: { value: OTHER } }, t('clausesPartyOther')),
    )
    select.value = start === '' ? '' : names.includes(start) ? start : OTHER
    free.hidden = select.value !== OTHER
    // Without registered parties a select with only "Other…" is a detour: show the text field alone.
    select.hidden = names.length === 0
    if (names.length === 0) free.hidden = false
  }
  render([])
  void parties.then(render, () => render([]))
  select.addEventListener('change', () => {
    free.hidden = select.value !== OTHER
    if (!free.hidden) free.focus()
    onInput()
  })
  free.addEventListener('input', onInput)
  return {
    element: h('div', { class: 'party-control' }, select, free),
    read: () => {
      const value = select.hidden || select.value === OTHER ? free.value : select.value
      return value.trim() === '' ? null : value.trim()
    },
  }
}
