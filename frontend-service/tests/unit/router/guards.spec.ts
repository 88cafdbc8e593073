import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Role } from '@/api'
import { resolveNavigation, type SessionLike } from '@/router/guards'
import { routes } from '@/router/routes'
import { createHarness, jsonResponse, problem, stubFetch, USERS } from '../helpers'

function fakeSession(role: Role | null): SessionLike & { loads: number } {
  return {
    loads: 0,
    isAuthenticated: role !== null,
    role,
    async ensureLoaded() {
      this.loads += 1
    },
  }
}

const resolver = createRouter({ history: createMemoryHistory(), routes })
const decide = (path: string, session: SessionLike) => resolveNavigation(resolver.resolve(path), session)

describe('resolveNavigation', () => {
  it('waits for the session before deciding', async () => {
    const session = fakeSession('student')
    await decide('/student', session)
    expect(session.loads).toBe(1)
  })

  it('sends a visitor without a session to login, remembering where they were going', async () => {
    expect(await decide('/admin', fakeSession(null))).toEqual({ name: 'login', query: { redirect: '/admin' } })
    expect(await decide('/', fakeSession(null))).toEqual({ name: 'login', query: {} })
  })

  it.each([
    ['student', 'student-dashboard'],
    ['teacher', 'teacher-dashboard'],
    ['admin', 'admin-dashboard'],
  ] as const)('sends a %s from home to their dashboard', async (role, name) => {
    expect(await decide('/', fakeSession(role))).toEqual({ name })
  })

  it.each([
    ['student', '/admin'],
    ['student', '/teacher'],
    ['teacher', '/admin'],
    ['teacher', '/student'],
    ['admin', '/student'],
  ] as const)('refuses a %s on %s', async (role, path) => {
    expect(await decide(path, fakeSession(role))).toEqual({ name: 'forbidden' })
  })

  it('lets each role into its own area', async () => {
    expect(await decide('/admin', fakeSession('admin'))).toBe(true)
    expect(await decide('/teacher', fakeSession('teacher'))).toBe(true)
    expect(await decide('/student', fakeSession('student'))).toBe(true)
  })

  it('keeps signed-in users off the login page', async () => {
    expect(await decide('/login', fakeSession('teacher'))).toEqual({ name: 'teacher-dashboard' })
    expect(await decide('/login?redirect=/teacher', fakeSession('teacher'))).toBe('/teacher')
    expect(await decide('/login', fakeSession(null))).toBe(true)
    expect(await decide('/register', fakeSession(null))).toBe(true)
  })

  it('never redirects off-site after login', async () => {
    expect(await decide('/login?redirect=//evil.example', fakeSession('admin'))).toEqual({ name: 'admin-dashboard' })
  })

  it.each(['/invite#tok', '/reset-password#tok', '/verify-email#tok'])(
    'opens the email link %s while logged out and while logged in',
    async (path) => {
      expect(await decide(path, fakeSession(null))).toBe(true)
      expect(await decide(path, fakeSession('student'))).toBe(true)
    },
  )

  it('keeps the forgot-password page for visitors, like login', async () => {
    expect(await decide('/forgot-password', fakeSession(null))).toBe(true)
    expect(await decide('/forgot-password', fakeSession('admin'))).toEqual({ name: 'admin-dashboard' })
  })

  it("opens the feedback link /lessons/:id for a student, keeps ?feedback=1 through login, refuses other roles", async () => {
    expect(await decide('/lessons/l-1?feedback=1', fakeSession('student'))).toBe(true)
    expect(await decide('/lessons/l-1?feedback=1', fakeSession(null))).toEqual({
      name: 'login',
      query: { redirect: '/lessons/l-1?feedback=1' },
    })
    expect(await decide('/lessons/l-1', fakeSession('teacher'))).toEqual({ name: 'forbidden' })
  })

  it('keeps the broadcast page for admins', async () => {
    expect(await decide('/admin/broadcasts', fakeSession('admin'))).toBe(true)
    expect(await decide('/admin/broadcasts', fakeSession('teacher'))).toEqual({ name: 'forbidden' })
  })

  it('shows the not-found page to anyone', async () => {
    expect(await decide('/no/such/page', fakeSession(null))).toBe(true)
  })
})

describe('app router', () => {
  let harness: ReturnType<typeof createHarness>
  beforeEach(() => {
    harness = createHarness()
  })

  it('lands a student who opens /admin on the forbidden page', async () => {
    stubFetch(() => jsonResponse(200, USERS.student))
    await harness.router.push('/admin')
    expect(harness.router.currentRoute.value.name).toBe('forbidden')
  })

  it('lands a visitor without a session on login with the redirect kept', async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    await harness.router.push('/teacher')
    expect(harness.router.currentRoute.value.name).toBe('login')
    expect(harness.router.currentRoute.value.query.redirect).toBe('/teacher')
  })

  it('sends the user back to login when the session expires mid-visit', async () => {
    let expired = false
    stubFetch((call) =>
      call.url === '/api/me' ? jsonResponse(200, USERS.admin) : expired ? problem(401, 'session_expired') : jsonResponse(200, {}),
    )
    await harness.router.push('/admin')
    expect(harness.router.currentRoute.value.name).toBe('admin-dashboard')

    expired = true
    const { request } = await import('@/api')
    await request('/admin/dashboard').catch(() => undefined)
    await flushPromises()

    expect(harness.router.currentRoute.value.name).toBe('login')
    expect(harness.router.currentRoute.value.query.redirect).toBe('/admin')
    expect(harness.router.currentRoute.value.query.expired).toBe('1')
  })
})
