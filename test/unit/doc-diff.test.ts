import { describe, expect, it } from 'vitest'
import { diffDocuments, documentBlocks } from '../../schema/doc-diff.ts'
import { reviewHash, findByUid } from '../../schema/review-hash.ts'

const p = (text: string) => ({ type: 'paragraph', content: text ? [{ type: 'text', text }] : [] })
const doc = (...blocks: unknown[]) => ({ type: 'doc', content: [{ type: 'title', content: [{ type: 'text', text: 'Avtal' }] }, ...blocks] })

describe('version diff', () => {
  it('reads blocks in order, through sections and tables', () => {
    const d = doc({ type: 'section', attrs: { kind: 'duration', uid: 's1' }, content: [{ type: 'heading', content: [{ type: 'text', text: 'Avtalstid' }] }, p('Tre år.')] })
    expect(documentBlocks(d)).toEqual(['Avtal', 'Avtalstid', 'Tre år.'])
  })

  it('marks changed words inside a replaced block, and whole added and removed blocks', () => {
    const before = doc(p('Uppsägningstiden är sex månader.'), p('Tas bort.'), p('Oförändrad.'))
    const after = doc(p('Uppsägningstiden är tolv månader.'), p('Oförändrad.'), p('Ny mening.'))
    const blocks = diffDocuments(before, after)
    const changed = blocks.find((b) => b.kind === 'changed')!
    expect(changed.parts.filter((x) => x.kind === 'removed').map((x) => x.text.trim())).toEqual(['sex'])
    expect(changed.parts.filter((x) => x.kind === 'added').map((x) => x.text.trim())).toEqual(['tolv'])
    expect(blocks.filter((b) => b.kind === 'removed').map((b) => b.parts[0]!.text)).toEqual(['Tas bort.'])
    expect(blocks.filter((b) => b.kind === 'added').map((b) => b.parts[0]!.text)).toEqual(['Ny mening.'])
    expect(blocks.filter((b) => b.kind === 'same').map((b) => b.parts[0]!.text)).toEqual(['Avtal', 'Oförändrad.'])
  })

  it('finds nothing between identical versions', () => {
    expect(diffDocuments(doc(p('a')), doc(p('a'))).every((b) => b.kind === 'same')).toBe(true)
  })
})

describe('review hash', () => {
  const section = (text: string, note: string | null = null) => ({
    type: 'section',
    attrs: { kind: 'termination', uid: 'u1', note },
    content: [p(text)],
  })
  it('changes with the text and ignores attributes', () => {
    expect(reviewHash(section('Sex månader.'))).toBe(reviewHash(section('Sex månader.', 'anteckning')))
    expect(reviewHash(section('Sex månader.'))).not.toBe(reviewHash(section('Sju månader.')))
  })
  it('finds nested nodes by uid', () => {
    const d = doc({ type: 'section', attrs: { uid: 'outer' }, content: [{ type: 'clause', attrs: { uid: 'inner' }, content: [p('x')] }] })
    expect(findByUid(d, 'inner')?.type).toBe('clause')
    expect(findByUid(d, 'missing')).toBeNull()
  })
})
