import { describe, expect, it } from 'vitest'
import { formatMoney, formatTime, localDayKey, toMinor, toOffsetIso } from '@/utils/format'

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
