import { Plugin, PluginKey, Selection, TextSelection, type EditorState } from 'prosemirror-state'
import { Decoration, DecorationSet, type EditorView } from 'prosemirror-view'
import { t } from './i18n.ts'

interface CaretState {
  focused: boolean
  /** Whether the view was read-only when it took focus (a role change refocuses anyway). */
  readOnly: boolean
  /** The selection was made with the keys here, so the browser shows none: we draw it. */
  keyboard: boolean
}

const key = new PluginKey<CaretState>('readOnlyCaret')

/**
 * A caret and keyboard selection in the read-only document. A reviewer cannot type, but must be able
 * to select words to comment on without a mouse; browsers offer no caret in text that is not
 * editable, so the document is focusable, the arrow keys (with Shift to select, Ctrl for words,
 * Home/End, Ctrl+Home/End, Ctrl+A) move ProseMirror's selection, and the caret and the selected
 * range are drawn as decorations. Selection-only transactions: the text is never touched, so the
 * read-only guard has nothing to veto.
 */
export function readOnlyCaret(): Plugin<CaretState> {
  let goalX: number | null = null
  const plugin: Plugin<CaretState> = new Plugin<CaretState>({
    key,
    state: {
      init: () => ({ focused: false, readOnly: false, keyboard: false }),
      apply(tr, value) {
        const meta = tr.getMeta(key) as Partial<CaretState> | undefined
        if (meta) return { ...value, ...meta }
        // A selection made another way (the mouse, a panel) is shown by the browser again.
        if (tr.selectionSet && value.keyboard) return { ...value, keyboard: false }
        return value
      },
    },
    props: {
      attributes: (state: EditorState) => ({
        tabindex: '0',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': t('layoutDocumentLabel'),
        'data-caret': key.getState(state)?.keyboard ? 'keyboard' : 'native',
      }),
      decorations(state) {
        const caret = key.getState(state)
        if (!caret?.focused || !caret.readOnly) return null
        const { selection } = state
        const decorations: Decoration[] = []
        if (caret.keyboard && !selection.empty) {
          decorations.push(Decoration.inline(selection.from, selection.to, { class: 'ro-selection' }))
        }
        if (selection instanceof TextSelection || selection.empty) {
          decorations.push(Decoration.widget(selection.head, caretElement, { key: 'ro-caret', side: selection.head < selection.anchor ? -1 : 1, ignoreSelection: true, marks: [] }))
        }
        return DecorationSet.create(state.doc, decorations)
      },
      handleDOMEvents: {
        focus: (view) => {
          view.dispatch(view.state.tr.setMeta(key, { focused: true, readOnly: !view.editable }).setMeta('addToHistory', false))
          return false
        },
        blur: (view) => {
          view.dispatch(view.state.tr.setMeta(key, { focused: false }).setMeta('addToHistory', false))
          return false
        },
        copy: (view, event) => {
          const caret = key.getState(view.state)
          if (view.editable || !caret?.keyboard || view.state.selection.empty || !event.clipboardData) return false
          const { from, to } = view.state.selection
          event.clipboardData.setData('text/plain', view.state.doc.textBetween(from, to, '\n'))
          event.preventDefault()
          return true
        },
        keydown: (view, event) => {
          if (view.editable || event.altKey || event.metaKey) return false
          const next = move(view, event, goalX)
          if (!next) return false
          goalX = next.goalX
          event.preventDefault()
          const { state } = view
          const $head = state.doc.resolve(next.head)
          const selection = event.shiftKey && !next.all ? TextSelection.between(state.selection.$anchor, $head) : next.all ? next.all : Selection.near($head)
          // The browser's own selection (from an earlier click) would stay painted beside ours.
          const dom = getSelection()
          if (dom && dom.rangeCount > 0 && view.dom.contains(dom.anchorNode)) dom.removeAllRanges()
          view.dispatch(state.tr.setSelection(selection).setMeta(key, { keyboard: true, focused: true, readOnly: true }).scrollIntoView())
          // ProseMirror scrolls only an editable view to its selection; the drawn caret is ours to show.
          view.dom.querySelector('.ro-caret')?.scrollIntoView({ block: 'nearest' })
          return true
        },
      },
    },
  })
  return plugin
}

function caretElement(): HTMLElement {
  const el = document.createElement('span')
  el.className = 'ro-caret'
  el.setAttribute('aria-hidden', 'true')
  return el
}

const isWordChar = (ch: string): boolean => /[\p{L}\p{N}_]/u.test(ch)

/** Where the keys take the head; `null` for keys that are not movement. */
function move(view: EditorView, event: KeyboardEvent, goalX: number | null): { head: number; goalX: number | null; all?: Selection } | null {
  const { state } = view
  const { doc } = state
  const head = state.selection.head
  const $head = doc.resolve(head)
  const ctrl = event.ctrlKey
  switch (event.key) {
    case 'a':
    case 'A':
      if (!ctrl || event.shiftKey) return null
      return { head, goalX: null, all: TextSelection.between(Selection.atStart(doc).$from, Selection.atEnd(doc).$to) }
    case 'ArrowLeft':
    case 'ArrowRight': {
      const dir = event.key === 'ArrowRight' ? 1 : -1
      return { head: ctrl ? wordStep(state, head, dir) : charStep(state, head, dir), goalX: null }
    }
    case 'Home':
      return { head: ctrl ? Selection.atStart(doc).head : $head.parent.inlineContent ? $head.start() : head, goalX: null }
    case 'End':
      return { head: ctrl ? Selection.atEnd(doc).head : $head.parent.inlineContent ? $head.end() : head, goalX: null }
    case 'ArrowUp':
    case 'ArrowDown':
    case 'PageUp':
    case 'PageDown': {
      if (ctrl) return null
      const dir = event.key === 'ArrowDown' || event.key === 'PageDown' ? 1 : -1
      const page = event.key.startsWith('Page')
      const coords = view.coordsAtPos(head)
      const x = goalX ?? coords.left
      const lineHeight = Math.max(8, coords.bottom - coords.top)
      const distance = page ? Math.max(lineHeight, innerHeight * 0.8) : lineHeight / 2 + 2
      // Badges and margins between blocks can swallow a short step: try a little further each time.
      for (let attempt = 1; attempt <= 8; attempt++) {
        const y = dir > 0 ? coords.bottom + distance * attempt : coords.top - distance * attempt
        const found = view.posAtCoords({ left: x, top: Math.max(0, Math.min(y, innerHeight - 1)) })
        if (found && found.pos !== head) {
          const near = Selection.near(doc.resolve(found.pos), dir)
          if (dir > 0 ? near.head > head : near.head < head) return { head: near.head, goalX: x }
        }
        if (y < 0 || y > innerHeight) {
          // Off screen: step by blocks instead; the transaction scrolls the caret into view.
          return { head: charStep(state, dir > 0 ? ($head.parent.inlineContent ? $head.end() : head) : $head.parent.inlineContent ? $head.start() : head, dir), goalX: x }
        }
      }
      return { head, goalX: x }
    }
    default:
      return null
  }
}

/** One character left or right, across block boundaries (exported for tests). */
export function charStep(state: EditorState, head: number, dir: 1 | -1): number {
  const $head = state.doc.resolve(head)
  if ($head.parent.inlineContent) {
    if (dir > 0 ? head < $head.end() : head > $head.start()) return head + dir
    const beyond = dir > 0 ? $head.after() : $head.before()
    const found = Selection.findFrom(state.doc.resolve(beyond), dir, true)
    return found ? found.head : head
  }
  const found = Selection.findFrom($head, dir, true)
  return found ? found.head : head
}

/** To the next word's end (→) or this word's start (←), as Ctrl+arrow does in text fields. */
export function wordStep(state: EditorState, head: number, dir: 1 | -1): number {
  const $head = state.doc.resolve(head)
  if (!$head.parent.inlineContent) return charStep(state, head, dir)
  const start = $head.start()
  const text = $head.parent.textBetween(0, $head.parent.content.size, undefined, '\ufffc')
  let at = head - start
  if (dir > 0 ? at >= text.length : at <= 0) return charStep(state, head, dir)
  const charAt = (i: number): string => text[i] ?? ''
  if (dir > 0) {
    while (at < text.length && !isWordChar(charAt(at))) at++
    while (at < text.length && isWordChar(charAt(at))) at++
  } else {
    while (at > 0 && !isWordChar(charAt(at - 1))) at--
    while (at > 0 && isWordChar(charAt(at - 1))) at--
  }
  return start + at
}
