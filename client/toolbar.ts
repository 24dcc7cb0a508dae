import { Plugin, type Command, type EditorState } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { redoCommand, undoCommand } from 'y-prosemirror'
import { SECTIONS, isSectionId, type Lang } from '../schema/index.ts'
import { h } from './dom.ts'
import { getLang, onLangChange, t, type MessageKey } from './i18n.ts'
import { insertSection, isBlockActive, isListActive, isMarkActive, setHeading, setParagraph, toggleEm, toggleList, toggleStrong } from './editor/commands.ts'
import { deleteSectionButton, duplicateSectionPrompt } from './editor/section-tools.ts'

interface ToolButton {
  label: MessageKey
  icon: string
  command: Command
  active?: (state: EditorState) => boolean
}

const BUTTON_GROUPS: ToolButton[][] = [
  [
    { label: 'paragraph', icon: '¶', command: setParagraph, active: (s) => isBlockActive(s, 'paragraph') },
    { label: 'heading2', icon: 'H2', command: setHeading(2), active: (s) => isBlockActive(s, 'heading', { level: 2 }) },
    { label: 'heading3', icon: 'H3', command: setHeading(3), active: (s) => isBlockActive(s, 'heading', { level: 3 }) },
  ],
  [
    { label: 'bold', icon: 'B', command: toggleStrong, active: (s) => isMarkActive(s, 'strong') },
    { label: 'italic', icon: 'I', command: toggleEm, active: (s) => isMarkActive(s, 'em') },
  ],
  [
    { label: 'bulletList', icon: '•', command: toggleList('bullet_list'), active: (s) => isListActive(s, 'bullet_list') },
    { label: 'orderedList', icon: '1.', command: toggleList('ordered_list'), active: (s) => isListActive(s, 'ordered_list') },
  ],
  [
    { label: 'undo', icon: '↶', command: undoCommand },
    { label: 'redo', icon: '↷', command: redoCommand },
  ],
]

/**
 * The formatting toolbar. It lives outside the editable area but is a plugin view, so its buttons
 * reflect every state change (active marks, what can be applied where the cursor is).
 * `documentLang` decides the language of an inserted section's heading: the agreement's, not the UI's.
 */
export function createToolbar(documentLang: () => Lang): { element: HTMLElement; plugin: Plugin; destroy: () => void } {
  let view: EditorView | null = null
  const run = (command: Command): void => {
    if (!view) return
    command(view.state, view.dispatch, view)
    view.focus()
  }

  // `editable` is false when the page became read-only (final close): every control is off then.
  const refreshers: ((state: EditorState, editable: boolean) => void)[] = []
  const groups = BUTTON_GROUPS.map((group) =>
    h(
      'div',
      { class: 'toolbar-group' },
      ...group.map((tool) => {
        const button = h(
          'button',
          {
            class: `tool tool-${tool.label}`,
            i18nAttrs: { title: tool.label, 'aria-label': tool.label },
            attrs: { type: 'button', 'data-tool': tool.label },
            // Keep the editor's selection: a focused button would collapse it before the command runs.
            on: { mousedown: (e) => e.preventDefault(), click: () => run(tool.command) },
          },
          tool.icon,
        )
        refreshers.push((state, editable) => {
          const active = tool.active?.(state) ?? false
          // "Paragraph" on a paragraph cannot apply, yet it is the current choice, not an unavailable one.
          button.disabled = !editable || (!active && !tool.command(state))
          if (tool.active) button.setAttribute('aria-pressed', String(active))
        })
        return button
      }),
    ),
  )

  const select = h('select', { class: 'section-select', i18nAttrs: { 'aria-label': 'insertSectionLabel' } })
  const renderOptions = (): void => {
    const chosen = select.value
    const lang = getLang()
    select.replaceChildren(h('option', { attrs: { value: '' } }, t('insertSectionPick')), ...SECTIONS.map((s) => h('option', { attrs: { value: s.id } }, `${s.name[lang]} (${t(s.level)})`)))
    select.value = chosen
  }
  renderOptions()
  const offLang = onLangChange(renderOptions)
  const insertButton = h('button', {
    class: 'button button-secondary insert-section',
    text: 'insertSection',
    attrs: { type: 'button' },
    on: {
      mousedown: (e) => e.preventDefault(),
      click: () => {
        const kind = select.value
        if (!isSectionId(kind)) {
          select.focus()
          return
        }
        if (view && prompt.offer(view, kind, () => run(insertSection(kind, documentLang())))) return
        run(insertSection(kind, documentLang()))
        select.value = ''
      },
    },
  })
  refreshers.push((state, editable) => {
    select.disabled = !editable
    insertButton.disabled = !editable || !insertSection('activities', 'sv', () => '')(state)
  })

  // Inserting a kind that is already there says so and offers to go there instead.
  const prompt = duplicateSectionPrompt(() => (select.value = ''))
  const removeSection = deleteSectionButton(() => view)
  refreshers.push(removeSection.refresh)

  const element = h(
    'div',
    { class: 'toolbar', attrs: { role: 'toolbar' }, i18nAttrs: { 'aria-label': 'toolbarLabel' } },
    ...groups,
    h('div', { class: 'toolbar-group toolbar-insert' }, select, insertButton, removeSection.element),
    prompt.element,
  )

  const plugin = new Plugin({
    view(editorView) {
      view = editorView
      const refresh = (v: EditorView): void => refreshers.forEach((r) => r(v.state, v.editable))
      refresh(editorView)
      return {
        update: (v: EditorView) => {
          refresh(v)
          prompt.refresh(v)
        },
        destroy: () => {
          view = null
        },
      }
    },
  })
  return { element, plugin, destroy: offLang }
}
