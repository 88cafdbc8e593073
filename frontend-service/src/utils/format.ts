import { ref } from 'vue'
import type { DateTimeString, Money } from '@/api'

/** The browser's own IANA time zone (a fallback before the profile's zone is known). */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

// The zone saved in the signed-in person's profile; reactive, so every time on screen follows a change.
const profileZone = ref<string | null>(null)

/** Shows every time in this zone from now on (null: back to the browser's). */
export function setViewerTimeZone(zone: string | null | undefined): void {
  profileZone.value = zone && isTimeZone(zone) ? zone : null
}

/** The zone times are shown in: the profile's when known, else the browser's. */
export function viewerTimeZone(): string {
  return profileZone.value ?? browserTimeZone()
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch {
    return false
  }
}

/** The zone's name as people read it, e.g. "Москва, стандартное время" / "Moscow Standard Time". */
export function timeZoneName(zone: string, locale: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat(intlLocale(locale), { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(at)
    .find((item) => item.type === 'timeZoneName')
  return part?.value ?? zone
}

const intlLocale = (locale: string) => (locale === 'ru' ? 'ru-RU' : 'en-GB')

/** `{amount_minor: 150000, currency: 'RUB'}` → "1 500,00 ₽" (ru) / "RUB 1,500.00" (en). */
export function formatMoney(money: Money | null | undefined, locale: string): string {
  if (!money) return '—'
  const format = new Intl.NumberFormat(intlLocale(locale), { style: 'currency', currency: money.currency })
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2
  return format.format(money.amount_minor / 10 ** digits)
}

/** Digits after the decimal point for a currency (2 for RUB, 0 for JPY). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
}

/** Minor units from what a person types in major units (1500.5 RUB → 150050). */
export function toMinor(major: number, currency = 'RUB'): number {
  return Math.round(major * 10 ** minorDigits(currency))
}

/** Major units for charts and inputs (150050 RUB → 1500.5). */
export function toMajor(money: Money): number {
  return money.amount_minor / 10 ** minorDigits(money.currency)
}

function fmt(value: DateTimeString | Date, locale: string, options: Intl.DateTimeFormatOptions, timeZone?: string) {
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) return '—'
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: timeZone ?? viewerTimeZone(), ...options }).format(date)
}

export const formatDateTime = (value: DateTimeString | Date, locale: string, timeZone?: string) =>
  fmt(value, locale, { dateStyle: 'medium', timeStyle: 'short' }, timeZone)

export const formatDate = (value: DateTimeString | Date, locale: string, timeZone?: string) =>
  fmt(value, locale, { dateStyle: 'medium' }, timeZone)

export const formatTime = (value: DateTimeString | Date, locale: string, timeZone?: string) =>
  fmt(value, locale, { hour: '2-digit', minute: '2-digit' }, timeZone)

export const formatWeekday = (value: DateTimeString | Date, locale: string, timeZone?: string) =>
  fmt(value, locale, { weekday: 'long', day: 'numeric', month: 'long' }, timeZone)

export function formatTimeRange(start: DateTimeString, end: DateTimeString, locale: string, timeZone?: string) {
  return `${formatDateTime(start, locale, timeZone)} – ${formatTime(end, locale, timeZone)}`
}

const pad = (n: number) => String(n).padStart(2, '0')

/** RFC 3339 in the browser's own offset, e.g. `2026-12-01T10:00:00+03:00`. */
export function toOffsetIso(date: Date): DateTimeString {
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/** Calendar date `YYYY-MM-DD` of a local Date. */
export function toDateString(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** `YYYY-MM` of a local Date. */
export function toMonthString(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}`
}

export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate())
}

export function addDays(date: Date, days: number): Date {
  const copy = new Date(date)
  copy.setDate(copy.getDate() + days)
  return copy
}

/** Monday 00:00 local of the week containing `date`. */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date)
  return addDays(day, -((day.getDay() + 6) % 7))
}

/** A day key (`YYYY-MM-DD`) for grouping times by the viewer's day (the profile's zone by default). */
export function localDayKey(value: DateTimeString | Date, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? viewerTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(typeof value === 'string' ? new Date(value) : value)
  return parts
}

// ---- calendar arithmetic in a named zone (the profile's), independent of the browser's zone ----

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

const wallFormats = new Map<string, Intl.DateTimeFormat>()

/** What the wall clock in `zone` shows at an instant. */
export function wallClock(date: Date, zone: string = viewerTimeZone()): WallClock {
  let format = wallFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    wallFormats.set(zone, format)
  }
  const parts = format.formatToParts(date)
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0)
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') }
}

/** Minutes east of UTC in `zone` at an instant (180 for Moscow). */
export function zoneOffsetMinutes(date: Date, zone: string = viewerTimeZone()): number {
  const wall = wallClock(date, zone)
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second)
  return Math.round((asUtc - Math.floor(date.getTime() / 1000) * 1000) / 60_000)
}

/** The instant the wall clock in `zone` shows this date and time (month 1–12; overflowing days roll over). */
export function zonedTime(year: number, month: number, day: number, hour = 0, minute = 0, zone: string = viewerTimeZone()): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute)
  const first = guess - zoneOffsetMinutes(new Date(guess), zone) * 60_000
  const second = guess - zoneOffsetMinutes(new Date(first), zone) * 60_000
  return new Date(second)
}

/** Midnight of the day containing `date`, on the wall clock of `zone`. */
export function startOfZonedDay(date: Date, zone: string = viewerTimeZone()): Date {
  const wall = wallClock(date, zone)
  return zonedTime(wall.year, wall.month, wall.day, 0, 0, zone)
}

/** Midnight `days` calendar days after the day containing `date`, in `zone` (DST-safe). */
export function addZonedDays(date: Date, days: number, zone: string = viewerTimeZone()): Date {
  const wall = wallClock(date, zone)
  return zonedTime(wall.year, wall.month, wall.day + days, 0, 0, zone)
}

/** Monday 00:00 of the week containing `date`, in `zone`. */
export function startOfZonedWeek(date: Date, zone: string = viewerTimeZone()): Date {
  const wall = wallClock(date, zone)
  const weekday = (new Date(Date.UTC(wall.year, wall.month - 1, wall.day)).getUTCDay() + 6) % 7
  return zonedTime(wall.year, wall.month, wall.day - weekday, 0, 0, zone)
}

/** RFC 3339 with the offset of `zone`, e.g. `2026-12-01T10:00:00+03:00`. */
export function toZonedIso(date: Date, zone: string = viewerTimeZone()): DateTimeString {
  const wall = wallClock(date, zone)
  const offset = zoneOffsetMinutes(date, zone)
  const sign = offset >= 0 ? '+' : '-'
  const abs = Math.abs(offset)
  return (
    `${wall.year}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  )
}

/** The instant of a typed `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` read on the wall clock of `zone`. */
export function parseWallTime(value: string, zone: string = viewerTimeZone()): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value)
  if (!match) return null
  const [, year, month, day, hour = '0', minute = '0'] = match
  return zonedTime(Number(year), Number(month), Number(day), Number(hour), Number(minute), zone)
}

/**
 * A date picker works in the browser's clock: what it shows (a picked day and time) is read as the
 * same wall-clock time in `zone`, and an instant is shown to it as `zone`'s wall clock.
 */
export function pickedToInstant(picked: Date, zone: string = viewerTimeZone()): Date {
  return zonedTime(picked.getFullYear(), picked.getMonth() + 1, picked.getDate(), picked.getHours(), picked.getMinutes(), zone)
}

export function instantToPicked(instant: Date, zone: string = viewerTimeZone()): Date {
  const wall = wallClock(instant, zone)
  return new Date(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
}
