import { describe, expect, it } from 'vitest'
import { markdownToDoc } from '../../../schema/validator/markdown.ts'

describe('Markdown to an agreement document', () => {
  it('makes the leading level-1 heading the title and keeps headings, lists and tables', () => {
    const doc = markdownToDoc(
      '# IOP Läxhjälp\n\n## Parter\n\n- **Exempelby kommun**\n- Föreningen\n\n| Verksamhet | Bokförs av |\n|---|---|\n| Läxhjälp | Föreningen |\n\n### Detalj\n\n> citat med `kod` och [länk](http://x)\n\n---\n\n```\nkodblock\n```\n',
    )
    expect(doc.child(0).type.name).toBe('title')
    expect(doc.child(0).textContent).toBe('IOP Läxhjälp')
    expect(doc.child(1).type.name).toBe('heading')
    expect(doc.child(1).attrs.level).toBe(2)
    expect(doc.child(2).type.name).toBe('bullet_list')
    const table = doc.child(3)
    expect(table.type.name).toBe('table')
    expect(table.childCount).toBe(2)
    expect(table.child(0).child(0).attrs.header).toBe(true)
    expect(table.child(1).child(1).textContent).toBe('Föreningen')
    expect(doc.child(4).attrs.level).toBe(3)
    expect(doc.child(5).textContent).toBe('citat med kod och länk')
    expect(doc.child(6).textContent).toBe('kodblock')
    doc.check()
  })

  it('adds an empty title when the file does not start with a level-1 heading', () => {
    const doc = markdownToDoc('## Parter\n\nText.\n\n# Sent rubrik\n')
    expect(doc.child(0).type.name).toBe('title')
    expect(doc.child(0).textContent).toBe('')
    expect(doc.child(1).type.name).toBe('heading')
    expect(doc.lastChild!.type.name).toBe('heading')
    expect(doc.lastChild!.attrs.level).toBe(2)
  })
})
