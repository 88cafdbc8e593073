import { afterEach, describe, expect, it } from 'vitest'
import type { TelegramWidgetUser } from '@/api'
import TelegramLoginWidget from '@/features/auth/TelegramLoginWidget.vue'
import { createHarness, mountWithApp, problem, stubFetch } from '../helpers'

describe('TelegramLoginWidget', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it("is labelled, loads the widget for the bot and hands Telegram's user on", async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const harness = createHarness()
    await harness.router.push('/login')
    const wrapper = mountWithApp(TelegramLoginWidget, harness, { props: { bot: 'studio_bot' } })

    expect(wrapper.get('#telegram-login-label').text()).toBe('Войти через Telegram')
    expect(wrapper.get('script').attributes('data-telegram-login')).toBe('studio_bot')
    const user: TelegramWidgetUser = { id: 7, first_name: 'Anna', auth_date: 1767225600, hash: 'h' }
    window.onStudioTelegramAuth?.(user)
    expect(wrapper.emitted('auth')).toEqual([[user]])

    wrapper.unmount()
    expect(window.onStudioTelegramAuth).toBeUndefined()
  })
})
