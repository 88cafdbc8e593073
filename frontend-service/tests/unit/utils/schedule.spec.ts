import { describe, expect, it } from 'vitest'
import { formatGroupSchedule } from '@/utils/schedule'

describe('formatGroupSchedule', () => {
  const schedule = {
    timezone: 'Europe/Moscow',
    slots: [
      { weekday: 3, start_time: '18:30:00', duration_minutes: 90 },
      { weekday: 0, start_time: '19:00', duration_minutes: 60 },
    ],
  }

  it('lists the weekly lessons from Monday, with HH:MM times', () => {
    expect(formatGroupSchedule(schedule, 'en')).toBe('Mon 19:00, Thu 18:30')
    expect(formatGroupSchedule(schedule, 'ru')).toBe('пн 19:00, чт 18:30')
  })

  it('is empty without a pattern', () => {
    expect(formatGroupSchedule({ timezone: 'UTC', slots: [] }, 'en')).toBe('')
    expect(formatGroupSchedule(null, 'en')).toBe('')
  })
})
