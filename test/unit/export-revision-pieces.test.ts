import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { schema } from '../../schema/schema.ts'
import { splitAtSuggestions, trackedChanges, wordDate, type TrackedSuggestion } from '../../server/export/revisions.ts'

/** Cutting a paragraph's inline content at the boundaries of open suggestions, for Word revisions. */
const para = schema.nodeFromJSON({
  type: 'paragraph',
  content: [
    { type: 'text', text: 'Avtalet kan sägas upp med ' },
    { type: 'text', text: 'tre månaders', marks: [{ type: 'strong' }] },
    { type: 'text', text: ' uppsägningstid.' },
    { type: 'hard_break' },
    { type: 'text', text: 'Sista raden.' },
  ],
})
// Offsets: 'Avtalet kan sägas upp med ' is 0..26, 'tre månaders' 26..38, ' uppsägningstid.' 38..54, break 54, 'Sista raden.' 55..67.

const s = (fromOffset: number, toOffset: number, text: string, authorName = 'Karin Jurist', createdAt = '2026-11-30T10:00:00.123Z'): TrackedSuggestion => ({
  text,
  originalText: para.textBetween(fromOffset, toOffset),
  authorName,
  createdAt,
  blockPath: [],
  fromOffset,
  toOffset,
})
const counter = () => {
  let n = 0
  return () => ++n
}
const show = (pieces: ReturnType<typeof splitAtSuggestions>) =>
  pieces.map((p) => `${p.breakBefore ? '|' : ''}${p.revision ? (p.revision.kind === 'insert' ? '+' : '-') : ''}${p.style.bold ? '*' : ''}${p.text}`)

describe('splitAtSuggestions', () => {
  it('without suggestions gives the text as it is, the line break before the next run', () => {
    expect(show(splitAtSuggestions(para, [], counter()))).toEqual(['Avtalet kan sägas upp med ', '*tre månaders', ' uppsägningstid.', '|Sista raden.'])
  })

  it('a replacement starting and ending inside text nodes: deleted original, then the proposal in the style of the first replaced character', () => {
    // 'med tre' spans a plain and a bold node: two deleted pieces, each its own revision id as Word requires.
    const pieces = splitAtSuggestions(para, [s(22, 29, 'med sex')], counter())
    expect(show(pieces)).toEqual(['Avtalet kan sägas upp ', '-med ', '-*tre', '+med sex', '* månaders', ' uppsägningstid.', '|Sista raden.'])
    const [del1, del2, ins] = [pieces[1]!, pieces[2]!, pieces[3]!]
    expect(new Set([del1.revision?.id, del2.revision?.id, ins.revision?.id]).size).toBe(3)
    expect(del2.revision).toMatchObject({ kind: 'delete', author: 'Karin Jurist' })
    expect(ins.revision).toMatchObject({ kind: 'insert', author: 'Karin Jurist', date: '2026-11-30T10:00:00Z' })
  })

  it('a deletion, an insertion after a line break and one at the very end', () => {
    const pieces = splitAtSuggestions(para, [s(30, 38, ''), s(55, 55, 'Ny: ', 'Bo'), s(67, 67, ' Slut.', 'Bo')], counter())
    expect(show(pieces)).toEqual(['Avtalet kan sägas upp med ', '*tre ', '-*månaders', ' uppsägningstid.', '|+Ny: ', 'Sista raden.', '+ Slut.'])
    expect(new Set(pieces.filter((p) => p.revision).map((p) => p.revision!.id)).size).toBe(3)
  })

  it('an insertion takes the style of the character before it', () => {
    expect(show(splitAtSuggestions(para, [s(38, 38, ' (90 dagar)')], counter()))).toContain('+* (90 dagar)')
    expect(show(splitAtSuggestions(para, [s(0, 0, 'Part: ')], counter()))[0]).toBe('+Part: ')
  })

  it('leaves out a suggestion that overlaps one taken, or whose original text is not there any more', () => {
    const stale = { ...s(0, 7, 'Detta avtal'), originalText: 'Överenskommelsen' }
    const out = show(splitAtSuggestions(para, [s(0, 12, ''), s(8, 20, 'x'), s(5, 5, 'y'), stale, { ...s(60, 67, ''), toOffset: 99 }], counter()))
    expect(out).toEqual(['-Avtalet kan ', 'sägas upp med ', '*tre månaders', ' uppsägningstid.', '|Sista raden.'])
  })

  it('keeps the whole text: plain and deleted pieces read the original, plain and inserted the proposal', () => {
    const list = [s(0, 7, 'Detta avtal'), s(26, 29, 'sex'), s(41, 54, '')]
    const pieces = splitAtSuggestions(para, list, counter())
    const original = pieces
      .filter((p) => p.revision?.kind !== 'insert')
      .map((p) => p.text)
      .join('')
    const proposed = pieces
      .filter((p) => p.revision?.kind !== 'delete')
      .map((p) => p.text)
      .join('')
    expect(original).toBe(para.textBetween(0, 54) + para.textBetween(55, 67))
    expect(proposed).toBe('Detta avtal kan sägas upp med sex månaders up' + 'Sista raden.')
  })
})

describe('trackedChanges', () => {
  it('finds each block by its path and hands out revision ids unique in the document', () => {
    const doc = schema.nodeFromJSON({
      type: 'doc',
      content: [
        { type: 'title', content: [{ type: 'text', text: 'Avtal' }] },
        { type: 'section', attrs: { kind: 'purpose', uid: 'a' }, content: [{ type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Syfte' }] }, para.toJSON()] },
      ],
    })
    const block = doc.child(1).child(1)
    const piecesOf = trackedChanges(doc, [
      { ...s(0, 7, 'Detta avtal'), blockPath: [1, 1] },
      { ...s(30, 38, ''), blockPath: [1, 1] },
      { ...s(0, 1, 'x'), blockPath: [1, 9] },
    ])
    expect(piecesOf(doc.child(1).child(0), {})).toBeUndefined()
    const ids = piecesOf(block, {})!.flatMap((p) => (p.revision ? [p.revision.id] : []))
    expect(ids).toEqual([1, 2, 3])
    // The next block written goes on counting.
    expect(piecesOf(block, {})!.flatMap((p) => (p.revision ? [p.revision.id] : []))).toEqual([4, 5, 6])
  })

  it('writes Word dates to the second, and a readable date for garbage', () => {
    expect(wordDate('2026-11-30T10:00:00.999Z')).toBe('2026-11-30T10:00:00Z')
    expect(wordDate('nonsense')).toBe('1970-01-01T00:00:00Z')
  })
})

describe('splitAtSuggestions, for any paragraph and any set of non-overlapping suggestions', () => {
  it('reads the original text with the insertions left out, the proposed text with the deletions left out, and never repeats an id', () => {
    const runs = fc.array(fc.record({ text: fc.string({ minLength: 1, maxLength: 8 }), bold: fc.boolean() }), { minLength: 1, maxLength: 6 })
    fc.assert(
      fc.property(runs, fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.string({ maxLength: 5 }), { minLength: 10, maxLength: 10 }), (pieces, rawCuts, proposals) => {
        const block = schema.nodeFromJSON({ type: 'paragraph', content: pieces.map((p) => ({ type: 'text', text: p.text, ...(p.bold ? { marks: [{ type: 'strong' }] } : {}) })) })
        const text = block.textContent
        // Distinct sorted points, taken two by two as ranges; a range of length 0 is an insertion.
        const points = [...new Set(rawCuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)
        const suggestions: TrackedSuggestion[] = []
        for (let i = 0; i + 1 < points.length; i += 2) {
          const [from, to] = [points[i]!, points[i + 1]!]
          suggestions.push({ text: proposals[i]!, originalText: text.slice(from, to), authorName: 'A', createdAt: '2026-11-30T10:00:00Z', blockPath: [], fromOffset: from, toOffset: to })
        }
        if (points.length % 2 === 1 && proposals[9]) {
          const at = points[points.length - 1]!
          suggestions.push({ text: proposals[9], originalText: '', authorName: 'B', createdAt: '2026-11-30T10:00:00Z', blockPath: [], fromOffset: at, toOffset: at })
        }
        const out = splitAtSuggestions(block, suggestions, counter())
        expect(
          out
            .filter((p) => p.revision?.kind !== 'insert')
            .map((p) => p.text)
            .join(''),
        ).toBe(text)
        let proposed = ''
        let at = 0
        for (const s of suggestions) {
          proposed += text.slice(at, s.fromOffset) + s.text
          at = s.toOffset
        }
        proposed += text.slice(at)
        expect(
          out
            .filter((p) => p.revision?.kind !== 'delete')
            .map((p) => p.text)
            .join(''),
        ).toBe(proposed)
        const ids = out.flatMap((p) => (p.revision ? [p.revision.id] : []))
        expect(new Set(ids).size).toBe(ids.length)
        expect(out.every((p) => p.text !== '')).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
