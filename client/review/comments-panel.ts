import { Plugin, TextSelection } from 'prosemirror-state'
import { announce, isShortcut } from '../announce.ts'
import type { EditorView } from 'prosemirror-view'
import { h } from '../dom.ts'
import { onLangChange, t } from '../i18n.ts'
import type { EditorPanel } from '../panels.ts'
import { commentForm } from './comment-form.ts'
import { commentHighlights, setActiveThread, setHighlightThreads, threadRange } from './comment-highlights.ts'
import { commentOnSelection } from './comment-selection.ts'
import { formatTime } from './format.ts'
import { liveResource } from './live.ts'
import { sharedGroupStore } from '../members/group-store.ts'
import { pointerGate } from './pointer-gate.ts'
import { reviewApi, type Comment, type Member, type Thread } from './review-api.ts'

/**
 * Comment threads of the agreement: open ones first (in document order), resolved ones after. Each
 * shows the quoted words, the comments, reply and resolve; clicking the quote selects the words in the
 * text. Refetched on every `comments` event, so a comment reaches everyone without a reload.
 */
export const commentsPanel: EditorPanel = ({ agreementId, onView, access, setCount, session }) => {
  let members: Member[] = []
  let threads: Thread[] = []
  let view: EditorView | null = null
  let active: string | null = null
  const canComment = (): boolean => access.can('comment')

  const hint = h('p', { class: 'muted comments-hint', text: 'commentHint' })
  const empty = h('p', { class: 'muted comments-empty', text: 'commentsEmpty' })
  const openList = h('ul', { class: 'thread-list', attrs: { 'data-list': 'open' } })
  const resolvedHeading = h('h3', { class: 'threads-resolved-heading' })
  const resolvedList = h('ul', { class: 'thread-list', attrs: { 'data-list': 'resolved' } })
  const element = h('div', { class: 'comments' }, hint, empty, openList, resolvedHeading, resolvedList)

  // Reply forms outlive re-renders, so a refetch never throws away a half-written reply.
  const replies = new Map<string, { form: ReturnType<typeof commentForm>; open: boolean }>()

  const memberName = (userId: string | null): string => members.find((m) => m.userId === userId)?.displayName ?? '—'

  const commentBody = (comment: Comment): HTMLElement => {
    const names = comment.mentions.map((id) => members.find((m) => m.userId === id)?.displayName).filter((n): n is string => !!n)
    const body = h('p', { class: 'comment-body' })
    if (names.length === 0) {
      body.textContent = comment.body
      return body
    }
    const pattern = new RegExp(`(${names.map((n) => `@${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).join('|')})`, 'g')
    for (const piece of comment.body.split(pattern)) {
      body.append(names.some((n) => piece === `@${n}`) ? h('strong', { class: 'mention' }, piece) : piece)
    }
    return body
  }

  const showInText = (threadId: string): void => {
    active = threadId
    markThreads()
    const range = view ? threadRange(view.state, threadId) : null
    if (!view || !range) return
    const tr = view.state.tr.setSelection(TextSelection.create(view.state.doc, range.from, range.to)).scrollIntoView()
    view.dispatch(setActiveThread(tr, threadId))
    view.focus()
    view.dom.focus({ preventScroll: true })
  }

  const threadItem = (thread: Thread): HTMLElement => {
    const resolved = thread.resolvedBy !== null
    let reply = replies.get(thread.id)
    if (!reply) {
      const created = {
        open: false,
        form: commentForm({
          placeholder: 'commentReplyPlaceholder',
          members: () => members,
          onSubmit: async (body, mentions) => {
            await reviewApi.reply(agreementId, thread.id, { body, mentions })
            created.open = false
            comments.refresh()
          },
          onCancel: () => {
            created.open = false
            render()
          },
        }),
      }
      replies.set(thread.id, created)
      reply = created
    }
    const replyState = reply
    const actions = canComment()
      ? h(
          'div',
          { class: 'thread-actions' },
          resolved
            ? null
            : h('button', {
                class: 'button button-quiet thread-reply',
                text: 'commentReply',
                attrs: { type: 'button' },
                on: {
                  click: () => {
                    replyState.open = true
                    render()
                    replyState.form.focus()
                  },
                },
              }),
          h('button', {
            class: 'button button-quiet thread-resolve',
            text: resolved ? 'commentReopen' : 'commentResolve',
            attrs: { type: 'button' },
            on: { click: () => void reviewApi.resolve(agreementId, thread.id, !resolved).then(() => comments.refresh()) },
          }),
        )
      : null
    return h(
      'li',
      { class: 'thread', attrs: { 'data-thread-id': thread.id } },
      h(
        'button',
        { class: 'thread-quote', i18nAttrs: { title: 'commentShowInText' }, attrs: { type: 'button' }, on: { click: () => showInText(thread.id) } },
        h('span', { class: 'thread-quote-text' }, `”${thread.quote}”`),
        h('span', { class: 'thread-deleted', text: 'commentTextDeleted' }),
      ),
      h(
        'ol',
        { class: 'thread-comments' },
        ...thread.comments.map((c) =>
          h(
            'li',
            { class: 'comment' },
            h('div', { class: 'comment-meta' }, h('span', { class: 'comment-author' }, c.authorName), h('time', { class: 'muted', attrs: { datetime: c.createdAt } }, formatTime(c.createdAt))),
            commentBody(c),
          ),
        ),
      ),
      resolved ? h('p', { class: 'muted thread-resolved-by' }, t('commentResolvedBy', { name: memberName(thread.resolvedBy) })) : null,
      actions,
      canComment() && replyState.open && !resolved ? replyState.form.element : null,
    )
  }

  const position = (thread: Thread): number => {
    const range = view ? threadRange(view.state, thread.id) : undefined
    return range ? range.from : Number.MAX_SAFE_INTEGER
  }

  const render = (): void => {
    hint.hidden = !canComment()
    empty.hidden = threads.length > 0
    const open = threads.filter((th) => th.resolvedBy === null).sort((a, b) => position(a) - position(b))
    const resolved = threads.filter((th) => th.resolvedBy !== null)
    openList.replaceChildren(...open.map(threadItem))
    resolvedList.replaceChildren(...resolved.map(threadItem))
    resolvedHeading.textContent = t('commentsResolvedHeading', { count: resolved.length })
    resolvedHeading.hidden = resolved.length === 0
    setCount?.('comments', open.length)
    markThreads()
  }

  /** Cheap enough for every keystroke: flags threads whose words were deleted, and the active one. */
  const markThreads = (): void => {
    for (const item of element.querySelectorAll<HTMLElement>('li.thread')) {
      const id = item.dataset.threadId ?? ''
      const range = view ? threadRange(view.state, id) : undefined
      item.classList.toggle('is-deleted', range === null)
      item.classList.toggle('is-active', id === active)
    }
  }

  let gate: ReturnType<typeof pointerGate> | null = null
  const pushThreads = (): void => {
    gate?.run('threads', () => {
      if (!view) return
      view.dispatch(
        setHighlightThreads(
          view.state.tr,
          threads.map((th) => ({ id: th.id, anchor: th.anchor, resolved: th.resolvedBy !== null })),
        ),
      )
      markThreads()
    })
  }

  let selection: ReturnType<typeof commentOnSelection> | null = null
  let pendingThread: string | null = null
  const revealPending = (): void => {
    if (!pendingThread || !threads.some((th) => th.id === pendingThread)) return
    const id = pendingThread
    pendingThread = null
    showInText(id)
    element.querySelector(`li.thread[data-thread-id="${CSS.escape(id)}"]`)?.scrollIntoView({ block: 'nearest' })
  }
  const teardown: (() => void)[] = []
  const offAccess = access.subscribe(() => {
    render()
    selection?.refresh()
  })
  // Mentions come from the agreement's one writing-group store, which the members card shares.
  const group = sharedGroupStore(agreementId, session.provider.awareness)
  const offGroup = group.store.subscribe((data) => {
    if (data.members) members = data.members
    render()
  })
  if (group.store.get().members) members = group.store.get().members!
  const memberSource = { stop: () => (offGroup(), group.release()) }
  const comments = liveResource(
    agreementId,
    'comments',
    () => reviewApi.threads(agreementId),
    (data) => {
      if (!data) return
      threads = data
      pushThreads()
      render()
      revealPending()
    },
  )
  teardown.push(offAccess, memberSource.stop, comments.stop)
  teardown.push(
    onView((v) => {
      view = v
      gate = pointerGate(v.dom)
      teardown.push(gate.destroy)
      pushThreads()
      render()
      // A notification's link to a thread: shown once the threads are there.
      v.dom.addEventListener('overens:show-thread', (event) => {
        pendingThread = String((event as CustomEvent).detail)
        revealPending()
      })
      selection = commentOnSelection({
        view: v,
        canComment,
        members: () => members,
        create: async (input) => {
          await reviewApi.openThread(agreementId, input)
          comments.refresh()
        },
      })
      teardown.push(selection.destroy)
    }),
  )
  teardown.push(onLangChange(render))
  render()

  return {
    id: 'comments',
    title: 'commentsTitle',
    body: element,
    plugins: [
      // Ctrl+Alt+M comments on the selection, from the keyboard, in a read-only document too.
      new Plugin({
        props: {
          handleDOMEvents: {
            keydown: (_view, event) => {
              if (!isShortcut(event, 'm') || !canComment()) return false
              event.preventDefault()
              if (!selection?.open()) announce(t('layoutNothingSelected'))
              return true
            },
          },
        },
      }),
      commentHighlights({
        onUpdate: () => {
          markThreads()
          selection?.refresh()
        },
        onThreadClick: (threadId) => {
          active = threadId
          markThreads()
          if (view) view.dispatch(setActiveThread(view.state.tr, threadId))
          element.querySelector(`li.thread[data-thread-id="${CSS.escape(threadId)}"]`)?.scrollIntoView({ block: 'nearest' })
        },
      }),
    ],
    destroy: () => {
      for (const fn of teardown.splice(0).reverse()) fn()
    },
  }
}
