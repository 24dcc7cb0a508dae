import { h } from '../dom.ts'

export interface Popover {
  element: HTMLElement
  close(): void
}

export interface PopoverOptions {
  className?: string
  onClose?: () => void
  /** The dialog's accessible name. */
  label?: string
  /**
   * The popover is inserted right after this element, so it follows its trigger in the reading and
   * Tab order (not at the end of the page). Default: the end of the body.
   */
  after?: Element | null
  /** Gets the focus back when the popover closes by Escape or by one of its own buttons. */
  returnFocus?: HTMLElement | null
}

let open: Popover | null = null

const FOCUSABLE = 'textarea, input, select, button:not([disabled]), [href], [tabindex]:not([tabindex="-1"])'

/**
 * A small floating box below a point of the page (a selection, a status badge). One at a time; it
 * takes the focus when it opens, gives it back on Escape, closes on a click outside and when another
 * opens. Placed in the coordinates of its offset parent, so it scrolls with the document it points at.
 */
export function openPopover(at: { left: number; bottom: number }, content: HTMLElement, { className = '', onClose, label, after, returnFocus }: PopoverOptions = {}): Popover {
  open?.close()
  const element = h('div', { class: `review-popover ${className}`.trim(), attrs: { role: 'dialog', 'aria-label': label } }, content)
  if (after?.parentNode) after.after(element)
  else document.body.append(element)
  const parent = (element.offsetParent ?? document.body).getBoundingClientRect()
  const width = Math.min(element.offsetWidth || 320, document.documentElement.clientWidth - 16)
  const maxLeft = document.documentElement.clientWidth - width - 8
  element.style.left = `${Math.max(8, Math.min(at.left, maxLeft)) - parent.left}px`
  element.style.top = `${at.bottom + 6 - parent.top}px`

  const outside = (event: MouseEvent): void => {
    if (!element.contains(event.target as Node)) popover.close({ refocus: false })
  }
  const onEscape = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    popover.close()
  }
  // Registered after the click that opened it has finished, so that click does not close it again.
  const timer = setTimeout(() => document.addEventListener('mousedown', outside, true))
  element.addEventListener('keydown', onEscape)

  const popover: Popover & { close(options?: { refocus?: boolean }): void } = {
    element,
    close({ refocus = true } = {}) {
      if (open !== popover) return
      open = null
      clearTimeout(timer)
      document.removeEventListener('mousedown', outside, true)
      const hadFocus = element.contains(document.activeElement)
      element.remove()
      onClose?.()
      if (refocus && hadFocus && returnFocus?.isConnected) returnFocus.focus({ preventScroll: true })
    },
  }
  open = popover
  const first = element.querySelector<HTMLElement>(FOCUSABLE)
  if (!first) element.tabIndex = -1
  ;(first ?? element).focus({ preventScroll: true })
  element.scrollIntoView({ block: 'nearest' })
  return popover
}

export function closePopover(): void {
  open?.close()
}
