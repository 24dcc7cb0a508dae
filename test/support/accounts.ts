let counter = 0

export interface TestUser {
  userId: string
  email: string
  /** The `Cookie` header value of a browser session. */
  cookie: string
  /** An access token for websocket clients (`?token=`) and `Authorization: Bearer`. */
  token: string
}

/** Signs up a new account over HTTP, as a person would, and issues an access token for it. */
export async function signUp(url: string, name = `person${counter + 1}`): Promise<TestUser> {
  counter++
  const email = `user${counter}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.se`
  const res = await fetch(url + '/api/auth/signup', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery staple', displayName: name }),
  })
  if (res.status !== 201) throw new Error(`signup: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  const { user } = (await res.json()) as { user: { id: string } }
  const tokenRes = await fetch(url + '/api/auth/tokens', { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: '{}' })
  const { token } = (await tokenRes.json()) as { token: string }
  return { userId: user.id, email, cookie, token }
}

/** A JSON request as the given user (or anonymous), returning status and parsed body. */
export async function call(url: string, user: TestUser | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {}
  if (user) headers.cookie = user.cookie
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null }
}

export async function addMember(url: string, owner: TestUser, agreementId: string, member: TestUser, role: string): Promise<void> {
  const res = await call(url, owner, 'POST', `/api/agreements/${agreementId}/members`, { email: member.email, role })
  if (res.status !== 201) throw new Error(`add member: ${res.status} ${JSON.stringify(res.body)}`)
}
