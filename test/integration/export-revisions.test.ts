import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { schema } from '../../schema/schema.ts'
import { buildDocx } from '../../server/export/docx-build.ts'
import type { ExportModel } from '../../server/export/model.ts'

/**
 * The seam for suggested changes: the export writes every piece of body text through one function,
 * which wraps it as a Word revision (w:ins / w:del with author and date) when `revisionOf` says so.
 * Suggestions themselves are another feature; this pins the seam it will use.
 */
const model = (text: string[]): ExportModel => ({
  title: 'Avtal',
  municipality: 'Exempelby',
  lang: 'sv',
  parties: [],
  diarienummer: null,
  version: null,
  date: '2026-11-30',
  clauses: null,
  content: schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'title', content: [{ type: 'text', text: 'Avtal' }] },
      { type: 'paragraph', content: text.map((t, i) => ({ type: 'text', text: t, ...(i === 1 ? { marks: [{ type: 'strong' }] } : {}) })) },
    ],
  }),
})

describe('tracked changes in the Word export', () => {
  it('writes plain runs without revisions, and w:ins / w:del with author and date where revisionOf answers', async () => {
    const plain = await JSZip.loadAsync(await buildDocx(model(['Bidraget är ', '780 000 kr', ' per år.'])))
    expect(await plain.file('word/document.xml')!.async('string')).not.toMatch(/<w:(ins|del) /)

    let id = 0
    const tracked = await buildDocx(model(['Bidraget är ', '780 000 kr', ' per år.']), {
      revisionOf: (text) =>
        text.text === '780 000 kr'
          ? { kind: 'insert', id: ++id, author: 'Karin Kommunjurist', date: '2026-11-30T10:00:00Z' }
          : text.text === ' per år.'
            ? { kind: 'delete', id: ++id, author: 'Bo Föreningsledare', date: '2026-11-30T11:00:00Z' }
            : undefined,
    })
    const xml = await (await JSZip.loadAsync(tracked)).file('word/document.xml')!.async('string')
    expect(xml).toMatch(/<w:ins [^>]*w:author="Karin Kommunjurist"[^>]*>.*?<w:b\/>.*?780 000 kr.*?<\/w:ins>/)
    expect(xml).toMatch(/<w:del [^>]*w:author="Bo Föreningsledare"[^>]*>.*?<w:delText[^>]*> per år\.<\/w:delText>.*?<\/w:del>/)
    expect(xml).toContain('w:date="2026-11-30T10:00:00Z"')
  })
})
