import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { absolutePositionToRelativePosition, initProseMirrorDoc, prosemirrorToYXmlFragment } from 'y-prosemirror'
import type { Node as PMNode } from 'prosemirror-model'
import { schema } from '../../../schema/schema.ts'
import { YJS_ROOT } from '../../../schema/version.ts'
import type { Suggestion } from '../../../schema/suggestion-types.ts'
import { buildClauseNode, builtinLibrary, detectDeviation } from '../../../clause-library/index.ts'
import { canonicalContent } from '../../../server/agreements/yjs-content.ts'
import { placeOpenSuggestions } from '../../../server/suggestions/open-suggestions.ts'
import { applyToRange, rangeText, resolveRange } from '../../../server/suggestions/yjs-range.ts'

const { nodes: n } = schema
const text = (t: string, marks: string[] = []) =>
  schema.text(
    t,
    marks.map((m) => schema.marks[m]!.create()),
  )
const p = (...content: PMNode[]) => n.paragraph!.create(null, content)

const clauseRecord = builtinLibrary().get('termination.changed_conditions')!
const clause = buildClauseNode(clauseRecord, { short_notice_months: 3, cost_split_rule: 'lika delar' }, 'sv', 'clause-1')

function agreement(): PMNode {
  return n.doc!.create(null, [
    n.title!.create(null, [text('IOP Läxhjälp')]),
    n.section!.create({ kind: 'termination', uid: 'sec-term' }, [
      n.heading!.create({ level: 2 }, [text('Uppsägning')]),
      p(text('Uppsägningstiden är '), text('sex', ['strong']), text(' månader.'), n.hard_break!.create(), text('Andra raden.')),
      p(),
      clause,
    ]),
  ])
}

/** A Y.Doc holding the agreement, and a function making anchors the way the browser does. */
function setUp() {
  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment(YJS_ROOT)
  prosemirrorToYXmlFragment(agreement(), fragment)
  const anchorsFor = () => {
    const { doc: pm, mapping } = initProseMirrorDoc(fragment, schema)
    const encode = (pos: number) => Buffer.from(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, fragment, mapping as never))).toString('base64')
    const find = (phrase: string): number => {
      let at = -1
      pm.descendants((node, pos) => {
        if (at >= 0) return false
        if (node.isText && node.text!.includes(phrase)) at = pos + node.text!.indexOf(phrase)
        return true
      })
      if (at < 0) throw new Error(`${phrase} not found`)
      return at
    }
    return { pm, encode, find }
  }
  return { doc, fragment, anchorsFor }
}

let seq = 0
function suggestion(anchor: { start: string; end: string }, originalText: string, proposed: string): Suggestion {
  seq++
  return {
    id: `s${seq}`,
    kind: originalText === '' ? 'insert' : proposed === '' ? 'delete' : 'replace',
    anchor,
    originalText,
    text: proposed,
    authorId: 'u1',
    authorName: 'Rune Jurist',
    authorParty: 'Växjö kommun',
    createdAt: `2026-11-29T10:00:0${seq % 10}.000Z`,
    status: 'open',
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    outdated: false,
  }
}

/** The canonical ProseMirror document, as the export reads it. */
const canonical = (doc: Y.Doc) => schema.nodeFromJSON(canonicalContent(doc).json)

describe('placeOpenSuggestions', () => {
  it('places replacements, deletions and insertions by block path and offsets that match the canonical document', () => {
    const { doc, anchorsFor } = setUp()
    const { encode, find } = anchorsFor()
    const sex = find('sex')
    const replace = suggestion({ start: encode(sex), end: encode(sex + 3) }, 'sex', 'tre')
    const second = find('Andra raden.')
    const del = suggestion({ start: encode(second), end: encode(second + 'Andra '.length) }, 'Andra ', '')
    const end = find('Andra raden.') + 'Andra raden.'.length
    const insertAtEnd = suggestion({ start: encode(end), end: encode(end) }, '', ' Tredje.')
    const notice = find('uppsägningstid. Kostnader')
    const inClause = suggestion({ start: encode(notice), end: encode(notice + 'uppsägningstid'.length) }, 'uppsägningstid', 'varseltid')

    const placed = placeOpenSuggestions(doc, [insertAtEnd, inClause, del, replace])
    // Document order, whatever order they were made in.
    expect(placed.map((s) => s.id)).toEqual([replace.id, del.id, insertAtEnd.id, inClause.id])

    const pm = canonical(doc)
    const json = canonicalContent(doc).json as { content: unknown[] }
    for (const s of placed) {
      expect(pm.textBetween(s.from, s.to)).toBe(s.originalText)
      // The block path leads to the textblock holding [from, to], and offsets count inside it.
      let block: PMNode = pm
      for (const i of s.blockPath) block = block.child(i)
      expect(block.isTextblock).toBe(true)
      const $from = pm.resolve(s.from)
      expect($from.parent).toBe(block)
      expect($from.parentOffset).toBe(s.fromOffset)
      expect(pm.resolve(s.to).parentOffset).toBe(s.toOffset)
      expect(s.authorName).toBe('Rune Jurist')
      expect(s.createdAt).toMatch(/^2026-11-29T10/)
    }
    expect(json.content.length).toBe(2)
    expect(placed[0]).toMatchObject({ kind: 'replace', text: 'tre', blockPath: [1, 1], fromOffset: 'Uppsägningstiden är '.length })
    // After the line break: text 'Uppsägningstiden är sex månader.' (32) + hard break (1).
    expect(placed[1]).toMatchObject({ kind: 'delete', blockPath: [1, 1], fromOffset: 'Uppsägningstiden är sex månader.'.length + 1 })
    expect(placed[2]).toMatchObject({ kind: 'insert', text: ' Tredje.', fromOffset: placed[2]!.toOffset })
    expect(placed[3]!.blockPath.length).toBe(3)
  })

  it('places an insertion into an empty paragraph', () => {
    const { doc, anchorsFor } = setUp()
    const { pm, encode } = anchorsFor()
    let emptyAt = -1
    pm.descendants((node, pos) => {
      if (emptyAt < 0 && node.type.name === 'paragraph' && node.content.size === 0) emptyAt = pos + 1
      return emptyAt < 0
    })
    const s = suggestion({ start: encode(emptyAt), end: encode(emptyAt) }, '', 'Ny mening.')
    const [placed] = placeOpenSuggestions(doc, [s])
    expect(placed).toMatchObject({ blockPath: [1, 2], fromOffset: 0, toOffset: 0, from: emptyAt, to: emptyAt })
    const range = resolveRange(doc, s.anchor)!
    applyToRange(doc, range, s.text, 'test')
    expect(canonical(doc).child(1).child(2).textContent).toBe('Ny mening.')
  })

  it('leaves out outdated suggestions, ones whose text is gone, decided ones, and ranges across a line break', () => {
    const { doc, fragment, anchorsFor } = setUp()
    const { encode, find } = anchorsFor()
    const sex = find('sex')
    const replace = suggestion({ start: encode(sex), end: encode(sex + 3) }, 'sex', 'tre')
    const manader = find(' månader.')
    const across = suggestion({ start: encode(manader), end: encode(find('Andra') + 5) }, ' månader.Andra', 'x')
    const rejected = { ...suggestion({ start: encode(sex), end: encode(sex + 3) }, 'sex', 'fyra'), status: 'rejected' as const }
    const title = find('IOP')
    const titleEdit = suggestion({ start: encode(title), end: encode(title + 3) }, 'IOP', 'Avtal')
    expect(placeOpenSuggestions(doc, [replace, across, rejected, titleEdit]).map((s) => s.id)).toEqual([titleEdit.id, replace.id])

    // A drafter changes "sex" to "sju" directly: the suggestion made against "sex" is outdated.
    const paragraph = (fragment.get(1) as Y.XmlElement).get(1) as Y.XmlElement
    const run = paragraph.get(0) as Y.XmlText
    const at = 'Uppsägningstiden är '.length
    run.delete(at, 3)
    run.insert(at, 'sju', { strong: {} })
    // The title is deleted altogether: its suggestion's text is gone.
    fragment.delete(0, 1)
    expect(placeOpenSuggestions(doc, [replace, titleEdit])).toEqual([])
  })
})

describe('applyToRange', () => {
  it('replaces with the marks of the replaced text and leaves marks of neighbours alone', () => {
    const { doc, anchorsFor } = setUp()
    const { encode, find } = anchorsFor()
    const sex = find('sex')
    const range = resolveRange(doc, { start: encode(sex), end: encode(sex + 3) })!
    expect(rangeText(range)).toBe('sex')
    applyToRange(doc, range, 'tre', 'test')
    const para = canonical(doc).child(1).child(1)
    expect(para.textContent).toBe('Uppsägningstiden är tre månader.Andra raden.')
    const bold: string[] = []
    para.forEach((child) => {
      if (child.marks.some((m) => m.type.name === 'strong')) bold.push(child.text ?? '')
    })
    expect(bold).toEqual(['tre'])
  })

  it('does not extend a clause parameter by text inserted right after it, and an accepted edit makes the clause deviate', () => {
    const { doc, anchorsFor } = setUp()
    const { pm, encode } = anchorsFor()
    // The end of the cost_split_rule parameter value.
    let paramEnd = -1
    pm.descendants((node, pos) => {
      if (node.isText && node.marks.some((m) => m.type.name === 'param' && m.attrs.name === 'cost_split_rule')) paramEnd = pos + node.nodeSize
      return true
    })
    expect(detectDeviation(canonical(doc).child(1).child(3), builtinLibrary()).status).toBe('approved')
    const range = resolveRange(doc, { start: encode(paramEnd), end: encode(paramEnd) })!
    applyToRange(doc, range, ' efter överenskommelse', 'test')
    const clauseNow = canonical(doc).child(1).child(3)
    const paramText: string[] = []
    clauseNow.descendants((node) => {
      if (node.isText && node.marks.some((m) => m.type.name === 'param' && m.attrs.name === 'cost_split_rule')) paramText.push(node.text!)
      return true
    })
    expect(paramText.join('')).toBe('lika delar')
    expect(clauseNow.textContent).toContain('lika delar efter överenskommelse')
    expect(detectDeviation(clauseNow, builtinLibrary()).status).toBe('deviates')
  })
})
