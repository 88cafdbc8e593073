import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { Preferences, TelegramLink } from '@/api'
import ProfilePage from '@/features/profile/ProfilePage.vue'
import { useSessionStore } from '@/stores/session'
import { USERS } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, stubFetch, type RecordedCall } from '../../helpers'

const preferences: Preferences = {
  language: 'ru',
  timezone: 'Europe/Moscow',
  quiet_hours: null,
  channels: { account: ['email'], lessons: ['email', 'telegram'], reminders: ['telegram'], billing: ['email'], news: [] },
  saved: false,
}
const link: TelegramLink = { token: 'tok-123', deep_link: null, expires_at: '2026-12-01T10:00:00Z' }

async function mountPage() {
  const calls: RecordedCall[] = stubFetch((call) => {
    if (call.url === '/api/me/preferences' && call.method === 'PUT') return jsonResponse(200, call.body)
    if (call.url === '/api/me/preferences') return jsonResponse(200, preferences)
    if (call.url === '/api/me/telegram/link') return jsonResponse(201, link)
    return jsonResponse(200, USERS.student)
  })
  const harness = createHarness()
  useSessionStore().user = USERS.student
  const wrapper = mountWithApp(ProfilePage, harness)
  await flushPromises()
  return { wrapper, calls }
}

describe('ProfilePage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('saves quiet hours and the channels per category', async () => {
    const { wrapper, calls } = await mountPage()
    expect(wrapper.get<HTMLInputElement>('#pref-lessons-telegram').element.checked).toBe(true)

    await wrapper.get('#pref-news-email').setValue(true)
    await wrapper.get('#pref-quiet').setValue(true)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const put = calls.find((call) => call.method === 'PUT')
    expect(put?.body).toEqual({
      language: 'ru',
      timezone: 'Europe/Moscow',
      quiet_hours: { start: '22:00', end: '08:00' },
      channels: { ...preferences.channels, news: ['email'] },
    })
  })

  it('gives the /start command when the bot has no public link', async () => {
    const { wrapper } = await mountPage()
    expect(wrapper.get('[data-testid="telegram-status"]').text()).toBe('не привязан')

    await wrapper.findAll('button').find((button) => button.text().includes('Привязать Telegram'))!.trigger('click')
    await flushPromises()

    expect(wrapper.get('[data-testid="telegram-link"]').text()).toContain('/start tok-123')
  })
})
