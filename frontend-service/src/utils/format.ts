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

/** A local-day key for grouping slots by the viewer's day. */
export function localDayKey(value: DateTimeString, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timeZone ?? browserTimeZone(),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(value))
  return parts
}
