import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ForgotPasswordPage from '@/features/auth/ForgotPasswordPage.vue'
import InvitePage from '@/features/auth/InvitePage.vue'
import ResetPasswordPage from '@/features/auth/ResetPasswordPage.vue'
import { checkNewPassword } from '@/features/auth/password'
import { useSessionStore } from '@/stores/session'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type RecordedCall } from '../../helpers'

type Handler = (call: RecordedCall) => Response

function backend(handler: Handler) {
  return stubFetch((call) => (call.url === '/api/me' ? problem(401, 'not_authenticated') : handler(call)))
}

async function open(path: string) {
  const harness = createHarness()
  await harness.router.push(path)
  return harness
}

async function typePasswords(wrapper: ReturnType<typeof mountWithApp>, prefix: string, first: string, second: string) {
  await wrapper.get(`#${prefix}-password`).setValue(first)
  await wrapper.get(`#${prefix}-repeat`).setValue(second)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

afterEach(() => {
  document.body.innerHTML = ''
})

describe('checkNewPassword', () => {
  it('wants 8+ characters typed the same twice', () => {
    expect(checkNewPassword('', '')).toBe('required')
    expect(checkNewPassword('short', 'short')).toBe('tooShort')
    expect(checkNewPassword('long-enough', 'long-enougH')).toBe('mismatch')
    expect(checkNewPassword('long-enough', 'long-enough')).toBeNull()
  })
})

describe('ForgotPasswordPage', () => {
  it('posts the email and says an email was sent if the account exists (202 says nothing more)', async () => {
    const calls = backend(() => new Response(null, { status: 202 }))
    const harness = await open('/forgot-password')
    const wrapper = mountWithApp(ForgotPasswordPage, harness)

    await wrapper.get('#forgot-email').setValue(' anna@example.com ')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/password-reset/request',
      body: { email: 'anna@example.com' },
    })
    expect(wrapper.get('[data-testid="forgot-sent"]').text()).toContain(
      'Если аккаунт с адресом anna@example.com существует, мы отправили на него письмо',
    )
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('checks the address before calling the server', async () => {
    const calls = backend(() => new Response(null, { status: 202 }))
    const wrapper = mountWithApp(ForgotPasswordPage, await open('/forgot-password'))
    await wrapper.get('#forgot-email').setValue('not-an-email')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(calls.filter((c) => c.url.includes('password-reset'))).toHaveLength(0)
    expect(wrapper.text()).toContain('Введите корректный e-mail')
  })

  it('shows a failure (rate limit, outage) and keeps the form', async () => {
    backend(() => problem(503, 'service_unavailable'))
    const wrapper = mountWithApp(ForgotPasswordPage, await open('/forgot-password'))
    await wrapper.get('#forgot-email').setValue('anna@example.com')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="forgot-error"]').text()).toContain('Сервер временно недоступен')
    expect(wrapper.find('#forgot-email').exists()).toBe(true)
  })
})

describe('ResetPasswordPage', () => {
  it('sends the token and the new password, then opens login with a success message', async () => {
    const calls = backend(() => new Response(null, { status: 204 }))
    const harness = await open('/reset-password#tok-123')
    const wrapper = mountWithApp(ResetPasswordPage, harness, { props: { token: 'tok-123' } })

    await typePasswords(wrapper, 'reset', 'new-secret-1', 'new-secret-1')

    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/password-reset/confirm',
      body: { token: 'tok-123', password: 'new-secret-1' },
    })
    await vi.waitFor(() => expect(harness.router.currentRoute.value.fullPath).toBe('/login?reset=done'))
  })

  it('refuses two different passwords without calling the server', async () => {
    const calls = backend(() => new Response(null, { status: 204 }))
    const wrapper = mountWithApp(ResetPasswordPage, await open('/reset-password#t'), { props: { token: 't' } })

    await typePasswords(wrapper, 'reset', 'new-secret-1', 'new-secret-2')

    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('Пароли не совпадают')
    expect(calls.filter((c) => c.url.includes('password-reset'))).toHaveLength(0)
  })

  it('explains an expired or used link (410) and offers a new one', async () => {
    backend(() => problem(410, 'link_invalid', 'Gone'))
    const wrapper = mountWithApp(ResetPasswordPage, await open('/reset-password#old'), { props: { token: 'old' } })

    await typePasswords(wrapper, 'reset', 'new-secret-1', 'new-secret-1')

    expect(wrapper.get('[data-testid="reset-error"]').text()).toContain('уже использована или её срок истёк')
    expect(wrapper.find('form').exists()).toBe(false)
    expect(wrapper.findAll('a').map((a) => a.attributes('href'))).toContain('/forgot-password')
  })

  it('shows a weak password problem and lets the user try another', async () => {
    backend(() => problem(422, 'weak_password', 'Password too weak', 'This password is too common; choose another one.'))
    const wrapper = mountWithApp(ResetPasswordPage, await open('/reset-password#t'), { props: { token: 't' } })

    await typePasswords(wrapper, 'reset', 'password', 'password')

    expect(wrapper.get('[data-testid="reset-error"]').text()).toContain('Пароль слишком простой')
    expect(wrapper.find('form').exists()).toBe(true)
  })
})

describe('InvitePage', () => {
  it("sets the password, is logged in by the BFF and opens the role's home", async () => {
    const calls = backend(() => jsonResponse(200, { user: USERS.teacher }))
    const harness = await open('/invite#inv-1')
    const wrapper = mountWithApp(InvitePage, harness, { props: { token: 'inv-1' } })

    await typePasswords(wrapper, 'invite', 'my-password-1', 'my-password-1')

    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/auth/invitations/accept',
      body: { token: 'inv-1', password: 'my-password-1' },
    })
    expect(useSessionStore().role).toBe('teacher')
    await vi.waitFor(() => expect(harness.router.currentRoute.value.name).toBe('teacher-dashboard'))
  })

  it('explains a used invitation and who can send a new one', async () => {
    backend(() => problem(410, 'link_invalid', 'Gone'))
    const wrapper = mountWithApp(InvitePage, await open('/invite#x'), { props: { token: 'x' } })

    await typePasswords(wrapper, 'invite', 'my-password-1', 'my-password-1')

    const error = wrapper.get('[data-testid="invite-error"]').text()
    expect(error).toContain('уже использована')
    expect(error).toContain('администратора')
    expect(useSessionStore().isAuthenticated).toBe(false)
  })

  it('refuses a short password before calling the server', async () => {
    const calls = backend(() => jsonResponse(200, { user: USERS.teacher }))
    const wrapper = mountWithApp(InvitePage, await open('/invite#x'), { props: { token: 'x' } })

    await typePasswords(wrapper, 'invite', 'short', 'short')

    expect(wrapper.get('[data-testid="password-error"]').text()).toBe('Не короче 8 символов')
    expect(calls.filter((c) => c.url.includes('invitations'))).toHaveLength(0)
  })
})
