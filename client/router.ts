/**
 * Two pages, addressed by path so a link to an agreement can be shared: `/` lists the agreements,
 * `/a/<id>` opens one. The server answers every non-API path with index.html.
 */
/** What the router mounts: an element, and a destroy that closes whatever the page opened. */
export interface Page {
  element: HTMLElement
  destroy(): void
}

export type Route = { page: 'list' } | { page: 'editor'; agreementId: string } | { page: 'invite'; token: string } | { page: 'org'; orgId: string }

export function parseRoute(pathname: string): Route {
  const match = /^\/a\/([^/]+)\/?$/.exec(pathname)
  if (match?.[1]) return { page: 'editor', agreementId: decodeURIComponent(match[1]) }
  const invite = /^\/invite\/([^/]+)\/?$/.exec(pathname)
  if (invite?.[1]) return { page: 'invite', token: decodeURIComponent(invite[1]) }
  const org = /^\/org\/([^/]+)\/?$/.exec(pathname)
  if (org?.[1]) return { page: 'org', orgId: decodeURIComponent(org[1]) }
  return { page: 'list' }
}

export function orgPath(id: string): string {
  return `/org/${encodeURIComponent(id)}`
}

export function agreementPath(id: string): string {
  return `/a/${encodeURIComponent(id)}`
}

export function startRouter(render: (route: Route) => void): { navigate: (path: string, options?: { replace?: boolean }) => void } {
  // `replace` for pages that only pass through (an accepted invitation): Back should not return to them.
  const navigate = (path: string, { replace = false }: { replace?: boolean } = {}): void => {
    if (replace) history.replaceState(null, '', path)
    else if (path !== location.pathname + location.hash) history.pushState(null, '', path)
    render(parseRoute(location.pathname))
  }
  addEventListener('popstate', () => render(parseRoute(location.pathname)))
  // In-app links keep the page (and its websocket) instead of a full reload; modified clicks open tabs.
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
    const link = (event.target as Element | null)?.closest?.('a[data-route]')
    if (!(link instanceof HTMLAnchorElement)) return
    event.preventDefault()
    // The hash is kept: a notification's link points at a place inside the agreement.
    navigate(link.pathname + link.hash)
  })
  render(parseRoute(location.pathname))
  return { navigate }
}
