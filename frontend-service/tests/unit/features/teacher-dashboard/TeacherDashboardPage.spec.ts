import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import TeacherDashboardPage from '@/features/teacher-dashboard/TeacherDashboardPage.vue'
import { setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const lesson = {
  id: 'l1',
  kind: 'individual',
  status: 'scheduled',
  teacher_id: 't1',
  student_ids: ['s1'],
  starts_at: '2026-12-10T07:00:00Z',
  ends_at: '2026-12-10T08:00:00Z',
  duration_minutes: 60,
  students: [{ id: 's1', first_name: 'Dasha', last_name: 'Petrova' }],
  group_name: null,
}

describe('TeacherDashboardPage', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it('lists the lessons of the next seven days with who they are with, in the profile zone', async () => {
    setViewerTimeZone('Europe/Moscow')
    stubFetch((call) =>
      call.url === '/api/teacher/dashboard'
        ? jsonResponse(200, {
            today: [],
            upcoming: [lesson],
            week_stats: { lessons: 1, scheduled: 1, completed: 0, cancelled: 0, hours_taught: 0 },
            groups: [],
            degraded: [],
          })
        : jsonResponse(401, {}),
    )
    mountWithApp(TeacherDashboardPage, createHarness())
    await flushPromises()
    const upcoming = document.querySelector('[data-testid="upcoming"]')?.textContent ?? ''
    expect(upcoming).toMatch(/четверг, 10 декабря, 10:00–11:00/i)
    expect(upcoming).toContain('Индивидуальное · Dasha Petrova')
  })
})
