import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { useSessionStore } from '@/stores/session'
import { clearCookies, jsonResponse, problem, setCookie, stubFetch, USERS } from '../helpers'

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    clearCookies()
    window.location.hash = ''
  })
  afterEach(() => {
    delete window.Telegram
  })

  it('loads the signed-in user from GET /api/me', async () => {
    const calls = stubFetch(() => jsonResponse(200, USERS.teacher))
    const session = useSessionStore()

    await session.ensureLoaded()

    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['GET /api/me'])
    expect(session.isAuthenticated).toBe(true)
    expect(session.role).toBe('teacher')
    expect(session.displayName).toBe('John Smith')
    expect(session.status).toBe('ready')
  })

  it('treats 401 from /api/me as logged out, not as an error', async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const session = useSessionStore()

    await session.ensureLoaded()

    expect(session.isAuthenticated).toBe(false)
    expect(session.role).toBeNull()
    expect(session.loadError).toBeNull()
    expect(session.status).toBe('ready')
  })

  it('keeps the failure code when the BFF is down', async () => {
    stubFetch(() => problem(503, 'upstream_unavailable'))
    const session = useSessionStore()

    await session.ensureLoaded()

    expect(session.isAuthenticated).toBe(false)
    expect(session.loadError).toBe('upstream_unavailable')
  })

  it('asks the server only once however many navigations wait for it', async () => {
    const calls = stubFetch(() => jsonResponse(200, USERS.student))
    const session = useSessionStore()

    await Promise.all([session.ensureLoaded(), session.ensureLoaded(), session.ensureLoaded()])
    await session.ensureLoaded()

    expect(calls).toHaveLength(1)
  })

  it('logs in with POST /api/auth/login and keeps the returned user', async () => {
    const calls = stubFetch(() => jsonResponse(200, { user: USERS.admin }))
    const session = useSessionStore()

    const user = await session.login({ email: 'admin@demo.studio', password: 'secret-pass' })

    expect(user.role).toBe('admin')
    expect(session.role).toBe('admin')
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: 'admin@demo.studio', password: 'secret-pass' },
    })
  })

  it('leaves the user logged out when login is rejected', async () => {
    stubFetch(() => problem(401, 'invalid_credentials'))
    const session = useSessionStore()

    await expect(session.login({ email: 'a@b.c', password: 'x' })).rejects.toMatchObject({ status: 401 })
    expect(session.isAuthenticated).toBe(false)
  })

  it('logs out through the API with the CSRF header and forgets the user', async () => {
    setCookie('studio_csrf', 'tok')
    const calls = stubFetch((call) => (call.url === '/api/me' ? jsonResponse(200, USERS.student) : new Response(null, { status: 204 })))
    const session = useSessionStore()
    await session.ensureLoaded()

    await session.logout()

    expect(calls[1]).toMatchObject({ method: 'POST', url: '/api/auth/logout' })
    expect(calls[1]?.headers['x-csrf-token']).toBe('tok')
    expect(session.isAuthenticated).toBe(false)
  })

  it('forgets the user even when the logout call fails', async () => {
    stubFetch((call) => (call.url === '/api/me' ? jsonResponse(200, USERS.student) : problem(500, 'boom')))
    const session = useSessionStore()
    await session.ensureLoaded()

    await session.logout()

    expect(session.user).toBeNull()
  })

  it('inside Telegram logs in with the Mini App init data and follows its colour scheme', async () => {
    const ready = vi.fn()
    window.Telegram = {
      WebApp: { initData: 'query_id=1&hash=abc', colorScheme: 'dark', ready, expand: vi.fn(), onEvent: vi.fn() },
    }
    const calls = stubFetch(() => jsonResponse(200, { user: USERS.student }))
    const session = useSessionStore()

    await session.ensureLoaded()

    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: '/api/auth/telegram/miniapp',
      body: { init_data: 'query_id=1&hash=abc' },
    })
    expect(session.viaTelegram).toBe(true)
    expect(session.role).toBe('student')
    expect(ready).toHaveBeenCalled()
    expect(document.documentElement.classList.contains('app-dark')).toBe(true)
  })

  it('falls back to the cookie session when the Mini App signature is rejected', async () => {
    window.Telegram = {
      WebApp: { initData: 'tampered', colorScheme: 'light', ready: vi.fn(), expand: vi.fn(), onEvent: vi.fn() },
    }
    const calls = stubFetch((call) => (call.url === '/api/me' ? problem(401, 'not_authenticated') : problem(401, 'invalid_init_data')))
    const session = useSessionStore()

    await session.ensureLoaded()

    expect(calls.map((c) => c.url)).toEqual(['/api/auth/telegram/miniapp', '/api/me'])
    expect(session.isAuthenticated).toBe(false)
    expect(session.viaTelegram).toBe(false)
  })

  it('outside Telegram loads no script from the internet', async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const session = useSessionStore()

    await session.ensureLoaded()

    expect(document.querySelectorAll('script[src]')).toHaveLength(0)
  })
})

describe('session store opened from Telegram', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    document.head.innerHTML = ''
  })
  afterEach(() => {
    delete window.Telegram
    window.location.hash = ''
  })

  it('loads telegram-web-app.js only when the URL carries tgWebAppData, then logs in', async () => {
    window.location.hash = '#tgWebAppData=query_id%3D1&tgWebAppVersion=8.0'
    const calls = stubFetch(() => jsonResponse(200, { user: USERS.student }))
    const session = useSessionStore()

    const loaded = session.ensureLoaded()
    const script = document.head.querySelector<HTMLScriptElement>('script[src]')
    expect(script?.src).toContain('telegram-web-app.js')
    window.Telegram = {
      WebApp: { initData: 'query_id=1&hash=abc', colorScheme: 'light', ready: vi.fn(), expand: vi.fn(), onEvent: vi.fn() },
    }
    script?.dispatchEvent(new Event('load'))
    await loaded

    expect(calls[0]?.url).toBe('/api/auth/telegram/miniapp')
    expect(session.role).toBe('student')
  })

  it('gives up on the SDK when it cannot be loaded and uses the cookie session', async () => {
    window.location.hash = '#tgWebAppData=x'
    const calls = stubFetch(() => jsonResponse(200, USERS.teacher))
    const session = useSessionStore()

    const loaded = session.ensureLoaded()
    document.head.querySelector('script[src]')?.dispatchEvent(new Event('error'))
    await loaded

    expect(calls.map((c) => c.url)).toEqual(['/api/me'])
    expect(session.role).toBe('teacher')
  })
})
