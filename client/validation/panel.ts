import { Selection } from 'prosemirror-state'
import { emptySection, sectionInfo, type SectionId } from '../../schema/index.ts'
import { locateSections } from '../../schema/validator/index.ts'
import { sectionHashes } from '../../schema/validator/acknowledged.ts'
import { newSectionPosition } from '../clauses/insert.ts'
import { requestClauses } from '../clauses/requests.ts'
import { dispatchAsOwnUndoStep } from '../clauses/undo-step.ts'
import { h } from '../dom.ts'
import { newUid } from '../editor/uid.ts'
import { getLang, onLangChange, t, type MessageKey } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { buildChecklist, buildPanelModel, itemMessage, sectionBadges, sectionHash, type CriterionAck, type Marks, type PanelModel, type SectionItem, type WarningItem } from './panel-model.ts'
import { acksApi, renderChecklist, sectionText, selectQuote } from './checklist.ts'
import { validationPlugin, type ValidationResult } from './plugin.ts'
import { membersApi } from '../members/members-api.ts'
import { liveResource } from '../review/live.ts'
import type { RegisteredParty } from '../../schema/validator/index.ts'

declare global {
  interface Window {
    /** For the benchmark and end-to-end tests only: the cost of the last validator run, in ms. */
    __overensValidation?: { runs: number; lastCost: number }
  }
}

/**
 * What the agreement still lacks, section by section, as the group writes. Each flag says what is
 * missing and why it matters (the validator's sentence); a click takes you there, and a missing section
 * can be added straight from the clause library.
 */
export const validatorPanel: EditorPanel = (context) => {
  const summary = h('p', { class: 'validator-summary', text: 'validatorWaiting', attrs: { 'aria-live': 'polite' } })
  const groups = h('div', { class: 'validator-groups' })
  const element = h('div', { class: 'validator' }, summary, groups)
  let doneOpen = false
  let lastRendered = ''
  let last: ValidationResult | null = null
  let acks: CriterionAck[] = []
  const names = new Map<string, string>()
  /** Sections whose checklist is unfolded, kept across re-renders. */
  const openChecklists = new Set<SectionId>()
  let hashes = new Map<SectionId, string | null>()

  /** Each section's text hash in the result's document, remembered per result: a mark holds only on the text it was made on. */
  const hashCache = new WeakMap<ValidationResult, Map<SectionId, string | null>>()
  const marksFor = (result: ValidationResult): Marks => {
    let h = hashCache.get(result)
    if (!h) {
      h = sectionHashes(
        result.doc,
        result.positions,
        result.report.sections.map((s) => s.id),
      )
      hashCache.set(result, h)
    }
    return { acks, hashes: h }
  }
  const nameOf = (userId: string | null): string => (userId && names.get(userId)) || t('validatorChecklistSomeone')
  const ackText = (list: readonly CriterionAck[]): string => list.map((a) => t('validatorChecklistAckBy', { code: a.code, who: nameOf(a.userId), note: a.note })).join(' ')

  const render = (result: ValidationResult): void => {
    const marks = marksFor(result)
    hashes = new Map(marks.hashes)
    const model = buildPanelModel(result.report, marks)
    // Typing rarely changes the verdict: leave the list (and any focus inside it) alone then.
    const checks = result.report.sections.map((s) => s.checks)
    const key = `${getLang()}|${context.access.canEdit()}|${JSON.stringify(model)}|${JSON.stringify(checks)}|${JSON.stringify(acks)}|${JSON.stringify([...hashes])}|${JSON.stringify([...names])}`
    if (key === lastRendered) return
    lastRendered = key
    // The tab's count: required sections still to fix, after the group's marks.
    context.setCount?.('validator', model.errors.length)
    element.dataset.state = model.errors.length > 0 ? 'errors' : model.warnings.length > 0 ? 'warnings' : 'done'
    summary.textContent = t('validatorSummary', { errors: model.errors.length, warnings: model.warnings.length, done: model.done.length })
    summary.removeAttribute('data-i18n')
    const parts = [group('errors', 'validatorErrors', model.errors, model), group('warnings', 'validatorWarnings', model.warnings, model), doneGroup(model.done)]
    groups.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null))
  }

  const group = (name: string, title: MessageKey, items: (SectionItem | WarningItem)[], model: PanelModel): HTMLElement | null => {
    if (items.length === 0) {
      return name === 'errors' && model.done.length > 0 ? h('p', { class: 'validator-all-required', text: 'validatorAllRequired' }) : null
    }
    return h(
      'section',
      { class: `validator-group validator-${name}`, attrs: { 'data-group': name } },
      h('h3', { class: 'validator-group-title' }, `${t(title)} (${items.length})`),
      h('ul', { class: 'validator-list' }, ...items.map((item) => (item.kind === 'section' ? sectionRow(item) : warningRow(item)))),
    )
  }

  const doneGroup = (items: SectionItem[]): HTMLElement | null => {
    if (items.length === 0) return null
    const details = h(
      'details',
      { class: 'validator-group validator-done', attrs: { 'data-group': 'done', open: doneOpen } },
      h('summary', { class: 'validator-group-title' }, `${t('validatorDone')} (${items.length})`),
      h(
        'ul',
        { class: 'validator-list' },
        ...items.map((item) =>
          h(
            'li',
            { class: 'validator-item', attrs: { 'data-section': item.id, 'data-status': 'present', 'data-acknowledged': item.acknowledged.length > 0 ? 'true' : false } },
            goToButton(item),
            item.acknowledged.length ? h('p', { class: 'validator-message validator-ack-note' }, ackText(item.acknowledged)) : null,
            checklist(item.id),
          ),
        ),
      ),
    )
    details.addEventListener('toggle', () => {
      doneOpen = details.open
    })
    return details
  }

  const goToButton = (item: SectionItem): HTMLElement =>
    h(
      'button',
      {
        class: 'validator-goto',
        attrs: { type: 'button', disabled: item.status === 'missing', title: t('validatorGoTo', { name: sectionInfo(item.id).name[getLang()] }) },
        on: { click: () => goTo(item.id) },
      },
      h('span', { class: 'validator-name' }, sectionInfo(item.id).name[getLang()]),
      item.status === 'present' ? null : h('span', { class: `validator-chip validator-chip-${item.status}` }, t(item.status === 'missing' ? 'validatorMissing' : 'validatorIncomplete')),
    )

  const sectionRow = (item: SectionItem): HTMLElement => {
    // Reading roles get the flags but no ways to change the text.
    const actions = !context.access.canEdit()
      ? null
      : h(
          'div',
          { class: 'validator-actions' },
          item.status === 'missing'
            ? h('button', { class: 'button button-secondary validator-add', text: 'validatorAddSection', attrs: { type: 'button' }, on: { click: () => requestClauses(context, item.id) } })
            : h('button', { class: 'button button-quiet validator-clauses', text: 'validatorChooseClause', attrs: { type: 'button' }, on: { click: () => requestClauses(context, item.id) } }),
          item.status === 'missing'
            ? h('button', { class: 'button button-quiet validator-empty', text: 'validatorEmptySection', attrs: { type: 'button' }, on: { click: () => addEmpty(item.id) } })
            : null,
        )
    return h(
      'li',
      { class: 'validator-item', attrs: { 'data-section': item.id, 'data-status': item.status, 'data-level': item.level } },
      goToButton(item),
      h('p', { class: 'validator-message' }, itemMessage(item, getLang())),
      actions,
      checklist(item.id),
    )
  }

  /** The section's criteria, folded by default: why it is judged complete, or what is still missing. */
  const checklist = (id: SectionId): HTMLElement | null => {
    const section = last?.report.sections.find((s) => s.id === id)
    if (!section?.checks?.length) return null
    const list = buildChecklist(section, acks, hashes.get(id) ?? null)
    const details = h(
      'details',
      { class: 'validator-checklist', attrs: { open: openChecklists.has(id), 'data-checklist-for': id } },
      h('summary', {}, t('validatorChecklistToggle', { met: list.met, total: list.total })),
      renderChecklist(list, {
        canEdit: context.access.canEdit(),
        nameOf,
        select: (evidence) => {
          const view = context.getView()
          return view ? selectQuote(view, evidence) : false
        },
        mark: async (code, note) => {
          const view = context.getView()
          const text = view ? sectionText(view.state.doc, locateSections(view.state.doc), id) : null
          if (text === null) throw new Error('section not found')
          await acksApi.set(context.agreementId, id, code, note, sectionHash(text))
          // A mark may complete the section, which moves it among the done ones: keep it in view for the one who marked.
          doneOpen = true
          acksLive.refresh()
        },
        unmark: async (code) => {
          await acksApi.remove(context.agreementId, id, code)
          acksLive.refresh()
        },
      }),
    )
    details.addEventListener('toggle', () => {
      if (details.open) openChecklists.add(id)
      else openChecklists.delete(id)
    })
    return details
  }

  const warningRow = (item: WarningItem): HTMLElement =>
    h(
      'li',
      { class: 'validator-item validator-rule', attrs: { 'data-rule': item.rule } },
      h('span', { class: 'validator-chip validator-chip-warning', text: 'validatorWarning' }),
      h('p', { class: 'validator-message' }, itemMessage(item, getLang())),
    )

  /** Scrolls to the section and puts the cursor at the end of its text, where writing continues. */
  const goTo = (id: SectionId): void => {
    const view = context.getView()
    if (!view) return
    const pos = (last && last.doc === view.state.doc ? last.positions : locateSections(view.state.doc)).get(id)
    if (pos === undefined) return
    const node = view.state.doc.nodeAt(pos)
    if (!node) return
    const end = view.state.doc.resolve(pos + node.nodeSize - (node.isLeaf ? 0 : 1))
    view.dispatch(view.state.tr.setSelection(Selection.near(end, -1)))
    view.focus()
    const dom = view.nodeDOM(pos)
    if (dom instanceof HTMLElement) {
      dom.scrollIntoView({ block: 'center', behavior: 'smooth' })
      dom.classList.add('validation-flash')
      setTimeout(() => dom.classList.remove('validation-flash'), 1200)
    }
  }

  const addEmpty = (id: SectionId): void => {
    const view = context.getView()
    // Reviewers and viewers read only: the server would refuse the edit and close their connection.
    if (!view?.editable) return
    const at = newSectionPosition(view.state.doc, id)
    const section = emptySection(id, context.documentLang(), newUid())
    const tr = view.state.tr.insert(at, section)
    dispatchAsOwnUndoStep(view, tr.setSelection(Selection.near(tr.doc.resolve(at + section.nodeSize - 1), -1)).scrollIntoView())
    view.focus()
  }

  // The parties the group registered: refetched when the writing group changes, then validated again.
  let parties: RegisteredParty[] = []
  const partiesLive = liveResource(
    context.agreementId,
    'members',
    () => membersApi.parties(context.agreementId),
    (list) => {
      if (!list) return
      parties = list.map((p) => ({ name: p.name, type: p.type === 'idea_driven' ? 'idea' : p.type, orgNr: p.orgNr ?? undefined }))
      plugin.revalidate()
    },
  )
  // The group's marks, refetched whenever anyone sets or removes one; the names say who made them.
  const acksLive = liveResource(
    context.agreementId,
    'acks',
    () => acksApi.list(context.agreementId),
    (list) => {
      if (!list) return
      acks = list
      if (last) render(last)
      plugin.redecorate()
    },
  )
  const membersLive = liveResource(
    context.agreementId,
    'members',
    () => membersApi.members(context.agreementId),
    (list) => {
      if (!list) return
      names.clear()
      for (const m of list) names.set(m.userId, m.displayName)
      if (last) render(last)
      plugin.redecorate()
    },
  )
  const plugin = validationPlugin({
    lang: getLang,
    parties: () => parties,
    onResult: (result) => {
      last = result
      window.__overensValidation = { runs: (window.__overensValidation?.runs ?? 0) + 1, lastCost: result.cost }
      render(result)
    },
    badges: (result) => sectionBadges(result.report, marksFor(result), getLang(), ackText),
  })
  // Every validator text is rendered from codes and parameters: a language switch relabels, it never validates again.
  const offLang = onLangChange(() => {
    if (last) render(last)
    plugin.redecorate()
  })
  const offAccess = context.access.subscribe(() => {
    if (last) render(last)
  })

  return {
    id: 'validator',
    title: 'validatorTitle',
    body: element,
    plugins: [plugin.plugin],
    destroy: () => {
      partiesLive.stop()
      acksLive.stop()
      membersLive.stop()
      offLang()
      offAccess()
    },
  }
}
