import { afterEach, describe, expect, it } from 'vitest'
import type { TeacherSchedule } from '@/api'
import WeekDayList from '@/features/schedule/WeekDayList.vue'
import { setViewerTimeZone, startOfZonedWeek } from '@/utils/format'
import { createHarness, mountWithApp } from '../../helpers'

function lesson(id: string, startsAt: string, extra: Record<string, unknown> = {}) {
  const start = new Date(startsAt)
  return {
    id,
    kind: 'individual',
    status: 'scheduled',
    teacher_id: 't1',
    student_ids: ['s1'],
    starts_at: startsAt,
    ends_at: new Date(start.getTime() + 3600_000).toISOString(),
    duration_minutes: 60,
    students: [{ id: 's1', first_name: 'Маша', last_name: 'Иванова' }],
    group_name: null,
    ...extra,
  }
}

describe("the teacher's week as a day list (a phone)", { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it("names who each lesson is with and puts it on the day of the profile's zone", () => {
    setViewerTimeZone('Asia/Vladivostok')
    const schedule = {
      timezone: 'Asia/Vladivostok',
      availability: [],
      time_off: [],
      degraded: [],
      // 20:00 UTC on Monday is already Tuesday 06:00 in Vladivostok.
      lessons: [
        lesson('l1', '2026-12-07T20:00:00Z'),
        lesson('l2', '2026-12-08T01:00:00Z', { kind: 'group', group_name: 'B1 вечер', students: [] }),
      ],
    } as unknown as TeacherSchedule
    const weekStart = startOfZonedWeek(new Date('2026-12-09T00:00:00Z'))
    mountWithApp(WeekDayList, createHarness(), { props: { schedule, weekStart } })

    const days = [...document.querySelectorAll('[data-testid="week-day-list"] section')]
    expect(days).toHaveLength(7)
    expect(days[0]?.textContent).toContain('Занятий нет')
    const tuesday = days[1]?.textContent ?? ''
    expect(tuesday).toMatch(/вторник, 8 декабря/i)
    expect(tuesday).toContain('06:00–07:00')
    expect(tuesday).toContain('Индивидуальное · Маша Иванова')
    expect(tuesday).toContain('Групповое · B1 вечер')
  })
})
