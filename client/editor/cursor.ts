/**
 * A remote caret with the person's name above it, in their colour. The label is a widget inside the
 * text flow, so it is non-editable and hidden from assistive tech (the presence list names people).
 */
export function remoteCursor(user: { name: string; color: string }): HTMLElement {
  const caret = document.createElement('span')
  caret.className = 'remote-cursor'
  caret.style.borderColor = user.color
  caret.setAttribute('aria-hidden', 'true')
  caret.contentEditable = 'false'
  const label = document.createElement('span')
  label.className = 'remote-cursor-label'
  label.style.backgroundColor = user.color
  label.textContent = user.name
  // Word joiners keep the caret glued to the neighbouring characters so it never wraps alone.
  caret.append('\u2060', label, '\u2060')
  return caret
}

export function remoteSelection(user: { color: string }): { style: string; class: string } {
  return { style: `background-color: ${user.color}33`, class: 'remote-selection' }
}
