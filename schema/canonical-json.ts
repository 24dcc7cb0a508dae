/**
 * JSON with object keys sorted and no whitespace, so that the same data always gives the same bytes
 * and therefore the same checksum, whichever program wrote the object and in what key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonical JSON cannot hold NaN or Infinity')
    const json = JSON.stringify(value)
    if (json === undefined) throw new Error(`canonical JSON cannot hold ${typeof value}`)
    return json
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
}
