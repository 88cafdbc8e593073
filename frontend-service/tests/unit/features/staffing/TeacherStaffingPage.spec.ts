import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import TeacherStaffingPage from '@/features/staffing/TeacherStaffingPage.vue'
import { browserTimeZone, setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS } from '../../helpers'

const TEACHER_ZONE = 'Asia/Vladivostok'
const ADMIN_ZONE = 'Asia/Yekaterinburg'

describe("a teacher's hours set by the admin are kept in the teacher's zone", { timeout: 30_000 }, () => {
  afterEach(() => {
    setViewerTimeZone(null)
    document.body.innerHTML = ''
  })

  it("a teacher with no hours yet: the teacher's own zone, not the admin's browser's", async () => {
    expect(browserTimeZone()).not.toBe(TEACHER_ZONE)
    setViewerTimeZone(ADMIN_ZONE)
    const calls = stubFetch((call) => {
      if (call.url === '/api/me') return jsonResponse(200, USERS.admin)
      if (call.url === '/api/admin/teachers/t1/availability' && call.method === 'GET') return problem(404, 'not_found')
      if (call.url === '/api/admin/teachers/t1/availability') return jsonResponse(200, { teacher_id: 't1', timezone: TEACHER_ZONE, rules: (call.body as { rules: unknown[] }).rules })
      if (call.url.startsWith('/api/admin/teachers/t1/clashes')) return jsonResponse(200, { clashes: [] })
      if (call.url.startsWith('/api/teachers')) {
        return jsonResponse(200, [{ id: 't1', first_name: 'Olga', last_name: 'K', photo_url: null, timezone: TEACHER_ZONE }])
      }
      return jsonResponse(200, [])
    })
    const harness = createHarness()
    await harness.router.push('/admin/teachers/t1')
    expect(harness.router.currentRoute.value.params.id).toBe('t1')
    mountWithApp(TeacherStaffingPage, harness)
    await flushPromises()

    // No hours yet is a normal start, not an error.
    expect(document.querySelector('[role="alert"]')).toBeNull()
    const save = [...document.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Сохранить')
    save!.click()
    await flushPromises()
    const saved = calls.find((call) => call.method === 'PUT')
    expect(saved?.body).toMatchObject({ timezone: TEACHER_ZONE })
  })
})
