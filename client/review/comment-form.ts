import { h } from '../dom.ts'
import { t, type MessageKey } from '../i18n.ts'
import { errorText } from '../error-text.ts'
import type { Member } from './review-api.ts'

export interface CommentFormOptions {
  placeholder: MessageKey
  members: () => Member[]
  onSubmit(body: string, mentions: string[]): Promise<void>
  onCancel?: () => void
}

/**
 * A comment or a reply. "@Name" mentions are picked from the agreement's members, so the server gets
 * their ids; a mention whose "@Name" was edited out of the text before sending is not sent.
 */
export function commentForm({ placeholder, members, onSubmit, onCancel }: CommentFormOptions): { element: HTMLFormElement; focus(): void } {
  const picked = new Map<string, string>()
  const textarea = h('textarea', { class: 'input comment-input', i18nAttrs: { placeholder, 'aria-label': placeholder }, attrs: { rows: 2, maxlength: 5000, required: true } })
  const picker = h('select', { class: 'mention-picker', i18nAttrs: { 'aria-label': 'commentMentionLabel', title: 'commentMentionLabel' } })
  const renderPicker = (): void => {
    picker.replaceChildren(h('option', { attrs: { value: '' } }, t('commentMention')), ...members().map((m) => h('option', { attrs: { value: m.userId } }, m.displayName)))
  }
  picker.addEventListener('focus', renderPicker)
  picker.addEventListener('mousedown', renderPicker)
  renderPicker()
  picker.addEventListener('change', () => {
    const member = members().find((m) => m.userId === picker.value)
    picker.value = ''
    if (!member) return
    picked.set(member.displayName, member.userId)
    const at = textarea.selectionStart ?? textarea.value.length
    const before = textarea.value.slice(0, at)
    const insert = `${before && !/\s$/.test(before) ? ' ' : ''}@${member.displayName} `
    textarea.setRangeText(insert, at, textarea.selectionEnd ?? at, 'end')
    textarea.focus()
  })

  const error = h('p', { class: 'error comment-error', attrs: { hidden: true } })
  const send = h('button', { class: 'button comment-send', text: 'commentSend', attrs: { type: 'submit' } })
  const form = h(
    'form',
    { class: 'comment-form' },
    textarea,
    h(
      'div',
      { class: 'comment-form-actions' },
      picker,
      onCancel ? h('button', { class: 'button button-quiet', text: 'commentCancel', attrs: { type: 'button' }, on: { click: () => onCancel() } }) : null,
      send,
    ),
    error,
  )
  // Ctrl/Cmd+Enter sends, as in most comment boxes.
  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) form.requestSubmit()
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const body = textarea.value.trim()
    if (!body) return
    const mentions = [...picked].filter(([name]) => body.includes(`@${name}`)).map(([, id]) => id)
    send.disabled = true
    error.hidden = true
    onSubmit(body, [...new Set(mentions)]).then(
      () => {
        textarea.value = ''
        picked.clear()
        send.disabled = false
      },
      (err: unknown) => {
        send.disabled = false
        error.textContent = t('commentError', { message: errorText(err) })
        error.hidden = false
      },
    )
  })
  return { element: form, focus: () => textarea.focus() }
}
