import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { schema } from '../../schema/schema.ts'
import { buildDocx } from '../../server/export/docx-build.ts'

/** An agreement written in English is exported with English fixed words and English language tags. */
describe('the Word export of an English agreement', () => {
  it('uses the agreement language for the title block, signature page, appendix, footer and language tag', async () => {
    const bytes = await buildDocx({
      title: 'Open Doors',
      municipality: 'Kustby',
      lang: 'en',
      parties: [{ name: 'Region Kustby', type: 'public', orgNr: '232100-0000', signatories: [{ name: 'Eva', mandate: 'Head of unit under the delegation rules' }] }],
      diarienummer: 'RS 2025/12',
      version: { name: 'To the board', createdAt: '2026-11-01T09:00:00Z' },
      date: '2026-11-01',
      clauses: [{ clauseId: 'duration.fixed_term', version: 1, approvedBy: 'Legal review', approvedAt: '2026-11-01', deviates: false }],
      content: schema.nodeFromJSON({
        type: 'doc',
        content: [
          { type: 'title', content: [{ type: 'text', text: 'Open Doors' }] },
          { type: 'paragraph', content: [{ type: 'text', text: 'Body.' }] },
        ],
      }),
    })
    const zip = await JSZip.loadAsync(bytes)
    const xml = await zip.file('word/document.xml')!.async('string')
    for (const words of [
      'Municipality: ',
      'Reference number: ',
      'RS 2025/12',
      'To the board',
      'Parties',
      'Region Kustby, reg. no. 232100-0000',
      'Signatures',
      'Represented by: ',
      'Place and date',
      'Name in block letters',
      'Appendix: List of clauses',
      'Deviates from approved wording',
      '>No<',
    ]) {
      expect(xml, words).toContain(words)
    }
    expect(xml).not.toContain('Underskrifter')
    expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:val="en-GB"')
    const footer = (await Promise.all(zip.file(/word\/footer\d*\.xml/).map((f) => f.async('string')))).join('')
    expect(footer).toContain('Page ')
    expect(footer).toContain(' of ')
  })
})
