import { hash, verify } from '@node-rs/argon2'

/** argon2id with the library's defaults (memory-hard, 19 MiB, 2 passes): OWASP's baseline. */
export const hashPassword = (password: string): Promise<string> => hash(password)

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

/** A hash to verify against when the email is unknown, so both paths take the same time. */
let decoy: Promise<string> | null = null
export const decoyHash = (): Promise<string> => (decoy ??= hash('decoy password that never matches'))
