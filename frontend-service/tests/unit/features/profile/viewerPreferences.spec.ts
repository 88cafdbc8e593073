import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { useI18n } from 'vue-i18n'
import Select from 'primevue/select'
import type { Preferences } from '@/api'
import { useViewerPreferences } from '@/composables/useViewerPreferences'
import ProfilePage from '@/features/profile/ProfilePage.vue'
import { useSessionStore } from '@/stores/session'
import { formatTime, setViewerTimeZone, viewerTimeZone } from '@/utils/format'
import { USERS } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const saved: Preferences = {
  language: 'en',
  timezone: 'Asia/Tokyo',
  quiet_hours: null,
  channels: { account: ['email'], lessons: ['email'], reminders: [], billing: ['email'], news: [] },
  saved: true,
}

// 00:00 UTC is 09:00 in Tokyo and 03:00 in Moscow, whatever zone the test machine runs in.
const MIDNIGHT_UTC = '2026-12-01T00:00:00Z'

// Shows the interface language, a translated title and a time, as any screen would.
const Probe = defineComponent({
  setup() {
    const { locale, t } = useI18n()
    useViewerPreferences().follow()
    return () => h('p', { id: 'probe' }, `${locale.value}|${t('profile.title')}|${formatTime(MIDNIGHT_UTC, locale.value)}`)
  },
})

describe("the profile's language and time zone rule the interface", { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it('times follow the zone saved in the profile, not the browser', () => {
    setViewerTimeZone('Asia/Tokyo')
    expect(viewerTimeZone()).toBe('Asia/Tokyo')
    expect(formatTime(MIDNIGHT_UTC, 'ru')).toBe('09:00')
    setViewerTimeZone('not/a-zone')
    expect(viewerTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  it('signing in applies the saved language and zone', async () => {
    stubFetch((call) => (call.url === '/api/me/preferences' ? jsonResponse(200, saved) : jsonResponse(200, USERS.student)))
    const harness = createHarness()
    const wrapper = mountWithApp(Probe, harness)
    expect(wrapper.get('#probe').text()).toMatch(/^ru\|/)

    useSessionStore().user = USERS.student
    await flushPromises()

    expect(wrapper.get('#probe').text()).toBe('en|Profile and notifications|09:00')
    await harness.router.isReady()
  })

  it("the studio's defaults (never saved by the person) leave the interface as it is", async () => {
    stubFetch((call) =>
      call.url === '/api/me/preferences' ? jsonResponse(200, { ...saved, saved: false }) : jsonResponse(200, USERS.student),
    )
    const harness = createHarness()
    const wrapper = mountWithApp(Probe, harness)
    await harness.router.isReady()
    useSessionStore().user = USERS.student
    await flushPromises()
    expect(wrapper.get('#probe').text()).toMatch(/^ru\|/)
    expect(viewerTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone)
  })

  it('saving English on the profile page switches the interface at once', async () => {
    stubFetch((call) => {
      if (call.url === '/api/me/preferences' && call.method === 'PUT') return jsonResponse(200, call.body)
      if (call.url === '/api/me/preferences') return jsonResponse(200, { ...saved, language: 'ru', timezone: 'Europe/Moscow' })
      return jsonResponse(200, USERS.student)
    })
    const harness = createHarness()
    useSessionStore().user = USERS.student
    const wrapper = mountWithApp(ProfilePage, harness)
    await harness.router.isReady()
    await flushPromises()
    expect(wrapper.get('h1').text()).toBe('Профиль и уведомления')

    wrapper.findAllComponents(Select)[0]!.vm.$emit('update:modelValue', 'en')
    wrapper.findAllComponents(Select)[1]!.vm.$emit('update:modelValue', 'Asia/Tokyo')
    await flushPromises()
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('h1').text()).toBe('Profile and notifications')
    expect(viewerTimeZone()).toBe('Asia/Tokyo')
    expect(wrapper.get('[data-testid="profile-zone-name"]').text()).toContain('Japan')
  })
})
