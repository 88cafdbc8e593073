import { describe, expect, it } from 'vitest'
import { sortRules, validateRules } from '@/features/availability/rules'

describe('availability rules', () => {
  it('accepts several intervals a day that do not overlap', () => {
    const problems = validateRules([
      { weekday: 0, start_time: '09:00', end_time: '12:00' },
      { weekday: 0, start_time: '12:00', end_time: '15:00' },
      { weekday: 1, start_time: '09:00', end_time: '12:00' },
    ])
    expect(problems.size).toBe(0)
  })

  it('flags an end before the start, a bad time and overlaps on the same weekday', () => {
    const problems = validateRules([
      { weekday: 2, start_time: '18:00', end_time: '10:00' },
      { weekday: 3, start_time: '9:00', end_time: '10:00' },
      { weekday: 4, start_time: '10:00', end_time: '13:00' },
      { weekday: 4, start_time: '12:00', end_time: '14:00' },
    ])
    expect(Object.fromEntries(problems)).toEqual({ 0: 'order', 1: 'format', 2: 'overlap', 3: 'overlap' })
  })

  it('sorts by weekday (0 = Monday) then start time', () => {
    expect(
      sortRules([
        { weekday: 6, start_time: '10:00', end_time: '11:00' },
        { weekday: 0, start_time: '14:00', end_time: '15:00' },
        { weekday: 0, start_time: '09:00', end_time: '10:00' },
      ]).map((r) => `${r.weekday} ${r.start_time}`),
    ).toEqual(['0 09:00', '0 14:00', '6 10:00'])
  })
})
