import { AlignmentType, Document, HeadingLevel, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx'
import { describe, expect, it } from 'vitest'
import { schema } from '../../../schema/schema.ts'
import { contentDisposition, fileNameFor } from '../../../server/http/export-routes.ts'
import { readDocx } from '../../../server/export/docx-read.ts'
import { findDiarienummer } from '../../../server/export/model.ts'
import { findParties } from '../../../server/export/parties-found.ts'

const docOf = (...paragraphs: string[]) => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'title' }, ...paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] }))] })

describe('parties named in an imported text', () => {
  it('finds the name before each org.nr in the ways drafts write it', () => {
    const found = findParties(
      docOf(
        'a) Tallmora kommun, org.nr 212000-xxxx, genom socialnämnden, nedan kallad kommunen.',
        'Stiftelsen Tallmora stadsmission, org.nr 802xxx-xxxx, nedan kallad Stadsmissionen.',
        'Parter i överenskommelsen är Mossberga kommun, org.nr 212000-1111, genom kulturnämnden (nedan kommunen), och Föreningen Smedjans vänner, ideell förening, org.nr 802222-3333 (nedan föreningen).',
        'Ekviks kvinno- och tjejjour, ideell förening med org.nr 802xxx-xxxx (i texten "jouren").',
        'Telefon 08-123 45 och datum 2025-05-14 är inga organisationsnummer.',
      ),
    )
    expect(found).toEqual([
      { name: 'Tallmora kommun', type: 'public', orgNr: '212000-xxxx' },
      { name: 'Stiftelsen Tallmora stadsmission', type: 'idea_driven', orgNr: '802xxx-xxxx' },
      { name: 'Mossberga kommun', type: 'public', orgNr: '212000-1111' },
      { name: 'Föreningen Smedjans vänner', type: 'idea_driven', orgNr: '802222-3333' },
      { name: 'Ekviks kvinno- och tjejjour', type: 'idea_driven', orgNr: '802xxx-xxxx' },
    ])
  })

  it('stays linear on a hostile paragraph', () => {
    const hostile = docOf(`${'a,'.repeat(50_000)}${'1-'.repeat(50_000)} org.nr 212000-0000`)
    const started = performance.now()
    findParties(hostile)
    // Quadratic work on 200 000 characters would take minutes; linear takes milliseconds even on a loaded machine.
    expect(performance.now() - started).toBeLessThan(3000)
  })
})

describe('diarienummer in the first lines', () => {
  it('reads "Dnr" and "Diarienummer:" forms and ignores words that only contain the letters', () => {
    expect(findDiarienummer(docOf('Avtalsperiod 2026–2028 · Dnr VON 2025/211'))).toBe('VON 2025/211')
    expect(findDiarienummer(docOf('Diarienummer: SN 2024/318'))).toBe('SN 2024/318')
    expect(findDiarienummer(docOf('Diarienummer: SN 2024/318 Version: slutligt förslag inför beslut 2024-11-12'))).toBe('SN 2024/318')
    expect(findDiarienummer(docOf('Björkhamns kommun · arbetsmarknadsnämnden · dnr AMN 2025/057'))).toBe('AMN 2025/057')
    expect(findDiarienummer(docOf('Kondnr är inget ord här 2024'))).toBeNull()
    expect(findDiarienummer(docOf('Inget nummer alls'))).toBeNull()
  })
})

describe('file names from titles', () => {
  it('keeps Swedish letters in the UTF-8 name and has an ASCII fallback', () => {
    expect(fileNameFor('IOP: Läxhjälp/Granvik?', 'Till nämnden')).toBe('IOP Läxhjälp Granvik – Till nämnden')
    expect(contentDisposition('Överens avtal', 'docx')).toBe(`attachment; filename="Overens avtal.docx"; filename*=UTF-8''${encodeURIComponent('Överens avtal.docx')}`)
    expect(fileNameFor('???')).toBe('Överens')
  })
})

describe('a Word document read into the agreement schema', () => {
  it('maps Title, headings, nested and ordered lists, tables, bold and italic', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        numbering: {
          config: [{ reference: 'num', levels: [0, 1].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.`, alignment: AlignmentType.LEFT })) }],
        },
        sections: [
          {
            children: [
              new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun('Avtal om läxhjälp')] }),
              new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Parter')] }),
              new Paragraph({ children: [new TextRun({ text: 'Kommunen', bold: true }), new TextRun(' och '), new TextRun({ text: 'föreningen', italics: true })] }),
              new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Företrädare')] }),
              new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Insatser')] }),
              new Paragraph({ numbering: { reference: 'num', level: 0 }, children: [new TextRun('Läxhjälp')] }),
              new Paragraph({ numbering: { reference: 'num', level: 1 }, children: [new TextRun('måndag till torsdag')] }),
              new Paragraph({ numbering: { reference: 'num', level: 0 }, children: [new TextRun('Föräldraträffar')] }),
              new Table({
                rows: [
                  new TableRow({ children: ['Insats', 'Ansvar'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
                  new TableRow({ children: ['Läxhjälp', 'Föreningen'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
                ],
              }),
            ],
          },
        ],
      }),
    )
    const { doc, title } = await readDocx(bytes)
    expect(title).toBe('Avtal om läxhjälp')
    const json = doc.toJSON() as { content: { type: string; attrs?: Record<string, unknown>; content?: unknown[] }[] }
    expect(json.content.map((n) => n.type)).toEqual(['title', 'section', 'section'])
    const [, parter, insatser] = doc.children
    expect(parter!.child(0).textContent).toBe('Parter')
    expect(
      parter!
        .child(1)
        .child(0)
        .marks.map((m) => m.type.name),
    ).toEqual(['strong'])
    expect(
      parter!
        .child(1)
        .child(2)
        .marks.map((m) => m.type.name),
    ).toEqual(['em'])
    expect(parter!.child(2).type.name).toBe('heading')
    expect(parter!.child(2).attrs.level).toBe(3)
    const list = insatser!.child(1)
    expect(list.type.name).toBe('ordered_list')
    expect(list.childCount).toBe(2)
    expect(list.child(0).child(1).type.name).toBe('ordered_list')
    expect(list.child(0).child(1).textContent).toBe('måndag till torsdag')
    const table = insatser!.child(2)
    expect(table.type.name).toBe('table')
    expect(table.child(0).child(0).attrs.header).toBe(true)
    expect(table.child(1).child(1).textContent).toBe('Föreningen')
  })
})
