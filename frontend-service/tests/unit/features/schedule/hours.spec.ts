import { describe, expect, it } from 'vitest'
import { visibleHours } from '@/features/schedule/hours'

const at = (starts_at: string, ends_at: string) => ({ starts_at, ends_at })

describe('visibleHours', () => {
  it('shows the working day when everything fits in it', () => {
    expect(visibleHours([at('2026-12-01T07:00:00Z', '2026-12-01T08:00:00Z')], 'Europe/Moscow')).toEqual({
      slotMinTime: '07:00:00',
      slotMaxTime: '23:00:00',
    })
  })

  it('widens to a late lesson in the viewer’s zone (23:30 Moscow is 20:30 UTC)', () => {
    expect(visibleHours([at('2026-12-01T20:30:00Z', '2026-12-01T20:45:00Z')], 'Europe/Moscow')).toEqual({
      slotMinTime: '07:00:00',
      slotMaxTime: '24:00:00',
    })
  })

  it('widens to an early one', () => {
    expect(visibleHours([at('2026-12-01T03:15:00Z', '2026-12-01T04:00:00Z')], 'UTC').slotMinTime).toBe('03:00:00')
  })

  it('shows the whole night for an interval across midnight', () => {
    expect(visibleHours([at('2026-12-01T22:30:00Z', '2026-12-02T01:00:00Z')], 'UTC')).toEqual({
      slotMinTime: '00:00:00',
      slotMaxTime: '24:00:00',
    })
  })
})
