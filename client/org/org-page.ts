import { diffWords } from 'diff'
import type { ClauseParam, ClauseRecord } from '../../clause-library/record.ts'
import { SECTIONS, clauseSectionInfo } from '../../schema/index.ts'
import { request, type Organisation, type TemplateSummary } from '../api.ts'
import { h } from '../dom.ts'
import { errorText } from '../error-text.ts'
import { formatDate, plural } from '../format.ts'
import { getLang, onLangChange, t, type MessageKey } from '../i18n.ts'
import type { Page } from '../router.ts'

type OrgRole = 'member' | 'lawyer' | 'admin'
interface OrgMember {
  userId: string
  email: string
  displayName: string
  role: OrgRole
}
interface ClauseVersion {
  clause: ClauseRecord
  approval?: { by: string; byName: string; at: string; note: string } | null
  createdAt?: string
}

const ROLE_LABEL: Record<OrgRole, MessageKey> = { member: 'orgRoleMember', lawyer: 'orgRoleLawyer', admin: 'orgRoleAdmin' }
const PARAM_LABEL: Record<ClauseParam['type'], MessageKey> = {
  text: 'orgParamText',
  number: 'orgParamNumber',
  months: 'orgParamMonths',
  amount_sek: 'orgParamAmount',
  date: 'orgParamDate',
  party: 'orgParamParty',
  list: 'orgParamList',
  year: 'orgParamYear',
  month: 'orgParamMonth',
  year_month: 'orgParamYearMonth',
  choice: 'orgParamChoice',
  orgnr: 'orgParamOrgNr',
  rows: 'orgParamRows',
  signatories: 'orgParamSignatories',
  threshold_sek: 'orgParamThreshold',
}

/** A clause's text as people read it: `{notice_months}` becomes ⟨Uppsägningstid (månader)⟩, the parameter's label. */
function readable(clause: ClauseRecord, lang: 'sv' | 'en'): string {
  return clause.text[lang].replace(/\{([a-z][a-z0-9_]*)\}/g, (whole, name: string) => {
    const param = clause.parameters.find((p) => p.name === name)
    return param ? `⟨${param.label[lang]}⟩` : whole
  })
}

const base = (orgId: string): string => `/api/organisations/${encodeURIComponent(orgId)}`

/**
 * `/org/<id>`: one organisation. Members and their roles (admins change them), the organisation's
 * own clauses with every version, the word diff to the previous version and the lawyer's approval
 * with a note, a new version written with a field per parameter, and the organisation's templates.
 */
export function orgPage({ orgId }: { orgId: string }): Page {
  const heading = h('h1', {}, t('orgPageLoading'))
  const roleLine = h('p', { class: 'muted org-role' })
  const status = h('p', { class: 'error', attrs: { role: 'alert', hidden: true } })
  const membersSection = h('section', { class: 'card org-members', attrs: { 'aria-labelledby': 'org-members-title' } })
  const clausesSection = h('section', { class: 'card org-clauses', attrs: { 'aria-labelledby': 'org-clauses-title' } })
  const templatesSection = h('section', { class: 'card org-templates', attrs: { 'aria-labelledby': 'org-templates-title' } })
  const element = h(
    'div',
    { class: 'org-page list-page' },
    h('a', { class: 'back-link', attrs: { href: '/', 'data-route': true } }, h('span', { attrs: { 'aria-hidden': 'true' } }, '← '), h('span', { text: 'orgPageBack' })),
    h('header', { class: 'org-head' }, heading, roleLine),
    status,
    membersSection,
    clausesSection,
    templatesSection,
  )

  let org: Organisation | null = null
  let members: OrgMember[] = []
  let clauses: ClauseVersion[] = []
  let templates: TemplateSummary[] = []
  const openClauses = new Set<string>()
  let destroyed = false

  const fail = (err: unknown): void => {
    status.hidden = false
    status.textContent = t('orgError', { message: errorText(err) })
  }
  const role = (): OrgRole => (org?.role ?? 'member') as OrgRole

  const load = async (): Promise<void> => {
    try {
      const [o, m, c, tpl] = await Promise.all([
        request<Organisation>('GET', base(orgId)),
        request<{ members: OrgMember[] }>('GET', `${base(orgId)}/members`),
        request<{ clauses: ClauseVersion[] }>('GET', `${base(orgId)}/clauses`),
        request<{ templates: TemplateSummary[] }>('GET', `${base(orgId)}/templates`),
      ])
      if (destroyed) return
      org = o
      members = m.members
      clauses = c.clauses
      templates = tpl.templates
      status.hidden = true
      render()
    } catch (err) {
      if (!destroyed) fail(err)
    }
  }

  const render = (): void => {
    if (!org) return
    heading.textContent = org.name
    document.title = `${org.name} – ${t('appName')}`
    roleLine.textContent = t('orgPageYourRole', { role: t(ROLE_LABEL[role()]) })
    renderMembers()
    void renderClauses()
    renderTemplates()
  }

  const renderMembers = (): void => {
    const admin = role() === 'admin'
    const rows = members.map((m) => {
      const select = h('select', { class: 'input org-member-role', attrs: { 'aria-label': t('orgMembersRoleLabel', { name: m.displayName }), disabled: !admin } })
      select.append(...(['member', 'lawyer', 'admin'] as const).map((r) => h('option', { attrs: { value: r, selected: r === m.role } }, t(ROLE_LABEL[r]))))
      select.addEventListener('change', () => {
        request('PATCH', `${base(orgId)}/members/${encodeURIComponent(m.userId)}`, { role: select.value }).then(load, (err: unknown) => {
          select.value = m.role
          fail(err)
        })
      })
      return h(
        'li',
        { class: 'org-member', attrs: { 'data-email': m.email } },
        h('span', { class: 'org-member-who' }, h('span', { class: 'member-name' }, m.displayName), h('span', { class: 'muted org-member-email' }, m.email)),
        select,
        admin
          ? h('button', {
              class: 'button button-quiet',
              text: 'orgMembersRemove',
              attrs: { type: 'button', 'aria-label': t('orgMembersRemoveLabel', { name: m.displayName }) },
              on: { click: () => void request('DELETE', `${base(orgId)}/members/${encodeURIComponent(m.userId)}`).then(load, fail) },
            })
          : null,
      )
    })
    const email = h('input', { class: 'input', attrs: { type: 'email', name: 'email', required: true, maxlength: 254, autocomplete: 'off' } })
    const newRole = h('select', { class: 'input', attrs: { name: 'role' } }, ...(['member', 'lawyer', 'admin'] as const).map((r) => h('option', { attrs: { value: r } }, t(ROLE_LABEL[r]))))
    const add = h(
      'form',
      { class: 'org-member-add' },
      h('h3', { text: 'orgMembersAddTitle' }),
      h(
        'div',
        { class: 'field-row' },
        h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgMembersEmail' }), email),
        h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgMembersRole' }), newRole),
      ),
      h('div', { class: 'form-actions' }, h('button', { class: 'button', text: 'orgMembersAdd', attrs: { type: 'submit' } })),
    )
    add.addEventListener('submit', (event) => {
      event.preventDefault()
      request('POST', `${base(orgId)}/members`, { email: email.value.trim(), role: newRole.value }).then(load, fail)
    })
    membersSection.replaceChildren(h('h2', { text: 'orgMembersTitle', attrs: { id: 'org-members-title' } }), h('ul', { class: 'org-member-list' }, ...rows), ...(admin ? [add] : []))
  }

  const approvalLine = (v: ClauseVersion): string => (v.approval ? t('orgClauseApproved', { name: v.approval.byName, date: formatDate(v.approval.at) }) : t('orgClauseDraft'))

  const renderClauses = async (): Promise<void> => {
    const lang = getLang()
    const items = await Promise.all(
      clauses.map(async (latest) => {
        const id = latest.clause.id
        const open = openClauses.has(id)
        const toggle = h('button', {
          class: 'button button-quiet org-clause-toggle',
          text: open ? 'orgClauseHide' : 'orgClauseShow',
          attrs: { type: 'button', 'aria-expanded': String(open) },
          on: {
            click: () => {
              if (open) openClauses.delete(id)
              else openClauses.add(id)
              void renderClauses()
            },
          },
        })
        const item = h(
          'li',
          { class: 'org-clause', attrs: { 'data-clause-id': id } },
          h(
            'div',
            { class: 'org-clause-head' },
            h('span', { class: 'org-clause-name' }, `${clauseSectionInfo(latest.clause.sectionId).name[lang]} · ${latest.clause.id.replace(/^org:[^/]+\//, '')}`),
            h('span', { class: 'muted org-clause-meta' }, `${t('orgClauseVersion', { version: latest.clause.version })} · ${approvalLine(latest)}`),
            toggle,
          ),
        )
        if (open) item.append(await versionsView(id))
        return item
      }),
    )
    if (destroyed) return
    clausesSection.replaceChildren(
      h('h2', { text: 'orgClausesTitle', attrs: { id: 'org-clauses-title' } }),
      h('p', { class: 'muted', text: 'orgClausesIntro' }),
      clauses.length === 0 ? h('p', { class: 'muted', text: 'orgClausesEmpty' }) : h('ul', { class: 'org-clause-list' }, ...items),
      h('details', { class: 'org-clause-new' }, h('summary', { text: 'orgClauseNew' }), clauseForm(null)),
    )
  }

  /** Every version, newest first, each with its text, the diff to the one before and the approval. */
  const versionsView = async (id: string): Promise<HTMLElement> => {
    const lang = getLang()
    let versions: ClauseVersion[]
    try {
      versions = (await request<{ versions: ClauseVersion[] }>('GET', `/api/clauses/${encodeURIComponent(id)}`)).versions
    } catch (err) {
      return h('p', { class: 'error' }, t('orgError', { message: errorText(err) }))
    }
    const canApprove = role() === 'lawyer' || role() === 'admin'
    const list = [...versions].reverse().map((v, i, newestFirst) => {
      const previous = newestFirst[i + 1]
      const diff = h('p', { class: 'org-clause-diff' })
      if (previous) {
        for (const part of diffWords(readable(previous.clause, lang), readable(v.clause, lang))) {
          diff.append(part.added ? h('ins', {}, part.value) : part.removed ? h('del', {}, part.value) : part.value)
        }
      }
      const note = h('textarea', { class: 'input', attrs: { name: 'note', rows: 2, maxlength: 2000 } })
      const approve = h(
        'form',
        { class: 'org-clause-approve' },
        h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseApproveNote' }), note),
        h('div', { class: 'form-actions' }, h('button', { class: 'button', attrs: { type: 'submit', 'data-testid': 'approve-clause-version' } }, t('orgClauseApprove', { version: v.clause.version }))),
      )
      approve.addEventListener('submit', (event) => {
        event.preventDefault()
        request('POST', `${base(orgId)}/clauses/${encodeURIComponent(id)}/versions/${v.clause.version}/approve`, { note: note.value.trim() }).then(async () => {
          await load()
          clausesSection.querySelector<HTMLElement>(`[data-clause-id="${CSS.escape(id)}"] .org-version[data-version="${v.clause.version}"] .org-version-status`)?.focus()
        }, fail)
      })
      return h(
        'li',
        { class: 'org-version', attrs: { 'data-version': v.clause.version, 'data-status': v.approval ? 'approved' : 'draft' } },
        h('h4', {}, t('orgClauseVersion', { version: v.clause.version })),
        h('p', { class: 'org-version-status', attrs: { tabindex: -1 } }, approvalLine(v)),
        v.approval?.note ? h('p', { class: 'muted' }, t('orgClauseNote', { note: v.approval.note })) : null,
        h('p', { class: 'org-clause-text' }, readable(v.clause, lang)),
        h('h5', {}, previous ? t('orgClauseDiffTitle', { version: previous.clause.version }) : t('orgClauseFirst')),
        previous ? diff : null,
        canApprove && !v.approval ? approve : null,
      )
    })
    const latest = versions[versions.length - 1]
    return h(
      'div',
      { class: 'org-versions' },
      h('ol', { class: 'org-version-list', attrs: { 'aria-label': t('orgClauseVersionsOf', { id }) } }, ...list),
      latest ? h('details', { class: 'org-clause-new-version' }, h('summary', { text: 'orgClauseNewVersion' }), clauseForm(latest.clause)) : null,
    )
  }

  /** A new clause (`basedOn` null) or the next version of one, with a row per parameter. */
  const clauseForm = (basedOn: ClauseRecord | null): HTMLElement => {
    const id = h('input', { class: 'input', attrs: { name: 'id', required: true, maxlength: 200, value: basedOn?.id ?? '', readonly: !!basedOn } })
    const section = h(
      'select',
      { class: 'input', attrs: { name: 'sectionId', disabled: !!basedOn } },
      ...SECTIONS.map((s) => h('option', { attrs: { value: s.id, selected: s.id === basedOn?.sectionId } }, s.name[getLang()])),
    )
    const textSv = h('textarea', { class: 'input', attrs: { name: 'textSv', required: true, rows: 4, maxlength: 20000 } })
    const textEn = h('textarea', { class: 'input', attrs: { name: 'textEn', required: true, rows: 4, maxlength: 20000 } })
    textSv.value = basedOn?.text.sv ?? ''
    textEn.value = basedOn?.text.en ?? ''
    const params = h('div', { class: 'org-params' })
    const addParam = (p?: ClauseParam): void => {
      const name = h('input', { class: 'input', attrs: { name: 'paramName', required: true, maxlength: 60, value: p?.name ?? '', pattern: '[a-z][a-z0-9_]*' } })
      const type = h(
        'select',
        { class: 'input', attrs: { name: 'paramType' } },
        ...(Object.keys(PARAM_LABEL) as ClauseParam['type'][]).map((k) => h('option', { attrs: { value: k, selected: k === p?.type } }, t(PARAM_LABEL[k]))),
      )
      const labelSv = h('input', { class: 'input', attrs: { name: 'paramLabelSv', required: true, maxlength: 200, value: p?.label.sv ?? '' } })
      const labelEn = h('input', { class: 'input', attrs: { name: 'paramLabelEn', required: true, maxlength: 200, value: p?.label.en ?? '' } })
      const required = h('input', { attrs: { type: 'checkbox', name: 'paramRequired', checked: p?.required ?? true } })
      const row = h(
        'fieldset',
        { class: 'org-param' },
        h('legend', {}, p?.name ?? t('orgClauseParamAdd')),
        h(
          'div',
          { class: 'field-row' },
          h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseParamName' }), name),
          h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseParamType' }), type),
        ),
        h(
          'div',
          { class: 'field-row' },
          h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseParamLabelSv' }), labelSv),
          h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseParamLabelEn' }), labelEn),
        ),
        h('label', { class: 'check' }, required, h('span', { text: 'orgClauseParamRequired' })),
        h('button', { class: 'button button-quiet', text: 'orgClauseParamRemove', attrs: { type: 'button' }, on: { click: () => row.remove() } }),
      )
      params.append(row)
    }
    for (const p of basedOn?.parameters ?? []) addParam(p)
    const message = h('p', { class: 'org-form-message', attrs: { role: 'status' } })
    const form = h(
      'form',
      { class: 'org-clause-form' },
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseId' }), id),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseSection' }), section),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseTextSv' }), textSv, h('span', { class: 'muted hint', text: 'orgClauseTextHint' })),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'orgClauseTextEn' }), textEn),
      h('h4', { text: 'orgClauseParams' }),
      params,
      h('button', { class: 'button button-secondary', text: 'orgClauseParamAdd', attrs: { type: 'button' }, on: { click: () => addParam() } }),
      message,
      h('div', { class: 'form-actions' }, h('button', { class: 'button', text: 'orgClauseSave', attrs: { type: 'submit' } })),
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      const parameters = [...params.querySelectorAll<HTMLFieldSetElement>('.org-param')].map((row) => {
        const value = (n: string): string => row.querySelector<HTMLInputElement | HTMLSelectElement>(`[name=${n}]`)!.value.trim()
        return {
          name: value('paramName'),
          type: value('paramType'),
          label: { sv: value('paramLabelSv'), en: value('paramLabelEn') },
          required: row.querySelector<HTMLInputElement>('[name=paramRequired]')!.checked,
        }
      })
      request<ClauseVersion>('POST', `${base(orgId)}/clauses`, {
        id: id.value.trim(),
        sectionId: basedOn?.sectionId ?? section.value,
        parameters,
        text: { sv: textSv.value.trim(), en: textEn.value.trim() },
        ...(basedOn ? { basedOn: basedOn.version } : {}),
      }).then(
        async (saved) => {
          openClauses.add(saved.clause.id)
          await load()
          const status = clausesSection.querySelector<HTMLElement>(`[data-clause-id="${CSS.escape(saved.clause.id)}"] .org-version[data-version="${saved.clause.version}"] .org-version-status`)
          status?.focus()
        },
        (err: unknown) => {
          message.textContent = t('orgError', { message: errorText(err) })
          message.classList.add('error')
        },
      )
    })
    return form
  }

  /** "Byt namn": the template's names in both languages. */
  const renameForm = (tpl: TemplateSummary): HTMLElement => {
    const sv = h('input', { class: 'input', attrs: { name: 'nameSv', required: true, maxlength: 200, value: tpl.name.sv } })
    const en = h('input', { class: 'input', attrs: { name: 'nameEn', required: true, maxlength: 200, value: tpl.name.en } })
    const form = h(
      'form',
      { class: 'org-template-rename' },
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'templatesUiNameSv' }), sv),
      h('label', { class: 'field' }, h('span', { class: 'field-label', text: 'templatesUiNameEn' }), en),
      h('div', { class: 'form-actions' }, h('button', { class: 'button', text: 'orgTemplateSave', attrs: { type: 'submit' } })),
    )
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      request('PATCH', `/api/templates/${encodeURIComponent(tpl.id)}`, { name: { sv: sv.value.trim(), en: en.value.trim() } }).then(load, fail)
    })
    return h('details', { class: 'org-template-edit' }, h('summary', { text: 'orgTemplateEdit' }), form)
  }

  const renderTemplates = (): void => {
    const canDelete = role() === 'lawyer' || role() === 'admin'
    templatesSection.replaceChildren(
      h('h2', { text: 'orgTemplatesTitle', attrs: { id: 'org-templates-title' } }),
      templates.length === 0
        ? h('p', { class: 'muted', text: 'orgTemplatesEmpty' })
        : h(
            'ul',
            { class: 'template-list' },
            ...templates.map((tpl) =>
              h(
                'li',
                { class: 'template-row', attrs: { 'data-template-id': tpl.id } },
                h(
                  'span',
                  { class: 'template-text' },
                  h('span', { class: 'template-name' }, tpl.name[getLang()]),
                  h('span', { class: 'muted template-meta' }, plural(tpl.items.length, { one: 'orgTemplateClausesOne', other: 'orgTemplateClausesOther' })),
                ),
                renameForm(tpl),
                canDelete
                  ? h('button', {
                      class: 'button button-quiet',
                      text: 'orgTemplateDelete',
                      attrs: { type: 'button', 'aria-label': t('orgTemplateDeleteLabel', { name: tpl.name[getLang()] }) },
                      on: { click: () => void request('DELETE', `/api/templates/${encodeURIComponent(tpl.id)}`).then(load, fail) },
                    })
                  : null,
              ),
            ),
          ),
    )
  }

  const offLang = onLangChange(render)
  void load()
  return {
    element,
    destroy() {
      destroyed = true
      offLang()
    },
  }
}
