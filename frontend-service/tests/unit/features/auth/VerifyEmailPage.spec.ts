import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import VerifyEmailPage from '@/features/auth/VerifyEmailPage.vue'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type RecordedCall } from '../../helpers'

async function mountVerify(handler: (call: RecordedCall) => Response) {
  const calls = stubFetch((call) => (call.url === '/api/me' ? problem(401, 'not_authenticated') : handler(call)))
  const harness = createHarness()
  await harness.router.push('/verify-email#v-1')
  const wrapper = mountWithApp(VerifyEmailPage, harness, { props: { token: 'v-1' } })
  return { wrapper, calls }
}

describe('VerifyEmailPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a loading state, then confirms the address', async () => {
    const { wrapper, calls } = await mountVerify(() => jsonResponse(200, { ...USERS.student, email_verified: true }))
    expect(wrapper.text()).toContain('Проверяем ссылку…')

    await flushPromises()

    expect(calls.find((c) => c.url === '/api/auth/verify-email')).toMatchObject({ method: 'POST', body: { token: 'v-1' } })
    expect(wrapper.get('[data-testid="verify-done"]').text()).toBe('Адрес student@demo.studio подтверждён.')
    expect(wrapper.findAll('a').map((a) => a.attributes('href'))).toContain('/login')
  })

  it('says a used or expired link cannot be retried', async () => {
    const { wrapper } = await mountVerify(() => problem(410, 'link_invalid', 'Gone'))
    await flushPromises()

    expect(wrapper.get('[data-testid="verify-error"]').text()).toContain('уже использована или её срок истёк')
    expect(wrapper.find('[data-testid="verify-error"] button').exists()).toBe(false)
  })

  it('offers a retry after a network failure', async () => {
    let fail = true
    const { wrapper } = await mountVerify(() => (fail ? problem(503, 'service_unavailable') : jsonResponse(200, USERS.student)))
    await flushPromises()
    expect(wrapper.get('[data-testid="verify-error"]').text()).toContain('Сервер временно недоступен')

    fail = false
    await wrapper.get('[data-testid="verify-error"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="verify-done"]').exists()).toBe(true)
  })
})
