import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import LessonDialog from '@/features/calendar/LessonDialog.vue'
import StudioCalendarPage from '@/features/calendar/StudioCalendarPage.vue'
import { useStudioCalendarStore } from '@/features/calendar/store'
import { browserTimeZone, setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

// The profile's zone is ten hours east of UTC; the browser's (the test process's) is another one.
const PROFILE_ZONE = 'Asia/Vladivostok'
// Monday 20:00 UTC: already Tuesday 06:00 on the profile's wall clock.
const NOW = new Date('2026-12-07T20:00:00Z')

const teacher = { id: 't1', first_name: 'Olga', last_name: 'K', photo_url: null }
const lesson = {
  id: 'l1',
  kind: 'individual',
  status: 'scheduled',
  teacher_id: 't1',
  room_id: null,
  group_id: null,
  student_ids: ['s1'],
  students: [{ id: 's1', first_name: 'Вера', last_name: 'Т' }],
  // Tuesday 07:00 in Vladivostok.
  starts_at: '2026-12-07T21:00:00Z',
  ends_at: '2026-12-07T22:00:00Z',
  duration_minutes: 60,
}

function calendarAnswer() {
  return {
    lessons: [lesson],
    teachers: [teacher],
    rooms: [],
    time_off: [],
    availability: [],
    closed_days: [{ date: '2026-12-08', reason: 'Ремонт' }],
    degraded: [],
  }
}

describe("the studio calendar follows the profile's zone, not the browser's", { timeout: 30_000 }, () => {
  beforeEach(() => {
    expect(browserTimeZone()).not.toBe(PROFILE_ZONE)
    vi.useFakeTimers({ toFake: ['Date'], now: NOW })
    setViewerTimeZone(PROFILE_ZONE)
  })
  afterEach(() => {
    vi.useRealTimers()
    setViewerTimeZone(null)
    document.body.innerHTML = ''
  })

  it("opens on the profile's today, asks for its midnight to midnight and names the zone", async () => {
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/admin/calendar')) return jsonResponse(200, calendarAnswer())
      if (call.url.startsWith('/api/admin/groups')) return jsonResponse(200, { items: [], total: 0, page: 1, size: 100 })
      if (call.url.startsWith('/api/teachers')) return jsonResponse(200, [teacher])
      return jsonResponse(404, {})
    })
    mountWithApp(StudioCalendarPage, createHarness())
    await flushPromises()

    const query = new URL(calls.find((call) => call.url.startsWith('/api/admin/calendar'))!.url, 'http://x').searchParams
    expect(query.get('from')).toBe('2026-12-08T00:00:00+10:00')
    expect(query.get('to')).toBe('2026-12-09T00:00:00+10:00')
    expect(document.querySelector('[data-testid="calendar-day-title"]')?.textContent).toMatch(/вторник/i)
    // Tuesday is the studio's closed day in the profile's zone (in UTC it is still Monday).
    expect(document.querySelector('[data-testid="calendar-closed-day"]')?.textContent).toContain('Ремонт')
    expect(document.body.textContent).toContain(PROFILE_ZONE)
    expect(document.body.textContent).not.toContain(`: ${browserTimeZone()}`)
  })

  it("reads a typed new time on the profile's wall clock when moving a lesson", async () => {
    const calls = stubFetch((call) => {
      if (call.method === 'POST' || call.method === 'PATCH' || call.method === 'PUT') {
        return jsonResponse(200, { lesson: { ...lesson, starts_at: '2026-12-08T00:00:00Z', ends_at: '2026-12-08T01:00:00Z' } })
      }
      return jsonResponse(404, {})
    })
    const harness = createHarness()
    useStudioCalendarStore().calendar = calendarAnswer() as never
    const wrapper = mountWithApp(LessonDialog, harness, {
      props: { visible: false, lesson: lesson as never, teacherName: 'Olga K', teachers: [] },
    })
    await wrapper.setProps({ visible: true })
    await flushPromises()

    const input = document.querySelector('input[type="datetime-local"]') as HTMLInputElement
    // The lesson's own start, as the profile's wall clock shows it.
    expect(input.value).toBe('2026-12-08T07:00')
    input.value = '2026-12-08T10:00'
    input.dispatchEvent(new Event('input'))
    await flushPromises()
    const move = [...document.querySelectorAll('button')].find((button) => /перенести/i.test(button.textContent ?? ''))
    move!.click()
    await flushPromises()

    const sent = calls.find((call) => call.method !== 'GET')
    expect(sent?.body).toMatchObject({ starts_at: '2026-12-08T10:00:00+10:00' })
  })

  it('moves to the saved zone\'s day when the saved zone arrives after the page opened', async () => {
    setViewerTimeZone(null)
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/admin/calendar')) return jsonResponse(200, calendarAnswer())
      if (call.url.startsWith('/api/admin/groups')) return jsonResponse(200, { items: [], total: 0, page: 1, size: 100 })
      if (call.url.startsWith('/api/teachers')) return jsonResponse(200, [teacher])
      return jsonResponse(404, {})
    })
    mountWithApp(StudioCalendarPage, createHarness())
    await flushPromises()
    setViewerTimeZone(PROFILE_ZONE)
    await flushPromises()

    const asked = calls.filter((call) => call.url.startsWith('/api/admin/calendar'))
    const last = new URL(asked[asked.length - 1]!.url, 'http://x').searchParams
    expect(last.get('from')?.endsWith('+10:00')).toBe(true)
    expect(document.body.textContent).toContain(PROFILE_ZONE)
  })
})
