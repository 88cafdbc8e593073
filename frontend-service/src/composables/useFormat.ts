import { useI18n } from 'vue-i18n'
import type { DateTimeString, Money } from '@/api'
import * as format from '@/utils/format'

/** Formatting bound to the current UI language and the viewer's time zone. */
export function useFormat() {
  const { locale } = useI18n()
  return {
    money: (value: Money | null | undefined) => format.formatMoney(value, locale.value),
    dateTime: (value: DateTimeString) => format.formatDateTime(value, locale.value),
    date: (value: DateTimeString) => format.formatDate(value, locale.value),
    time: (value: DateTimeString) => format.formatTime(value, locale.value),
    weekday: (value: DateTimeString) => format.formatWeekday(value, locale.value),
    range: (start: DateTimeString, end: DateTimeString) => format.formatTimeRange(start, end, locale.value),
    person: (value: { first_name?: string | null; last_name?: string | null } | null | undefined) =>
      [value?.first_name, value?.last_name].filter(Boolean).join(' ') || '—',
  }
}
