/**
 * Holds back work that dispatches transactions while a mouse button (or finger) is down on the
 * editor: a decoration update in the middle of a drag puts the selection back where it started, and
 * a reviewer selecting words to comment on would lose them whenever a comment or status arrived.
 * Only the latest call per key runs once the pointer is released.
 */
export function pointerGate(dom: HTMLElement): { run(key: string, fn: () => void): void; destroy(): void } {
  let held = false
  const pending = new Map<string, () => void>()
  const down = (): void => {
    held = true
  }
  const up = (): void => {
    if (!held) return
    held = false
    const work = [...pending.values()]
    pending.clear()
    for (const fn of work) fn()
  }
  dom.addEventListener('pointerdown', down, true)
  addEventListener('pointerup', up, true)
  addEventListener('pointercancel', up, true)
  // A release outside the window never reaches us; losing focus is the next best signal.
  addEventListener('blur', up)
  return {
    run(key, fn) {
      if (held) pending.set(key, fn)
      else fn()
    },
    destroy() {
      pending.clear()
      dom.removeEventListener('pointerdown', down, true)
      removeEventListener('pointerup', up, true)
      removeEventListener('pointercancel', up, true)
      removeEventListener('blur', up)
    },
  }
}
