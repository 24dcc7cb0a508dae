import type { ClauseParam, ClauseRecord, Lang, ParamValue, ParamValues } from '../../clause-library/index.ts'
import { checkParams, effectiveValue, formatValue } from '../../clause-library/index.ts'
import { h } from '../dom.ts'
import { getLang, t, type MessageKey } from '../i18n.ts'

export interface ParamForm {
  element: HTMLElement
  values(): ParamValues
}

export interface ParamFormOptions {
  parties: Promise<string[]>
  /** The agreement's parties with the signatory position taken from a member's mandate. */
  signatories?: () => Promise<[party: string, role: string][]>
  onInput: () => void
  idPrefix?: string
}

const ISSUE_MESSAGE: Record<string, MessageKey> = {
  not_a_date: 'clausesNotADate',
  not_a_number: 'clausesNotANumber',
  not_a_month: 'clauseLibNotAMonth',
  not_a_year: 'clauseLibNotAYear',
  not_an_orgnr: 'clauseLibNotAnOrgnr',
  not_an_option: 'clauseLibNotAnOption',
}

const CELL = '\t'

/**
 * One small field per clause parameter, by type. Fields start empty: the clause's example is the
 * placeholder, never a value, so nothing is inserted that nobody chose. Values stay as typed (strings);
 * the clause library parses and formats them per language. Empty fields are allowed; the clause is then
 * inserted with its `{name}` visible and the validator flags it.
 */
export function paramForm(clause: ClauseRecord, initial: ParamValues, options: ParamFormOptions): ParamForm {
  const { idPrefix = 'param' } = options
  const readers = new Map<string, () => ParamValue | null>()
  const hints = new Map<string, HTMLElement>()
  const uiLang: Lang = getLang()

  const fields = clause.parameters.map((param) => {
    const id = `${idPrefix}-${clause.id.replace(/[^a-z0-9]/gi, '-')}-${param.name}`
    const hint = h('span', { class: 'param-hint', attrs: { hidden: true, id: `${id}-hint` } })
    hints.set(param.name, hint)
    const control = controlFor(param, initial[param.name], id, options, uiLang)
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
  const check = (): void => {
    const issues = checkParams(clause, values())
    for (const [name, hint] of hints) {
      const issue = issues.find((i) => i.name === name && i.code !== 'missing')
      hint.hidden = !issue
      hint.textContent = issue ? t(ISSUE_MESSAGE[issue.code] ?? 'clausesNotANumber') : ''
    }
  }
  element.addEventListener('input', check)
  element.addEventListener('change', check)
  return { element, values }
}

/** The example as placeholder text: lists and rows one item per line. */
function placeholderOf(param: ClauseParam, lang: Lang): string {
  const ex = param.example?.[lang]
  if (ex === undefined) return ''
  if (param.type === 'month' || param.type === 'choice') return ''
  const text = Array.isArray(ex) ? ex.map((row) => row.split(CELL).join(' · ')).join('\n') : String(ex)
  return `${lang === 'sv' ? 't.ex.' : 'e.g.'} ${text}`
}

function controlFor(param: ClauseParam, initial: ParamValue | null | undefined, id: string, options: ParamFormOptions, lang: Lang): { element: HTMLElement; read: () => ParamValue | null } {
  const { onInput } = options
  const start = initial === null || initial === undefined ? '' : Array.isArray(initial) ? initial.join('\n') : String(initial)
  const text = (s: string): string | null => (s.trim() === '' ? null : s.trim())
  const placeholder = placeholderOf(param, lang)
  const input = (attrs: Record<string, string | number | boolean>) => {
    const el = h('input', { class: 'input', attrs: { id, name: param.name, value: start, placeholder, ...attrs }, on: { input: onInput } })
    return { element: el, read: () => text(el.value) }
  }
  const select = (choices: [value: string, label: string][]) => {
    const el = h(
      'select',
      { class: 'input', attrs: { id, name: param.name }, on: { change: onInput } },
      h('option', { attrs: { value: '' } }, t('clauseLibChoose')),
      ...choices.map(([value, label]) => h('option', { attrs: { value } }, label)),
    )
    el.value = choices.some(([value]) => value === start) ? start : ''
    return { element: el, read: () => text(el.value) }
  }

  switch (param.type) {
    case 'months':
    case 'year':
      return input({ type: 'number', min: 0, step: 1, inputmode: 'numeric' })
    case 'number':
    case 'amount_sek':
      // Text, not type=number: people write "250 000", which a number field would silently empty.
      return input({ type: 'text', inputmode: 'decimal', autocomplete: 'off' })
    case 'date':
      return input({ type: 'date' })
    case 'year_month':
      return input({ type: 'month' })
    case 'orgnr':
      return input({ type: 'text', autocomplete: 'off', inputmode: 'numeric', maxlength: 11 })
    case 'choice':
      return select((param.options ?? []).map((o) => [o.value, o.label[lang]]))
    case 'month':
      return select(Array.from({ length: 12 }, (_, i) => [String(i + 1), formatValue(param, i + 1, lang) ?? String(i + 1)]))
    case 'threshold_sek': {
      // Never typed: the figure the validator is configured with is written in when the clause is filled.
      const shown = formatValue(param, effectiveValue(param, { [param.name]: initial }), lang) ?? ''
      const el = h('p', { class: 'param-configured muted', attrs: { id } }, shown ? t('clauseLibThreshold', { value: shown }) : t('clauseLibThreshold', { value: '—' }))
      return { element: el, read: () => (initial === undefined || initial === null ? null : initial) }
    }
    case 'list': {
      const area = h('textarea', { class: 'input', attrs: { id, name: param.name, rows: 3, placeholder: placeholder || t('clausesListHint') }, on: { input: onInput } })
      area.value = start
      return {
        element: area,
        read: () => {
          const items = area.value
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean)
          return items.length > 0 ? items : null
        },
      }
    }
    case 'rows':
      return rowsControl(
        param,
        initial,
        id,
        (param.columns ?? []).map((c) => c.label[lang]),
        onInput,
        lang,
      )
    case 'signatories': {
      const control = rowsControl(param, initial, id, [t('clauseLibSignParty'), t('clauseLibSignRole')], onInput, lang)
      if (!options.signatories) return control
      const load = options.signatories
      const fill = h('button', {
        class: 'button button-secondary clause-fill-parties',
        text: 'clauseLibFromParties',
        attrs: { type: 'button' },
        on: { click: () => void load().then((rows) => control.setRows(rows.map(([p, r]) => [p, r]))) },
      })
      // Built from the agreement's parties unless someone already wrote the blocks.
      if (control.read() === null) void load().then((rows) => (control.read() === null && rows.length > 0 ? control.setRows(rows.map(([p, r]) => [p, r])) : undefined))
      return { element: h('div', { class: 'signatories-control' }, control.element, fill), read: control.read }
    }
    case 'party':
      return partyControl(start, id, options.parties, onInput)
    case 'text':
      return input({ type: 'text', autocomplete: 'off' })
  }
}

/** A small table of inputs: one row per item, one input per column; rows are stored tab-separated. */
function rowsControl(
  param: ClauseParam,
  initial: ParamValue | null | undefined,
  id: string,
  columns: string[],
  onInput: () => void,
  lang: Lang,
): { element: HTMLElement; read: () => ParamValue | null; setRows: (rows: string[][]) => void } {
  const body = h('div', { class: 'rows-body' })
  const examples = (param.example?.[lang] ?? []) as string[]
  const addRow = (cells: string[] = []): void => {
    const n = body.children.length
    const example = Array.isArray(examples) ? (examples[n] ?? examples[0] ?? '').split(CELL) : []
    const inputs = columns.map((label, i) =>
      h('input', {
        class: 'input rows-cell',
        attrs: { type: 'text', value: cells[i] ?? '', 'aria-label': `${t('clauseLibRowLabel', { n: n + 1 })}: ${label}`, placeholder: example[i] ?? label, ...(n === 0 && i === 0 ? { id } : {}) },
        on: { input: onInput },
      }),
    )
    const remove = h(
      'button',
      { class: 'button button-quiet rows-remove', attrs: { type: 'button', 'aria-label': t('clauseLibRemoveRow'), title: t('clauseLibRemoveRow') }, on: { click: () => (row.remove(), onInput()) } },
      '×',
    )
    const row = h('div', { class: 'rows-row', attrs: { style: `grid-template-columns: repeat(${columns.length}, minmax(6rem, 1fr)) auto` } }, ...inputs, remove)
    body.append(row)
  }
  const setRows = (rows: string[][]): void => {
    body.replaceChildren()
    for (const r of rows) addRow(r)
    if (rows.length === 0) addRow()
    onInput()
  }
  const startRows = initial === null || initial === undefined ? [] : (Array.isArray(initial) ? initial : String(initial).split(/\r?\n/)).map((r) => String(r).split(CELL))
  for (const r of startRows) addRow(r)
  if (startRows.length === 0) addRow()
  const head = h(
    'div',
    { class: 'rows-head', attrs: { 'aria-hidden': 'true', style: `grid-template-columns: repeat(${columns.length}, minmax(6rem, 1fr)) auto` } },
    ...columns.map((c) => h('span', {}, c)),
    h('span', {}, ''),
  )
  const add = h('button', { class: 'button button-secondary rows-add', text: 'clauseLibAddRow', attrs: { type: 'button' }, on: { click: () => addRow() } })
  const read = (): ParamValue | null => {
    const rows = [...body.querySelectorAll<HTMLElement>('.rows-row')]
      .map((row) => [...row.querySelectorAll<HTMLInputElement>('.rows-cell')].map((i) => i.value.replace(/[\t\r\n]+/g, ' ').trim()))
      .filter((cells) => cells.some((c) => c !== ''))
      .map((cells) => cells.join(CELL))
    return rows.length > 0 ? rows : null
  }
  return { element: h('div', { class: 'rows-control' }, head, body, add), read, setRows }
}

/** The agreement's parties to pick from, and free text for a party not registered (yet). */
function partyControl(start: string, id: string, parties: Promise<string[]>, onInput: () => void): { element: HTMLElement; read: () => ParamValue | null } {
  const OTHER = '\u0000other'
  const select = h('select', { class: 'input party-select', attrs: { id } })
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
