import { formatDateTime } from '../format.ts'

/** A time as people in the writing group say it: date and minute, in the UI's language. */
export function formatTime(iso: string): string {
  return formatDateTime(iso)
}
