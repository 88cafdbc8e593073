import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import LoginPage from '@/features/auth/LoginPage.vue'
import type { TelegramWidgetUser } from '@/api'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type RecordedCall } from '../../helpers'

type Handler = (call: RecordedCall) => Response
let loginAnswer: () => Response = () => problem(500, 'unexpected')

async function mountLogin(path: string, providers: Handler) {
  const calls = stubFetch((call) => {
    if (call.url === '/api/me') return problem(401, 'not_authenticated')
    if (call.url === '/api/auth/oauth/providers') return providers(call)
    if (call.url === '/api/auth/telegram/login') return loginAnswer()
    return problem(404, 'not_found')
  })
  const harness = createHarness()
  await harness.router.push(path)
  const wrapper = mountWithApp(LoginPage, harness)
  await flushPromises()
  return { wrapper, calls, router: harness.router }
}

const twoProviders: Handler = () =>
  jsonResponse(200, [
    { name: 'google', title: 'Google' },
    { name: 'yandex', title: 'Яндекс ID' },
  ])

describe('LoginPage: OAuth, reset notice, Telegram', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    vi.unstubAllEnvs()
  })

  it('offers one button per configured provider, going to the BFF start URL with next=/', async () => {
    const { wrapper } = await mountLogin('/login', twoProviders)

    const links = wrapper.findAll('[data-testid="oauth"] a')
    expect(links.map((a) => a.text())).toEqual(['Войти через Google', 'Войти через Яндекс ID'])
    expect(links.map((a) => a.attributes('href'))).toEqual([
      '/api/auth/oauth/google/start?next=%2F',
      '/api/auth/oauth/yandex/start?next=%2F',
    ])
  })

  it('passes the page the user was sent away from as next (and never a foreign URL)', async () => {
    const { wrapper } = await mountLogin('/login?redirect=/student/ledger', twoProviders)
    expect(wrapper.get('[data-provider="google"]').attributes('href')).toBe(
      '/api/auth/oauth/google/start?next=%2Fstudent%2Fledger',
    )
    document.body.innerHTML = ''

    const other = await mountLogin('/login?redirect=//evil.example', twoProviders)
    expect(other.wrapper.get('[data-provider="google"]').attributes('href')).toBe('/api/auth/oauth/google/start?next=%2F')
  })

  it('shows no OAuth section when no provider is configured', async () => {
    const { wrapper } = await mountLogin('/login', () => jsonResponse(200, []))
    expect(wrapper.findAll('[data-testid="oauth"] a')).toHaveLength(0)
    expect(wrapper.text()).not.toContain('или')
  })

  it('says so and offers a retry when the providers cannot be loaded; the form still works', async () => {
    let fail = true
    const { wrapper } = await mountLogin('/login', () => (fail ? problem(503, 'service_unavailable') : twoProviders({} as RecordedCall)))
    expect(wrapper.get('[data-testid="oauth-unavailable"]').text()).toContain('недоступен')
    expect(wrapper.find('#login-email').exists()).toBe(true)

    fail = false
    await wrapper.get('[data-testid="oauth-unavailable"] button').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="oauth"] a')).toHaveLength(2)
  })

  it('shows the error the OAuth callback redirected with', async () => {
    const { wrapper } = await mountLogin('/login?oauth_error=oauth_denied', () => jsonResponse(200, []))
    expect(wrapper.get('[data-testid="oauth-error"]').text()).toBe('Вход отменён: сервис не дал доступ.')
  })

  it('falls back to a generic sentence for an unknown OAuth error code', async () => {
    const { wrapper } = await mountLogin('/login?oauth_error=something_new', () => jsonResponse(200, []))
    expect(wrapper.get('[data-testid="oauth-error"]').text()).toContain('Не удалось войти через внешний сервис')
  })

  it('confirms a password change made through the reset link', async () => {
    const { wrapper } = await mountLogin('/login?reset=done', () => jsonResponse(200, []))
    expect(wrapper.get('[data-testid="login-notice"]').text()).toBe('Пароль изменён. Войдите с новым паролем.')
    expect(wrapper.find('[data-testid="oauth-error"]').exists()).toBe(false)
  })

  it('links to the password reset page', async () => {
    const { wrapper } = await mountLogin('/login', () => jsonResponse(200, []))
    const link = wrapper.findAll('a').find((a) => a.text() === 'Забыли пароль?')
    expect(link?.attributes('href')).toBe('/forgot-password')
  })

  it('keeps the selectors the Playwright journeys use', async () => {
    const { wrapper } = await mountLogin('/login', twoProviders)
    expect(wrapper.find('#login-email').exists()).toBe(true)
    expect(wrapper.find('#login-password').exists()).toBe(true)
    const exact = wrapper.findAll('button').filter((b) => b.text() === 'Войти')
    expect(exact).toHaveLength(1)
  })

  it('loads no Telegram widget and no script when no bot username is configured', async () => {
    vi.stubEnv('VITE_TELEGRAM_BOT_USERNAME', '')
    const { wrapper } = await mountLogin('/login', () => jsonResponse(200, []))
    expect(wrapper.find('[data-testid="telegram-login"]').exists()).toBe(false)
    expect(document.querySelector('script[src*="telegram"]')).toBeNull()
  })

  it("shows the Telegram widget with a bot configured and logs in with the widget's user", async () => {
    vi.stubEnv('VITE_TELEGRAM_BOT_USERNAME', 'studio_bot')
    const { wrapper, calls, router } = await mountLogin('/login', () => jsonResponse(200, []))
    expect(wrapper.get('#telegram-login-label').text()).toBe('Войти через Telegram')
    expect(document.querySelector('script[data-telegram-login="studio_bot"]')).not.toBeNull()

    const user: TelegramWidgetUser = { id: 42, first_name: 'Anna', username: 'anna', auth_date: 1767225600, hash: 'abc' }
    loginAnswer = () => jsonResponse(200, { user: USERS.student })
    window.onStudioTelegramAuth?.(user)
    await flushPromises()

    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/auth/telegram/login', body: user })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('student-dashboard'))
  })

  it('explains that an unlinked Telegram account must be linked in the profile first', async () => {
    vi.stubEnv('VITE_TELEGRAM_BOT_USERNAME', 'studio_bot')
    const { wrapper, router } = await mountLogin('/login', () => jsonResponse(200, []))
    loginAnswer = () => problem(401, 'telegram_not_linked', 'Unauthorized')
    window.onStudioTelegramAuth?.({ id: 1, first_name: 'X', auth_date: 1, hash: 'h' })
    await flushPromises()

    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('привяжите Telegram в профиле')
    expect(router.currentRoute.value.name).toBe('login')
  })

  it('tells a user whose session expired why they are here, and only them', async () => {
    const { wrapper } = await mountLogin('/login?redirect=/student/ledger&expired=1', twoProviders)
    expect(wrapper.find('[data-testid="session-expired"]').text()).toContain('Сессия истекла')
    wrapper.unmount()
    const plain = await mountLogin('/login?redirect=/student/ledger', twoProviders)
    expect(plain.wrapper.find('[data-testid="session-expired"]').exists()).toBe(false)
  })
})
