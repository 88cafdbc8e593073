import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import SecurityPage from '@/features/security/SecurityPage.vue'
import { passwordStrength } from '@/features/security/strength'
import { resolveNavigation, type SessionLike } from '@/router/guards'
import { useSessionStore } from '@/stores/session'
import { USERS } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, type RecordedCall } from '../../helpers'

async function mountPage(answer: (call: RecordedCall) => Response | undefined = () => undefined, forced = false) {
  const user = { ...USERS.admin, password_change_required: forced }
  const calls: RecordedCall[] = stubFetch(
    (call) => answer(call) ?? (call.url === '/api/me' ? jsonResponse(200, user) : new Response(null, { status: 204 })),
  )
  const harness = createHarness()
  useSessionStore().user = user
  const wrapper = mountWithApp(SecurityPage, harness)
  await flushPromises()
  return { wrapper, calls, harness }
}

async function fill(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], current: string, password: string) {
  await wrapper.get('#security-current').setValue(current)
  await wrapper.get('#security-new').setValue(password)
  await wrapper.get('#security-repeat').setValue(password)
  // zxcvbn's dictionaries load on first use.
  await passwordStrength(password)
  await flushPromises()
}

describe('SecurityPage', () => {
  // zxcvbn's dictionaries are large: load them once, with time to spare on a busy machine.
  beforeAll(() => passwordStrength('warm-up').then(() => undefined), 60_000)

  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends the current and the new password, and rates the new one with zxcvbn', async () => {
    const { wrapper, calls } = await mountPage()
    await fill(wrapper, 'demo-studio-2026', 'violet kettle sings at dawn')

    expect(wrapper.get('[data-testid="password-strength"]').text()).toMatch(/Хороший|Надёжный/)
    await wrapper.get('[data-testid="change-password-form"]').trigger('submit')
    await flushPromises()

    const sent = calls.find((call) => call.url === '/api/auth/password')
    expect(sent?.method).toBe('POST')
    expect(sent?.body).toEqual({ current_password: 'demo-studio-2026', new_password: 'violet kettle sings at dawn' })
  })

  it('refuses an easily guessed password before asking the server', async () => {
    const { wrapper, calls } = await mountPage()
    await fill(wrapper, 'demo-studio-2026', 'password1')

    expect(wrapper.get('[data-testid="password-strength"]').text()).toMatch(/слабый/i)
    await wrapper.get('[data-testid="change-password-form"]').trigger('submit')
    await flushPromises()

    expect(calls.some((call) => call.url === '/api/auth/password')).toBe(false)
    expect(wrapper.get('[data-testid="change-password-error"]').text()).toContain('легко подобрать')
  })

  it('shows the server refusing a wrong current password in Russian', async () => {
    const { wrapper } = await mountPage((call) =>
      call.url === '/api/auth/password' ? problem(400, 'current_password_wrong') : undefined,
    )
    await fill(wrapper, 'not-it', 'violet kettle sings at dawn')
    await wrapper.get('[data-testid="change-password-form"]').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="change-password-error"]').text()).toBe('Текущий пароль введён неверно.')
  })

  it('logs out everywhere and goes to the login page', async () => {
    const { wrapper, calls, harness } = await mountPage()
    await harness.router.push('/profile/security')
    await wrapper.get('[data-testid="logout-all"]').trigger('click')
    await flushPromises()

    expect(calls.some((call) => call.url === '/api/auth/logout-all' && call.method === 'POST')).toBe(true)
    expect(useSessionStore().user).toBeNull()
    await vi.waitFor(() => expect(harness.router.currentRoute.value.name).toBe('login'))
  })

  it('explains a forced change and hides everything else', async () => {
    const { wrapper } = await mountPage(undefined, true)
    expect(wrapper.find('[data-testid="password-change-required"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="logout-all"]').exists()).toBe(false)
  })
})

describe('resolveNavigation with a password to change', () => {
  const session: SessionLike = {
    isAuthenticated: true,
    role: 'admin',
    mustChangePassword: true,
    async ensureLoaded() {},
  }
  const harness = createHarness()

  it('sends every screen to the change-password screen', async () => {
    expect(await resolveNavigation(harness.router.resolve('/admin'), session)).toEqual({ name: 'profile-security' })
    expect(await resolveNavigation(harness.router.resolve('/profile/security'), session)).toBe(true)
  })
})
