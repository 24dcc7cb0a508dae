import { ApiError } from './api.ts'
import { t, type MessageKey } from './i18n.ts'
import { sv as errorMessages } from './messages/errors.ts'

/**
 * A failure as the person reads it: a server error code in the UI's language; the server's own
 * (English) message only for a code the client does not know yet.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    const key = `errorCode_${err.code}`
    if (key in errorMessages) return t(key as MessageKey)
    return err.message || t('errorUnknown', { code: err.code })
  }
  return err instanceof Error ? err.message : String(err)
}
