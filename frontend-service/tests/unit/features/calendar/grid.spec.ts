import { describe, expect, it } from 'vitest'
import {
  CELL_MINUTES,
  PX_PER_MINUTE,
  cellStarts,
  lanes,
  onDay,
  placement,
  visibleHours,
  visibleHoursOf,
} from '@/features/calendar/grid'

const day = new Date(2026, 11, 7) // a local Monday, 00:00
const at = (hour: number, minute = 0) => new Date(2026, 11, 7, hour, minute).toISOString()

describe('studio day grid', () => {
  it('draws the usual working day when nothing falls outside it', () => {
    expect(visibleHours(day, [{ starts_at: at(10), ends_at: at(11) }])).toEqual({ first: 8, last: 21 })
  })

  it('stretches the day to show an early lesson and late hours', () => {
    const hours = visibleHours(day, [
      { starts_at: at(6, 30), ends_at: at(7, 30) },
      { starts_at: at(20), ends_at: at(22, 15) },
    ])
    expect(hours).toEqual({ first: 6, last: 23 })
  })

  it('has one cell per half hour, each a local instant', () => {
    const cells = cellStarts(day, { first: 8, last: 10 })
    expect(cells).toHaveLength((2 * 60) / CELL_MINUTES)
    expect(cells[0]?.getHours()).toBe(8)
    expect(cells[3]?.getHours()).toBe(9)
    expect(cells[3]?.getMinutes()).toBe(30)
  })

  it('places a lesson by its minutes from the first drawn hour and clips what is outside', () => {
    const hours = { first: 8, last: 21 }
    expect(placement(day, hours, { starts_at: at(9, 30), ends_at: at(10, 30) })).toEqual({
      top: 90 * PX_PER_MINUTE,
      height: 60 * PX_PER_MINUTE,
    })
    expect(placement(day, hours, { starts_at: at(7), ends_at: at(9) })).toEqual({ top: 0, height: 60 * PX_PER_MINUTE })
    expect(placement(day, hours, { starts_at: at(22), ends_at: at(23) })).toBeNull()
  })

  it('knows which intervals touch the day', () => {
    expect(onDay(day, { starts_at: at(23), ends_at: new Date(2026, 11, 8, 1).toISOString() })).toBe(true)
    expect(onDay(day, { starts_at: new Date(2026, 11, 8, 9).toISOString(), ends_at: new Date(2026, 11, 8, 10).toISOString() })).toBe(false)
  })
})

describe('studio week grid', () => {
  it('draws the widest hours of the days shown', () => {
    const tuesday = new Date(2026, 11, 8)
    const late = { starts_at: new Date(2026, 11, 8, 21, 0).toISOString(), ends_at: new Date(2026, 11, 8, 22, 30).toISOString() }
    const early = { starts_at: at(7), ends_at: at(8) }
    expect(visibleHoursOf([day, tuesday], [late, early])).toEqual({ first: 7, last: 23 })
  })

  it('puts overlapping lessons side by side and a lesson alone at full width', () => {
    const a = { starts_at: at(10), ends_at: at(11) }
    const b = { starts_at: at(10, 30), ends_at: at(11, 30) }
    const c = { starts_at: at(11), ends_at: at(12) }
    const alone = { starts_at: at(14), ends_at: at(15) }
    const placed = lanes([c, alone, b, a])
    expect(placed.get(a)).toEqual({ lane: 0, lanes: 2 })
    expect(placed.get(b)).toEqual({ lane: 1, lanes: 2 })
    expect(placed.get(c)).toEqual({ lane: 0, lanes: 2 })
    expect(placed.get(alone)).toEqual({ lane: 0, lanes: 1 })
  })
})
