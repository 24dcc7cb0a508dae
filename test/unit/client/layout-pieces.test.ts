import { describe, expect, it } from 'vitest'
import { EditorState, TextSelection } from 'prosemirror-state'
import { schema } from '../../../schema/index.ts'
import { formatNumber, plural } from '../../../client/format.ts'
import { charStep, wordStep } from '../../../client/read-only-caret.ts'
import { notificationHref } from '../../../client/notifications/bell.ts'
import { parseRoute } from '../../../client/router.ts'
import { errorText } from '../../../client/error-text.ts'
import { ApiError } from '../../../client/api.ts'

const doc = schema.nodes.doc!.create(null, [
  schema.nodes.title!.create(null, schema.text('Avtal')),
  schema.nodes.section!.create({ kind: 'duration', uid: 's1' }, [
    schema.nodes.heading!.create({ level: 2 }, schema.text('Avtalstid')),
    schema.nodes.paragraph!.create(null, schema.text('Avtalet gäller i två år.')),
  ]),
])
const state = EditorState.create({ schema, doc })
/** Position of the `n`-th character of `text` in the document. */
const at = (text: string, n = 0): number => {
  let found = -1
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text) + n
    return found < 0
  })
  return found
}

describe('keyboard caret in the read-only document', () => {
  it('moves by characters within a line and across blocks', () => {
    const start = at('Avtalet gäller')
    expect(charStep(state, start, 1)).toBe(start + 1)
    // Left from a paragraph's start lands at the end of the heading before it.
    expect(doc.textBetween(charStep(state, start, -1) - 9, charStep(state, start, -1))).toBe('Avtalstid')
    // Right from the heading's end lands at the paragraph's start.
    expect(charStep(state, at('Avtalstid', 9), 1)).toBe(start)
  })

  it('moves by words as Ctrl+arrow does, Swedish letters included', () => {
    const start = at('Avtalet gäller')
    expect(doc.textBetween(start, wordStep(state, start, 1))).toBe('Avtalet')
    const afterGaller = wordStep(state, wordStep(state, start, 1), 1)
    expect(doc.textBetween(start, afterGaller)).toBe('Avtalet gäller')
    expect(wordStep(state, afterGaller, -1)).toBe(at('gäller'))
    const selection = TextSelection.create(doc, start, afterGaller)
    expect(doc.textBetween(selection.from, selection.to)).toBe('Avtalet gäller')
  })
})

describe('formats and plurals (Swedish, the default)', () => {
  it('uses the language’s plural rule and number format', () => {
    expect(plural(1, { one: 'templatesUiClausesOne', other: 'templatesUiClausesOther' })).toBe('1 klausul')
    expect(plural(0, { one: 'templatesUiClausesOne', other: 'templatesUiClausesOther' })).toBe('0 klausuler')
    expect(plural(19, { one: 'templatesUiSectionsOne', other: 'templatesUiSectionsOther' })).toBe('19 avsnitt')
    expect(formatNumber(250000).replace(/\s/g, ' ')).toBe('250 000')
  })

  it('says a server error in Swedish by its code, and keeps the server message for an unknown code', () => {
    expect(errorText(new ApiError(422, 'tampered_package', 'the checksum does not match'))).toBe('Filen har ändrats efter att den exporterades (kontrollsumman stämmer inte).')
    expect(errorText(new ApiError(400, 'something_new', 'a new failure'))).toBe('a new failure')
  })
})

describe('links', () => {
  it('a notification leads into the agreement, at its place', () => {
    expect(notificationHref({ agreementId: 'a1', target: 'uid 1' })).toBe('/a/a1#at=uid%201')
    expect(notificationHref({ agreementId: null, target: null })).toBe('/')
    expect(parseRoute('/org/o-1')).toEqual({ page: 'org', orgId: 'o-1' })
  })
})
