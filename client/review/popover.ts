import { h } from '../dom.ts'

export interface Popover {
  element: HTMLElement
  close(): void
}

let open: Popover | null = null

/**
 * A small floating box below a point of the page (a selection, a status badge). One at a time; it
 * closes on Escape, on a click outside and when another opens. Placed in page coordinates, so it
 * scrolls with the document it points at.
 */
export function openPopover(at: { left: number; bottom: number }, content: HTMLElement, { className = '', onClose }: { className?: string; onClose?: () => void } = {}): Popover {
  open?.close()
  const element = h('div', { class: `review-popover ${className}`.trim(), attrs: { role: 'dialog' } }, content)
  const maxLeft = document.documentElement.clientWidth - 340
  element.style.left = `${Math.max(8, Math.min(at.left, maxLeft)) + scrollX}px`
  element.style.top = `${at.bottom + 6 + scrollY}px`
  document.body.append(element)

  const outside = (event: MouseEvent): void => {
    if (!element.contains(event.target as Node)) popover.close()
  }
  const escape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') popover.close()
  }
  // Registered after the click that opened it has finished, so that click does not close it again.
  const timer = setTimeout(() => document.addEventListener('mousedown', outside, true))
  document.addEventListener('keydown', escape)

  const popover: Popover = {
    element,
    close() {
      if (open !== popover) return
      open = null
      clearTimeout(timer)
      document.removeEventListener('mousedown', outside, true)
      document.removeEventListener('keydown', escape)
      element.remove()
      onClose?.()
    },
  }
  open = popover
  return popover
}

export function closePopover(): void {
  open?.close()
}
