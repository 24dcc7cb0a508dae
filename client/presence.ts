import type { Awareness } from 'y-protocols/awareness'
import { h } from './dom.ts'
import { onLangChange, t } from './i18n.ts'

interface Person {
  name: string
  color: string
  self: boolean
  /** Stamped by the server from the membership (never what a client claims); null when none is set. */
  party: string | null
}

/**
 * Who is in the agreement now, from awareness. One row per account (the server stamps the
 * authenticated user id into every state): the same person in two tabs is one person to the others,
 * and two people who share a name stay two rows, told apart by their party or a number. Remote states
 * vanish when their connection closes (the provider and server remove them), so the list never shows
 * someone who left.
 */
export function peopleFromAwareness(awareness: Awareness): Person[] {
  const byAccount = new Map<string, Person>()
  awareness.getStates().forEach((state, clientId) => {
    const user = (state as { user?: { name?: unknown; color?: unknown; party?: unknown; userId?: unknown } }).user
    if (!user || typeof user.name !== 'string') return
    const self = clientId === awareness.clientID
    // Without a stamped id (a server that does not authenticate) the name is all there is.
    const key = typeof user.userId === 'string' ? `id:${user.userId}` : `name:${user.name}`
    const existing = byAccount.get(key)
    if (existing) {
      existing.self ||= self
      existing.party ??= typeof user.party === 'string' ? user.party : null
      return
    }
    byAccount.set(key, { name: user.name, color: typeof user.color === 'string' ? user.color : '#37474f', self, party: typeof user.party === 'string' ? user.party : null })
  })
  const people = [...byAccount.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name))
  const seen = new Map<string, number>()
  for (const person of people) {
    const n = (seen.get(person.name) ?? 0) + 1
    seen.set(person.name, n)
    if (n > 1) person.name = `${person.name} (${n})`
  }
  return people
}

export function presenceView(awareness: Awareness): { element: HTMLElement; destroy: () => void } {
  const list = h('ul', { class: 'presence-list' })
  const alone = h('p', { class: 'muted presence-alone', text: 'presenceAlone' })
  const element = h('div', { class: 'presence' }, list, alone)

  const render = (): void => {
    const people = peopleFromAwareness(awareness)
    list.replaceChildren(
      ...people.map((p) =>
        h(
          'li',
          { class: 'presence-person', attrs: { 'data-name': p.name } },
          h('span', { class: 'avatar', attrs: { style: `background:${p.color}`, 'aria-hidden': 'true' } }, initials(p.name)),
          h(
            'span',
            { class: 'presence-who' },
            h('span', { class: 'presence-line' }, h('span', { class: 'presence-name' }, p.name), p.self ? h('span', { class: 'muted presence-you' }, t('presenceYou')) : null),
            p.party ? h('span', { class: 'muted presence-party' }, p.party) : null,
          ),
        ),
      ),
    )
    alone.hidden = people.some((p) => !p.self) || people.length === 0
  }
  render()
  awareness.on('change', render)
  const offLang = onLangChange(render)
  return {
    element,
    destroy: () => {
      awareness.off('change', render)
      offLang()
    },
  }
}

export function initials(name: string): string {
  // Words that start with a letter: "(2)", which tells two people of the same name apart, is no initial.
  const parts = name.split(' ').filter((part) => /^\p{L}/u.test(part))
  const words = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts.length === 1 ? parts : [name]
  return words
    .map((p) => [...(p ?? '')][0] ?? '')
    .join('')
    .toUpperCase()
}
