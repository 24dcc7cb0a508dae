import { t, type MessageKey } from './i18n.ts'

type Child = Node | string | null | undefined | false

export interface ElementProps {
  class?: string
  /** Translated text content, kept in step with language switches (see i18n.applyTranslations). */
  text?: MessageKey
  /** Translated attributes, e.g. `{ 'aria-label': 'toolbarLabel' }`. */
  i18nAttrs?: Partial<Record<'placeholder' | 'title' | 'aria-label', MessageKey>>
  attrs?: Record<string, string | number | boolean | undefined>
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void }
}

/** Builds an element; the one place where markup is made, so translated labels are never forgotten. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: ElementProps = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (props.class) el.className = props.class
  if (props.text) {
    el.dataset.i18n = props.text
    el.textContent = t(props.text)
  }
  for (const [attr, key] of Object.entries(props.i18nAttrs ?? {})) {
    el.setAttribute(`data-i18n-${attr}`, key)
    el.setAttribute(attr, t(key))
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value === undefined || value === false) continue
    el.setAttribute(name, value === true ? '' : String(value))
  }
  for (const [type, handler] of Object.entries(props.on ?? {})) {
    el.addEventListener(type, handler as EventListener)
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    el.append(child)
  }
  return el
}
