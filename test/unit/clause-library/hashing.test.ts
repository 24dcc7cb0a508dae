import { createHash, randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { canonicalJson } from '../../../schema/canonical-json.ts'
import { sha256Hex } from '../../../clause-library/sha256.ts'

describe('sha256Hex', () => {
  it('matches the FIPS test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
  })

  it('matches node:crypto on random UTF-8 input of every padding length', () => {
    for (let len = 0; len < 200; len++) {
      const text = randomBytes(len).toString('base64').slice(0, len) + (len % 7 === 0 ? 'åäö€😀' : '')
      expect(sha256Hex(text), `length ${len}`).toBe(createHash('sha256').update(text, 'utf8').digest('hex'))
    }
  })
})

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}')
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }))
  })

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow()
  })
})
