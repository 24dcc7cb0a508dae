/**
 * Whether a mouse button (or finger) is down on the editor. Work that dispatches transactions waits
 * for it to come up: a transaction in the middle of a drag puts the selection back where it started.
 */
export function pointerHeld(dom: HTMLElement): { held(): boolean; destroy(): void } {
  let held = false
  const down = (): void => {
    held = true
  }
  const up = (): void => {
    held = false
  }
  dom.addEventListener('pointerdown', down, true)
  addEventListener('pointerup', up, true)
  addEventListener('pointercancel', up, true)
  // A release outside the window never reaches us; losing focus is the next best signal.
  addEventListener('blur', up)
  return {
    held: () => held,
    destroy() {
      dom.removeEventListener('pointerdown', down, true)
      removeEventListener('pointerup', up, true)
      removeEventListener('pointercancel', up, true)
      removeEventListener('blur', up)
    },
  }
}
