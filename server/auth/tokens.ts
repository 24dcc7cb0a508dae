import { createHash, randomBytes } from 'node:crypto'

/** A bearer secret: 256 random bits, URL-safe. */
export const newSecret = (): string => randomBytes(32).toString('base64url')

/** Only hashes of secrets are stored, so a leaked database does not leak live sessions or invitations. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex')
