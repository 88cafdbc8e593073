import { describe, expect, it } from 'vitest'
import {
  addZonedDays,
  formatMoney,
  formatTime,
  localDayKey,
  startOfZonedDay,
  startOfZonedWeek,
  toMinor,
  toOffsetIso,
  toZonedIso,
  zonedTime,
  zoneOffsetMinutes,
} from '@/utils/format'

describe('formatting', () => {
  it('formats minor units as money in the UI language', () => {
    expect(formatMoney({ amount_minor: 150050, currency: 'RUB' }, 'ru').replace(/\s/g, ' ')).toBe('1 500,50 ₽')
    expect(formatMoney({ amount_minor: -250000, currency: 'RUB' }, 'en')).toMatch(/^-RUB\s?2,500\.00$/)
    expect(formatMoney(null, 'ru')).toBe('—')
  })

  it('turns typed major units into integer minor units', () => {
    expect(toMinor(1500.5)).toBe(150050)
    expect(toMinor(0.1 + 0.2)).toBe(30)
    expect(toMinor(1000, 'JPY')).toBe(1000)
  })

  it("shows an API time with any offset in the viewer's zone", () => {
    expect(formatTime('2026-12-08T10:00:00+03:00', 'ru', 'Asia/Yekaterinburg')).toBe('12:00')
    expect(formatTime('2026-12-08T10:00:00+03:00', 'ru', 'Europe/London')).toBe('07:00')
    expect(localDayKey('2026-12-08T23:30:00+00:00', 'Europe/Moscow')).toBe('2026-12-09')
  })

  it('writes RFC 3339 with the local offset', () => {
    expect(toOffsetIso(new Date(2026, 11, 8, 9, 5, 0))).toMatch(/^2026-12-08T09:05:00[+-]\d{2}:\d{2}$/)
  })
})

describe("calendar arithmetic in the profile's zone, whatever the browser's", () => {
  it('finds the Monday midnight of a week and a day in a named zone', () => {
    // 22:30 UTC on Sunday 6 Dec is already Monday 7 Dec in Tokyo.
    const at = new Date('2026-12-06T22:30:00Z')
    expect(startOfZonedWeek(at, 'Asia/Tokyo').toISOString()).toBe('2026-12-06T15:00:00.000Z')
    expect(startOfZonedWeek(at, 'Europe/Lisbon').toISOString()).toBe('2026-11-30T00:00:00.000Z')
    expect(startOfZonedDay(at, 'Europe/Moscow').toISOString()).toBe('2026-12-06T21:00:00.000Z')
  })

  it('adds calendar days across a daylight-saving change', () => {
    // Berlin moves to summer time on 29 March 2026: that day has 23 hours.
    const saturday = new Date('2026-03-28T12:00:00Z')
    expect(addZonedDays(saturday, 1, 'Europe/Berlin').toISOString()).toBe('2026-03-28T23:00:00.000Z')
    expect(addZonedDays(saturday, 2, 'Europe/Berlin').toISOString()).toBe('2026-03-29T22:00:00.000Z')
  })

  it("writes RFC 3339 with the zone's offset and reads wall-clock times in it", () => {
    const at = new Date('2026-12-08T07:05:00Z')
    expect(toZonedIso(at, 'Europe/Moscow')).toBe('2026-12-08T10:05:00+03:00')
    expect(toZonedIso(at, 'America/New_York')).toBe('2026-12-08T02:05:00-05:00')
    expect(zonedTime(2026, 12, 8, 10, 5, 'Europe/Moscow').toISOString()).toBe('2026-12-08T07:05:00.000Z')
    expect(zoneOffsetMinutes(at, 'Asia/Kolkata')).toBe(330)
  })
})
