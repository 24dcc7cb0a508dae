/**
 * FNV-1a (64 bit) over UTF-8. Not a security hash: it only has to recognise the approved wording, and
 * it must give the same answer in the browser and in Node, so no node:crypto and no async WebCrypto.
 */
const OFFSET = 0xcbf29ce484222325n
const PRIME = 0x100000001b3n
const MASK = 0xffffffffffffffffn

const encoder = new TextEncoder()

export function fnv1a64(text: string): string {
  let h = OFFSET
  for (const byte of encoder.encode(text)) {
    h ^= BigInt(byte)
    h = (h * PRIME) & MASK
  }
  return h.toString(16).padStart(16, '0')
}
