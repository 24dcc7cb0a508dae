import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet } from 'prosemirror-view'
import type { EditorView } from 'prosemirror-view'
import { buildClauseNode, fillParagraphs, searchClauses, type BlockValue, type ClauseRecord } from '../../clause-library/index.ts'
import { CLAUSE_SECTIONS, clauseSectionInfo, isClauseSectionId, type ClauseSectionId } from '../../schema/index.ts'
import { membersApi } from '../members/members-api.ts'
import { request } from '../api.ts'
import { h } from '../dom.ts'
import { newUid } from '../editor/uid.ts'
import { getLang, onLangChange, t } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { currentValues } from './current-values.ts'
import { deviationPlugin } from './deviation-plugin.ts'
import { insertClauseTransaction } from './insert.ts'
import { EditorClauses } from './library.ts'
import { paramForm, type ParamForm } from './param-form.ts'
import './clauses.css'
import { dispatchAsOwnUndoStep } from './undo-step.ts'
import { onClauseRequest } from './requests.ts'
import { setClauseValues } from './set-values.ts'

const MAX_HITS = 40

/**
 * Browse and search the approved clauses, fill in their values and insert them where they belong.
 * Also owns the deviation badges on inserted clauses: both are "the clause library, in the editor".
 */
export const clauseLibraryPanel: EditorPanel = (context) => {
  const clauses = new EditorClauses()
  const query = h('input', {
    class: 'input clause-query',
    i18nAttrs: { placeholder: 'clausesSearchPlaceholder', 'aria-label': 'clausesSearch' },
    attrs: { type: 'search', autocomplete: 'off', spellcheck: 'false' },
  })
  const section = h('select', { class: 'input clause-section', i18nAttrs: { 'aria-label': 'clausesSection' } })
  const count = h('p', { class: 'clause-count muted', attrs: { 'aria-live': 'polite' } })
  const results = h('ul', { class: 'clause-results' })
  const status = h('p', { class: 'clause-status', attrs: { role: 'status', hidden: true } })
  const atCursor = h('div', { class: 'clause-at-cursor', attrs: { hidden: true } })
  const element = h('div', { class: 'clause-library' }, atCursor, h('div', { class: 'clause-filters' }, query, section), count, results, status)

  let open: string | null = null
  // Asked again for every preview: parties are added in the members card while the page is open.
  const partyNames = (): Promise<string[]> => membersApi.parties(context.agreementId).then((list) => list.map((p) => p.name))
  // One signature block per registered party, the position taken from a member's mandate for that party.
  const signatories = async (): Promise<[string, string][]> => {
    const [parties, members] = await Promise.all([membersApi.parties(context.agreementId), membersApi.members(context.agreementId).catch(() => [])])
    return parties.map((p) => [p.name, members.find((m) => m.partyId === p.id && m.mandate)?.mandate ?? ''])
  }

  const renderSections = (): void => {
    const chosen = section.value
    section.replaceChildren(h('option', { attrs: { value: '' } }, t('clausesAllSections')), ...CLAUSE_SECTIONS.map((s) => h('option', { attrs: { value: s.id } }, s.name[getLang()])))
    section.value = chosen
  }

  const render = (): void => {
    const sectionId = isClauseSectionId(section.value) ? section.value : undefined
    const hits = searchClauses(clauses.library(), query.value, { sectionId })
    count.textContent = hits.length === 0 ? t('clausesNone') : t('clausesCount', { count: hits.length })
    if (open && !hits.some((hit) => hit.clause.id === open)) open = null
    results.replaceChildren(...hits.slice(0, MAX_HITS).map((hit) => hitView(hit.clause)))
  }

  const hitView = (clause: ClauseRecord): HTMLElement => {
    const expanded = open === clause.id
    const previewId = `clause-preview-${clause.id.replace(/[^a-z0-9]/gi, '-')}`
    const toggle = h(
      'button',
      {
        class: 'clause-hit-toggle',
        attrs: { type: 'button', 'aria-expanded': String(expanded), 'aria-controls': previewId },
        on: {
          click: () => {
            open = expanded ? null : clause.id
            render()
            results.querySelector<HTMLElement>(`[data-clause-id="${clause.id}"] .clause-hit-toggle`)?.focus()
          },
        },
      },
      h('span', { class: 'clause-hit-section' }, clauseSectionInfo(clause.sectionId).name[getLang()], owner(clause)),
      h(
        'span',
        { class: 'clause-hit-title' },
        clause.title?.[getLang()] ?? excerpt(clause.text[context.documentLang()], 60),
        clause.role === 'addon' && !clause.title ? h('span', { class: 'clause-addon' }, ` · ${t('clauseLibAddon')}`) : null,
      ),
      clause.summary ? h('span', { class: 'clause-hit-summary' }, clause.summary[getLang()]) : h('span', { class: 'clause-hit-excerpt' }, excerpt(clause.text[context.documentLang()])),
      h('span', { class: `clause-hit-review clause-review-${clause.status}` }, reviewLine(clause)),
    )
    return h('li', { class: 'clause-hit', attrs: { 'data-clause-id': clause.id } }, toggle, expanded ? preview(clause, previewId) : null)
  }

  /** The true review state: only an organisation's approval, with who and when, says "approved". */
  const reviewLine = (clause: ClauseRecord): string => {
    const org = clauses.ownerOf(clause.id) ?? ''
    if (clause.status === 'approved' && clause.review) return t('clauseLibApproved', { org, name: clause.review.by, date: clause.review.at })
    if (clause.status === 'draft') return t('clauseLibDraft', { org })
    return clause.caseByCase ? `${t('clauseLibStarter')} · ${t('clauseLibCaseByCase')}` : t('clauseLibStarter')
  }

  const owner = (clause: ClauseRecord): HTMLElement | null => {
    const name = clauses.ownerOf(clause.id)
    return name === null ? null : h('span', { class: 'clause-hit-owner' }, ` · ${name}`)
  }

  const preview = (clause: ClauseRecord, id: string): HTMLElement => {
    const text = h('div', { class: 'clause-preview-text', attrs: { lang: context.documentLang() } })
    const unfilled = h('p', { class: 'clause-unfilled', attrs: { hidden: true } })
    let formRef: ParamForm | null = null
    // The label without its example phrase: the form shows the example, the preview only what is missing.
    const labels = new Map(clause.parameters.map((p) => [p.name, p.label[getLang()].split(/, (?:t\.ex\.|e\.g\.) | \(/)[0]!]))
    const refresh = (): void => {
      const values = formRef?.values() ?? {}
      const paragraphs = fillParagraphs(clause, values, context.documentLang())
      // An unfilled value shows what to write (its label), never the raw parameter name.
      text.replaceChildren(
        ...paragraphs.flatMap((pieces): HTMLElement[] => {
          const first = pieces[0]
          if (pieces.length === 1 && first?.kind === 'param' && first.block) return previewBlock(first.block)
          return [
            h(
              'p',
              {},
              ...pieces.map((p) =>
                p.kind === 'text' ? p.text : h('span', { class: p.filled ? 'clause-param' : 'clause-param clause-param-missing' }, p.filled ? p.text : `[${labels.get(p.name) ?? '…'}]`),
              ),
            ),
          ]
        }),
      )
      const missing = clause.parameters.filter((p) => p.required && values[p.name] === undefined).map((p) => p.label[getLang()])
      unfilled.hidden = missing.length === 0
      unfilled.textContent = t('clausesUnfilled', { names: missing.join('; ') })
    }
    // Fields start empty: examples are placeholders, so nothing is inserted that nobody chose.
    const form = paramForm(clause, {}, { parties: partyNames(), signatories, onInput: refresh })
    formRef = form
    refresh()
    const insert = h('button', {
      class: 'button clause-insert',
      text: 'clausesInsert',
      attrs: { type: 'button' },
      on: { click: () => insertClause(clause, form.values()) },
    })
    insert.disabled = !context.access.canEdit()
    const adopt = clause.status === 'starter' ? adoptControl(clause) : null
    const provenance =
      clause.status === 'approved'
        ? h('p', { class: 'clause-provenance clause-review-approved' }, reviewLine(clause))
        : h(
            'div',
            { class: `clause-provenance clause-review-${clause.status}`, attrs: { role: 'note' } },
            h('p', {}, clause.status === 'starter' ? t('clauseLibStarterNote') : reviewLine(clause)),
            clause.caseByCase ? h('p', { class: 'clause-case-by-case' }, t('clauseLibCaseByCase')) : null,
          )
    return h(
      'div',
      { class: 'clause-preview', attrs: { id } },
      provenance,
      text,
      clause.parameters.length > 0 ? h('p', { class: 'clause-form-title', text: 'clausesParams' }) : null,
      form.element,
      unfilled,
      h('div', { class: 'clause-actions' }, insert, h('code', { class: 'clause-id muted' }, `${clause.id} v${clause.version}`)),
      adopt,
    )
  }

  /**
   * A built-in suggestion becomes "approved" only inside an organisation: adopting it writes it as a
   * draft of the organisation's own library, where one of its lawyers approves it (the approval records
   * who and when). Offered only to members of an organisation.
   */
  const adoptControl = (clause: ClauseRecord): HTMLElement => {
    const wrap = h('div', { class: 'clause-adopt', attrs: { hidden: true } })
    const message = h('p', { class: 'clause-adopt-status muted', attrs: { role: 'status' } })
    void request<{ organisations: { id: string; name: string }[] }>('GET', '/api/organisations').then(
      ({ organisations }) => {
        if (organisations.length === 0) return
        const pick = h('select', { class: 'input clause-adopt-org', i18nAttrs: { 'aria-label': 'clauseLibAdopt' } }, ...organisations.map((o) => h('option', { attrs: { value: o.id } }, o.name)))
        pick.hidden = organisations.length === 1
        const button = h('button', {
          class: 'button button-secondary clause-adopt-button',
          text: 'clauseLibAdopt',
          attrs: { type: 'button' },
          on: {
            click: () => {
              const org = organisations.find((o) => o.id === pick.value) ?? organisations[0]!
              button.disabled = true
              request('POST', `/api/organisations/${encodeURIComponent(org.id)}/clauses`, { id: clause.id, sectionId: clause.sectionId, parameters: clause.parameters, text: clause.text })
                .then(() => (message.textContent = t('clauseLibAdopted', { org: org.name })))
                .catch((err: unknown) => (message.textContent = t('clauseLibAdoptFailed', { message: err instanceof Error ? err.message : String(err) })))
                .finally(() => (button.disabled = false))
            },
          },
        })
        wrap.replaceChildren(pick, button, message)
        wrap.hidden = false
      },
      () => undefined,
    )
    return wrap
  }

  const insertClause = (clause: ClauseRecord, values: ReturnType<ParamForm['values']>): void => {
    const view = context.getView()
    if (!view?.editable) return
    const lang = context.documentLang()
    const node = buildClauseNode(clause, values, lang, newUid())
    const tr = insertClauseTransaction(view.state, node, clause.sectionId, lang, newUid)
    if (!tr) return
    dispatchAsOwnUndoStep(view, tr.setMeta(justInserted, node.attrs.uid))
    view.focus()
    highlightInserted(view, node.attrs.uid)
    open = null
    render()
    status.hidden = false
    status.textContent = t('clausesInserted', { section: clauseSectionInfo(clause.sectionId).name[getLang()] })
  }

  const showSection = (id: ClauseSectionId): void => {
    section.value = id
    query.value = ''
    open = null
    status.hidden = true
    render()
    const card = element.closest('.panel-card')
    const toggle = card?.querySelector<HTMLButtonElement>('.panel-toggle')
    if (toggle?.getAttribute('aria-expanded') === 'false') toggle.click()
    card?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
    query.focus({ preventScroll: true })
  }

  query.addEventListener('input', () => {
    status.hidden = true
    render()
  })
  section.addEventListener('change', () => {
    status.hidden = true
    render()
  })
  renderSections()
  render()
  const offLang = onLangChange(() => {
    renderSections()
    render()
  })
  const offRequest = onClauseRequest(context, showSection)
  const offAccess = context.access.subscribe(render)
  // The values of the clause holding the cursor, editable in place: rebuilt only when that clause
  // changes, so what someone is typing into the form survives the co-authors' edits.
  let cursorClause: string | null = null
  const showAtCursor = (view: EditorView): void => {
    const found = clauseAtCursor(view.state)
    const record = found ? (clauses.library().get(String(found.node.attrs.clauseId), found.node.attrs.version ?? null) ?? clauses.library().get(String(found.node.attrs.clauseId))) : undefined
    const values = found ? currentValues(found.node, record) : null
    const key = found && record && record.parameters.length > 0 && context.access.canEdit() ? `${String(found.node.attrs.uid)}:${record.id}:${JSON.stringify(values)}` : null
    // Values typed into the text show up here, except while someone is filling in the form itself.
    if (key === cursorClause || (key !== null && atCursor.contains(document.activeElement))) return
    cursorClause = key
    if (!found || !record || key === null) {
      atCursor.hidden = true
      atCursor.replaceChildren()
      return
    }
    const uid: unknown = found.node.attrs.uid
    const form = paramForm(record, values ?? {}, { parties: partyNames(), signatories, onInput: () => undefined, idPrefix: 'cursor' })
    const apply = h('button', {
      class: 'button button-secondary clause-values-apply',
      text: 'clausesApplyValues',
      attrs: { type: 'button' },
      on: {
        click: () => {
          const v = context.getView()
          const target = v && findClause(v.state.doc, uid)
          if (!v || !target || !v.editable) return
          dispatchAsOwnUndoStep(v, setClauseValues(v.state.tr, target.pos, record, form.values(), context.documentLang()))
        },
      },
    })
    atCursor.replaceChildren(
      h('p', { class: 'clause-form-title', text: 'clausesAtCursor' }),
      h('p', { class: 'clause-at-cursor-excerpt muted' }, excerpt(found.node.textContent, 80)),
      form.element,
      h('div', { class: 'clause-actions' }, apply),
    )
    atCursor.hidden = false
  }
  const follow = new Plugin({ view: (v) => (showAtCursor(v), { update: showAtCursor }) })

  const deviation = deviationPlugin({ library: () => clauses.library() })
  const offClauses = clauses.subscribe(() => {
    render()
    deviation.refresh()
  })
  void clauses.load()

  return {
    id: 'clause-library',
    title: 'clausesTitle',
    body: element,
    plugins: [deviation.plugin, follow, justInsertedPlugin],
    destroy: () => {
      offLang()
      offRequest()
      offAccess()
      offClauses()
    },
  }
}

/** A list, table or signature value in the preview, shaped as it will be in the agreement. */
function previewBlock(block: BlockValue): HTMLElement[] {
  const value = (text: string) => h('span', { class: 'clause-param' }, text)
  switch (block.kind) {
    case 'bullets':
      return [h('ul', {}, ...block.items.map((item) => h('li', {}, value(item))))]
    case 'table':
      return [
        h(
          'table',
          { class: 'clause-preview-table' },
          h('thead', {}, h('tr', {}, ...block.header.map((c) => h('th', {}, c)))),
          h('tbody', {}, ...block.rows.map((row) => h('tr', {}, ...row.map((c) => h('td', {}, value(c)))))),
        ),
      ]
    case 'signatures':
      return block.blocks.map((lines) => h('div', { class: 'clause-preview-signature' }, ...lines.map((line) => h('p', {}, value(line)))))
  }
}

/** The first words of a clause, enough to tell variants of one section apart. */
function excerpt(text: string, max = 110): string {
  const flat = text
    .replace(/\{[a-z0-9_]+\}/g, '[…]')
    .replace(/\s+/g, ' ')
    .trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max)
  return `${cut.slice(0, cut.lastIndexOf(' ') > 60 ? cut.lastIndexOf(' ') : max)} …`
}

/** The uid of the clause just inserted from this panel, marked by a node decoration until it fades. */
const justInserted = new PluginKey<unknown>('clause-just-inserted')

const justInsertedPlugin = new Plugin<unknown>({
  key: justInserted,
  state: {
    init: () => null,
    apply: (tr, value) => {
      const meta: unknown = tr.getMeta(justInserted)
      return meta === undefined ? value : meta
    },
  },
  props: {
    decorations(state) {
      const uid = justInserted.getState(state)
      const found = uid ? findClause(state.doc, uid) : null
      return found ? DecorationSet.create(state.doc, [Decoration.node(found.pos, found.pos + found.node.nodeSize, { class: 'clause-just-inserted' })]) : null
    },
  },
})

/** Brings the inserted clause into the middle of the view; the mark goes after the highlight has faded. */
function highlightInserted(view: EditorView, uid: unknown): void {
  const found = findClause(view.state.doc, uid)
  const dom = found ? view.nodeDOM(found.pos) : null
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: 'center', behavior: 'smooth' })
  window.setTimeout(() => {
    if (!view.isDestroyed && justInserted.getState(view.state) === uid) view.dispatch(view.state.tr.setMeta(justInserted, null).setMeta('addToHistory', false))
  }, 2600)
}

function clauseAtCursor(state: EditorState): { node: PMNode; pos: number } | null {
  const { $from } = state.selection
  for (let depth = $from.depth; depth > 0; depth--) {
    const node = $from.node(depth)
    if (node.type.name === 'clause') return { node, pos: $from.before(depth) }
  }
  return null
}

function findClause(doc: PMNode, uid: unknown): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null
  doc.descendants((node, pos) => {
    if (found) return false
    if (node.type.name === 'clause' && node.attrs.uid === uid) found = { node, pos }
    return !node.isTextblock
  })
  return found
}
