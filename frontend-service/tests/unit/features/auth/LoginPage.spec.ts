import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import LoginPage from '@/features/auth/LoginPage.vue'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type RecordedCall } from '../../helpers'

async function mountLogin(path = '/login') {
  const harness = createHarness()
  await harness.router.push(path)
  const wrapper = mountWithApp(LoginPage, harness)
  return { wrapper, router: harness.router }
}

async function fillAndSubmit(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper'], email: string, password: string) {
  await wrapper.get('#login-email').setValue(email)
  await wrapper.get('#login-password').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

describe('LoginPage', () => {
  let loginResponse: () => Response
  let calls: RecordedCall[]

  beforeEach(() => {
    loginResponse = () => jsonResponse(200, { user: USERS.teacher })
    calls = stubFetch((call) => (call.url === '/api/me' ? problem(401, 'not_authenticated') : loginResponse()))
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('renders labelled email and password fields in Russian by default', async () => {
    const { wrapper } = await mountLogin()

    expect(wrapper.get('h1').text()).toBe('Вход')
    expect(wrapper.get('label[for="login-email"]').text()).toBe('E-mail')
    expect(wrapper.get('label[for="login-password"]').text()).toBe('Пароль')
    expect(wrapper.get('#login-password').attributes('type')).toBe('password')
    expect(wrapper.find('[data-testid="login-error"]').exists()).toBe(false)
  })

  it('shows "wrong email or password" on 401 and stays on the page', async () => {
    loginResponse = () => problem(401, 'invalid_credentials', 'Unauthorized')
    const { wrapper, router } = await mountLogin()

    await fillAndSubmit(wrapper, 'student@demo.studio', 'wrong-password')

    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('Неверный e-mail или пароль')
    expect(router.currentRoute.value.name).toBe('login')
    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/login',
      body: { email: 'student@demo.studio', password: 'wrong-password' },
    })
  })

  it('asks to try later on 429', async () => {
    loginResponse = () => problem(429, 'too_many_attempts', 'Too Many Requests')
    const { wrapper } = await mountLogin()

    await fillAndSubmit(wrapper, 'student@demo.studio', 'whatever')

    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('Попробуйте позже')
  })

  it('does not call the API with an empty form', async () => {
    const { wrapper } = await mountLogin()

    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(calls.filter((c) => c.url === '/api/auth/login')).toHaveLength(0)
    expect(wrapper.get('[data-testid="login-error"]').text()).toBe('Введите e-mail и пароль')
  })

  it("opens the role's dashboard after a successful login", async () => {
    const { wrapper, router } = await mountLogin()

    await fillAndSubmit(wrapper, ' teacher@demo.studio ', 'demo-studio-2026')

    expect(calls.at(-1)?.body).toEqual({ email: 'teacher@demo.studio', password: 'demo-studio-2026' })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('teacher-dashboard'))
  })

  it('returns to the page the user was sent away from', async () => {
    const { wrapper, router } = await mountLogin('/login?redirect=/teacher')

    await fillAndSubmit(wrapper, 'teacher@demo.studio', 'demo-studio-2026')

    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/teacher'))
  })
})
