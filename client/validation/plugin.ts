import type { Node as PMNode } from 'prosemirror-model'
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state'
import { Mapping } from 'prosemirror-transform'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import type { Lang, SectionId } from '../../schema/index.ts'
import type { RegisteredParty, ValidationReport } from '../../schema/validator/index.ts'
import { t } from '../i18n.ts'
import type { SectionBadge } from './panel-model.ts'
import { idleScheduler } from './idle-scheduler.ts'
import { pointerHeld } from './pointer.ts'
import { createValidatorRunner, runnerTimings, type RunnerKind, type ValidatorRunner } from './validator-runner.ts'

declare global {
  interface Window {
    /** For the benchmark and end-to-end tests only: main-thread cost of the validator's plumbing, in ms. */
    __overensValidationTimings?: { source: RunnerKind; postMs: number; sent: number; sentTotal: number; applyMs: number; markersMs: number; panelMs: number; runs: number }
    /** The validation plugin's own time per document change (mapping its markers), last samples, ms. */
    __overensValidationKeystrokes?: number[]
  }
}

export interface ValidationResult {
  report: ValidationReport
  /** Where each detected section starts, in the document the report was made from. */
  positions: Map<SectionId, number>
  /** The document the report describes; compare with the current one to know whether it is stale. */
  doc: PMNode
  /** How long validateAgreement + locateSections took, in ms (for the benchmark, and for curiosity). */
  cost: number
  /** Where it ran: in the validator worker, or on the main thread (no Worker, or the worker failed). */
  source: RunnerKind
}

interface PluginState {
  result: ValidationResult | null
  /** The result's incomplete sections after the group's marks: what the badges and the outline show. */
  badges: SectionBadge[]
  decorations: DecorationSet
}

/** A result with the steps from its document to the one it is applied to (empty when it is fresh). */
interface Delivery {
  result: ValidationResult
  mapping: Mapping
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
  /** Where validation runs; by default a module worker, with the main thread as the fallback. */
  runner?: () => ValidatorRunner
}

/**
 * Validates the agreement a moment after edits pause (local or a co-author's, both arrive as
 * transactions) and marks incomplete sections in the text. Between runs the last result stays and its
 * markers move with the text, so typing never waits for the validator.
 */
export function validationPlugin({ lang, parties, onResult, badges, delay = 250, runner: makeRunner = createValidatorRunner }: ValidationPluginOptions): {
  plugin: Plugin<PluginState>
  revalidate: () => void
  redecorate: () => void
} {
  let current: EditorView | null = null
  let runner: ValidatorRunner | null = null
  /** The run in progress: its document and the steps taken since, so a late result still lands right. */
  let inFlight: { doc: PMNode; mapping: Mapping } | null = null
  let again = false
  const run = (): void => {
    const view = current
    if (!view || !runner) return
    if (inFlight) {
      // One run at a time; the edits made meanwhile are validated as soon as it returns.
      again = true
      return
    }
    const doc = view.state.doc
    const flight = { doc, mapping: new Mapping() }
    inFlight = flight
    void runner.run(doc, lang(), parties?.() ?? []).then((outcome) => {
      if (inFlight !== flight) return
      inFlight = null
      const view = current
      if (!view) return
      const result: ValidationResult = { report: outcome.report, positions: outcome.positions, doc, cost: outcome.cost, source: outcome.source }
      const start = performance.now()
      view.dispatch(view.state.tr.setMeta(validationKey, { result, mapping: flight.mapping } satisfies Delivery))
      const applied = performance.now()
      onResult(result, view)
      recordTimings(outcome.source, applied - start, performance.now() - applied)
      if (again) {
        // Asked for while this run was out (a language switch, new parties, or the quiet period ended).
        again = false
        run()
      }
    })
  }
  let pointer: ReturnType<typeof pointerHeld> | null = null
  const scheduler = idleScheduler(run, { delay, blocked: () => pointer?.held() ?? false })

  const plugin = new Plugin<PluginState>({
    key: validationKey,
    state: {
      init: () => ({ result: null, badges: [], decorations: DecorationSet.empty }),
      apply(tr, prev) {
        const delivery = tr.getMeta(validationKey) as Delivery | undefined
        if (delivery) {
          const start = performance.now()
          const shown = badges(delivery.result)
          const decorations = markers(delivery.result, tr.doc, delivery.mapping, shown)
          pluginTimings.markersMs = performance.now() - start
          return { result: delivery.result, badges: shown, decorations }
        }
        if (!tr.docChanged) return prev
        const start = performance.now()
        if (inFlight) inFlight.mapping.appendMapping(tr.mapping)
        const next = { ...prev, decorations: prev.decorations.map(tr.mapping, tr.doc) }
        recordKeystroke(performance.now() - start)
        return next
      },
    },
    props: {
      decorations: (state) => validationKey.getState(state)?.decorations ?? null,
      // Lets tests (and anyone curious in devtools) tell a settled report from a pending one.
      // `data-validation-source` says where the last result was computed: "worker" or "main".
      attributes: (state): Record<string, string> => {
        const result = validationKey.getState(state)?.result
        const attrs: Record<string, string> = { 'data-validation': result?.doc === state.doc ? 'fresh' : 'pending' }
        if (result) attrs['data-validation-source'] = result.source
        return attrs
      },
    },
    view(view) {
      current = view
      runner ??= makeRunner()
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
          inFlight = null
          runner?.destroy()
          runner = null
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
      if (current && result && result.doc === current.state.doc) current.dispatch(current.state.tr.setMeta(validationKey, { result, mapping: new Mapping() } satisfies Delivery))
    },
  }
}

/** This plugin's own work per document change (keystroke) and per result, for the benchmark. */
const pluginTimings = { markersMs: 0, keystrokes: [] as number[] }
const KEYSTROKE_SAMPLES = 1000

function recordKeystroke(ms: number): void {
  const k = pluginTimings.keystrokes
  if (k.length >= KEYSTROKE_SAMPLES) k.shift()
  k.push(ms)
  if (typeof window !== 'undefined') window.__overensValidationKeystrokes = k
}

/** Posting the changed blocks, applying the result as decorations, and the panel's render, per run. */
function recordTimings(source: RunnerKind, applyMs: number, panelMs: number): void {
  if (typeof window === 'undefined') return
  const previous = window.__overensValidationTimings
  const runs = (previous?.runs ?? 0) + 1
  // A run for new parties or a language sends no blocks: the total tells whether the first run sent them all.
  const sentTotal = (previous?.sentTotal ?? 0) + runnerTimings.lastSent
  window.__overensValidationTimings = {
    source,
    postMs: source === 'worker' ? runnerTimings.lastPostMs : 0,
    sent: runnerTimings.lastSent,
    sentTotal,
    applyMs,
    markersMs: pluginTimings.markersMs,
    panelMs,
    runs,
  }
}

/**
 * A quiet amber edge on each incomplete section and a small badge after its heading (a quieter one
 * where the group's marks complete it). A result made from an older document (the worker answered
 * while someone typed) is placed through the steps taken since; a section whose start was deleted
 * meanwhile gets no marker until the next run.
 */
function markers({ positions, doc }: ValidationResult, current: PMNode, mapping: Mapping, badges: SectionBadge[]): DecorationSet {
  const stale = doc !== current
  const decorations: Decoration[] = []
  for (const section of badges) {
    const at = positions.get(section.id)
    if (at === undefined) continue
    let pos = at
    if (stale) {
      const mapped = mapping.mapResult(at, 1)
      if (mapped.deletedAfter) continue
      pos = mapped.pos
    }
    const node = current.nodeAt(pos)
    if (!node) continue
    if (section.state === 'incomplete') {
      decorations.push(Decoration.node(pos, pos + node.nodeSize, { class: `validation-incomplete validation-${section.level}`, 'data-validation': section.id }))
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
