import type { GroupSchedule } from '@/api'

/** "Mon 18:30, Thu 18:30" for a group's weekly pattern (times local to the schedule's zone). */
export function formatGroupSchedule(schedule: GroupSchedule | null | undefined, locale: string): string {
  const slots = [...(schedule?.slots ?? [])].sort(
    (a, b) => a.weekday - b.weekday || a.start_time.localeCompare(b.start_time),
  )
  // 2024-01-01 was a Monday, so day 1 + weekday gives the right name for 0 = Monday … 6 = Sunday.
  const names = new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', { weekday: 'short', timeZone: 'UTC' })
  return slots
    .map((slot) => `${names.format(Date.UTC(2024, 0, 1 + slot.weekday))} ${slot.start_time.slice(0, 5)}`)
    .join(', ')
}
