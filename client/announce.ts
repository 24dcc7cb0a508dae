import { h } from './dom.ts'

let region: HTMLElement | null = null
let timer: ReturnType<typeof setTimeout> | undefined

/**
 * A short message that screen readers read out (a polite live region) and sighted people see for a
 * few seconds at the bottom of the screen: the answer to a shortcut that could not do anything.
 */
export function announce(message: string): void {
  if (!region?.isConnected) {
    region = h('div', { class: 'toast', attrs: { role: 'status', 'aria-live': 'polite', 'data-testid': 'toast' } })
    document.body.append(region)
  }
  const el = region
  el.textContent = message
  el.classList.add('is-shown')
  clearTimeout(timer)
  timer = setTimeout(() => el.classList.remove('is-shown'), 5000)
}

/** Ctrl+Alt+<letter> by the key's position, so Swedish and other layouts (where Ctrl+Alt is AltGr) agree. */
export function isShortcut(event: KeyboardEvent, letter: string): boolean {
  return event.ctrlKey && event.altKey && !event.metaKey && !event.shiftKey && event.code === `Key${letter.toUpperCase()}`
}
