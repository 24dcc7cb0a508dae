import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import type { Lang, SectionId } from '../../schema/index.ts'
import { locateSections, validateAgreement, type RegisteredParty, type ValidationReport } from '../../schema/validator/index.ts'
import { t } from '../i18n.ts'
import type { SectionBadge } from './panel-model.ts'
import { idleScheduler } from './idle-scheduler.ts'
import { pointerHeld } from './pointer.ts'

export interface ValidationResult {
  report: ValidationReport
  /** Where each detected section starts, in the document the report was made from. */
  positions: Map<SectionId, number>
  /** The document the report describes; compare with the current one to know whether it is stale. */
  doc: PMNode
  /** How long validateAgreement + locateSections took, in ms (for the benchmark, and for curiosity). */
  cost: number
}

interface PluginState {
  result: ValidationResult | null
  decorations: DecorationSet
}

export const validationKey = new PluginKey<PluginState>('validation')

export interface ValidationPluginOptions {
  /** The language of the messages: the UI's, not the agreement's. */
  lang: () => Lang
  /** The parties registered for the agreement (Parter panel); they outrank names found in the text. */
  parties?: () => readonly RegisteredParty[]
  /** Called after every run with the fresh result. */
  onResult: (result: ValidationResult, view: EditorView) => void
  /** The in-text badges for a result, their words in the UI language (panel-model.ts `sectionBadges`). */
  badges: (result: ValidationResult) => SectionBadge[]
  delay?: number
}

/**
 * Validates the agreement a moment after edits pause (local or a co-author's, both arrive as
 * transactions) and marks incomplete sections in the text. Between runs the last result stays and its
 * markers move with the text, so typing never waits for the validator.
 */
export function validationPlugin({ lang, parties, onResult, badges, delay = 250 }: ValidationPluginOptions): { plugin: Plugin<PluginState>; revalidate: () => void; redecorate: () => void } {
  let current: EditorView | null = null
  const run = (): void => {
    const view = current
    if (!view) return
    const doc = view.state.doc
    const start = performance.now()
    const report = validateAgreement(doc, { lang: lang(), parties: parties?.() ?? [] })
    const positions = locateSections(doc)
    const result: ValidationResult = { report, positions, doc, cost: performance.now() - start }
    view.dispatch(view.state.tr.setMeta(validationKey, result))
    onResult(result, view)
  }
  let pointer: ReturnType<typeof pointerHeld> | null = null
  const scheduler = idleScheduler(run, { delay, blocked: () => pointer?.held() ?? false })

  const plugin = new Plugin<PluginState>({
    key: validationKey,
    state: {
      init: () => ({ result: null, decorations: DecorationSet.empty }),
      apply(tr, prev) {
        const result = tr.getMeta(validationKey) as ValidationResult | undefined
        if (result) return { result, decorations: markers(result, tr.doc, badges(result)) }
        if (!tr.docChanged) return prev
        return { result: prev.result, decorations: prev.decorations.map(tr.mapping, tr.doc) }
      },
    },
    props: {
      decorations: (state) => validationKey.getState(state)?.decorations ?? null,
      // Lets tests (and anyone curious in devtools) tell a settled report from a pending one.
      attributes: (state): Record<string, string> => ({ 'data-validation': validationKey.getState(state)?.result?.doc === state.doc ? 'fresh' : 'pending' }),
    },
    view(view) {
      current = view
      pointer = pointerHeld(view.dom)
      // Not synchronously: dispatching while the view is still being set up is not allowed.
      scheduler.schedule()
      return {
        update(v, prevState: EditorState) {
          current = v
          if (v.state.doc !== prevState.doc) scheduler.schedule()
        },
        destroy() {
          scheduler.cancel()
          pointer?.destroy()
          pointer = null
          current = null
        },
      }
    },
  })
  return {
    plugin,
    revalidate: () => {
      scheduler.schedule()
      scheduler.flush()
    },
    // Redraws the badges of the last result (language switch, a mark set or removed) without validating again.
    redecorate: () => {
      const result = current && validationKey.getState(current.state)?.result
      if (current && result && result.doc === current.state.doc) current.dispatch(current.state.tr.setMeta(validationKey, result))
    },
  }
}

/** A quiet amber edge on each incomplete section and a small badge after its heading; a quieter one where marks complete it. */
function markers({ positions, doc }: ValidationResult, current: PMNode, badges: SectionBadge[]): DecorationSet {
  if (doc !== current) return DecorationSet.empty
  const decorations: Decoration[] = []
  for (const section of badges) {
    const pos = positions.get(section.id)
    if (pos === undefined) continue
    const node = current.nodeAt(pos)
    if (!node) continue
    if (section.state === 'incomplete') {
      decorations.push(
        Decoration.node(pos, pos + node.nodeSize, { class: `validation-incomplete validation-${section.level}`, 'data-validation': section.id }),
      )
    }
    const headingEnd = headingEndOf(node, pos)
    if (headingEnd !== null) {
      const label = t(section.state === 'incomplete' ? 'validationIncompleteBadge' : 'validatorChecklistAckBadge')
      decorations.push(
        Decoration.widget(headingEnd, () => badge(label, section.title, section.id, section.state), {
          side: 1,
          ignoreSelection: true,
          key: `validation-badge:${section.id}:${section.state}:${label}:${section.title}`,
        }),
      )
    }
  }
  return DecorationSet.create(current, decorations)
}

/** The end of the heading text that names the section: the node itself, or a section's first child. */
function headingEndOf(node: PMNode, pos: number): number | null {
  if (node.type.name === 'heading') return pos + 1 + node.content.size
  const first = node.firstChild
  if (node.type.name === 'section' && first?.type.name === 'heading') return pos + 2 + first.content.size
  return null
}

function badge(label: string, message: string, id: SectionId, state: SectionBadge['state']): HTMLElement {
  const el = document.createElement('span')
  el.className = `validation-badge validation-badge-${state}`
  el.dataset.state = state
  el.contentEditable = 'false'
  el.textContent = label
  el.title = message
  el.dataset.section = id
  return el
}
