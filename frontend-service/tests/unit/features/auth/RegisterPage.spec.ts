import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import RegisterPage from '@/features/auth/RegisterPage.vue'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type FetchHandler } from '../../helpers'

async function mountRegister(register: FetchHandler) {
  const calls = stubFetch((call) => (call.url === '/api/me' ? problem(401, 'not_authenticated') : register(call)))
  const harness = createHarness()
  await harness.router.push('/register')
  const wrapper = mountWithApp(RegisterPage, harness)
  return { wrapper, calls, router: harness.router }
}

async function fill(wrapper: Awaited<ReturnType<typeof mountRegister>>['wrapper'], values: Record<string, string>) {
  for (const [id, value] of Object.entries(values)) await wrapper.get(`#${id}`).setValue(value)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

const valid = {
  'reg-first-name': 'Анна',
  'reg-last-name': 'Иванова',
  'reg-email': 'anna@example.org',
  'reg-password': 'long-enough-pw',
}

describe('RegisterPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('validates before calling the API', async () => {
    const { wrapper, calls } = await mountRegister(() => jsonResponse(201, { user: USERS.student }))

    await fill(wrapper, { ...valid, 'reg-email': 'not-an-email', 'reg-password': 'short' })

    expect(calls.filter((c) => c.url === '/api/auth/register')).toHaveLength(0)
    expect(wrapper.text()).toContain('Введите корректный e-mail')
    expect(wrapper.text()).toContain('Не короче 8 символов')
  })

  it("registers with the browser's time zone and opens the student dashboard", async () => {
    const { wrapper, calls, router } = await mountRegister(() => jsonResponse(201, { user: USERS.student }))

    await fill(wrapper, valid)

    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/register',
      body: {
        email: 'anna@example.org',
        password: 'long-enough-pw',
        first_name: 'Анна',
        last_name: 'Иванова',
        timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      },
    })
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('student-dashboard'))
  })

  it('says so when the email is taken (409)', async () => {
    const { wrapper } = await mountRegister(() => problem(409, 'email_taken', 'Conflict'))

    await fill(wrapper, valid)

    expect(wrapper.get('[role="alert"]').text()).toBe('Этот e-mail уже зарегистрирован')
  })
})
