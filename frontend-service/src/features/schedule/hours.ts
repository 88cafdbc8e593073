/** The working day the week view shows unless something falls outside it. */
export const DEFAULT_HOURS = { from: 7, to: 23 } as const

const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00:00`

/** Hours and minutes of an instant on the wall clock of `timeZone`, as a fraction of hours. */
function wallHours(value: string, timeZone: string): { day: string; hours: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(value))
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '0'
  return { day: `${get('year')}-${get('month')}-${get('day')}`, hours: Number(get('hour')) + Number(get('minute')) / 60 }
}

/**
 * The time range of the week view: the working day, widened to show every interval. A fixed
 * 07:00–23:00 hid lessons and hours outside it (an early lesson, a teacher in another zone).
 */
export function visibleHours(
  intervals: { starts_at: string; ends_at: string }[],
  timeZone: string,
): { slotMinTime: string; slotMaxTime: string } {
  let from: number = DEFAULT_HOURS.from
  let to: number = DEFAULT_HOURS.to
  for (const interval of intervals) {
    const start = wallHours(interval.starts_at, timeZone)
    const end = wallHours(interval.ends_at, timeZone)
    if (start.day !== end.day) {
      // Ends on the next day: its evening and, unless it ends at midnight, the early morning.
      to = 24
      from = Math.min(from, Math.floor(start.hours), end.hours > 0 ? 0 : from)
      continue
    }
    from = Math.min(from, Math.floor(start.hours))
    to = Math.max(to, Math.ceil(end.hours))
  }
  return { slotMinTime: pad(from), slotMaxTime: pad(to) }
}
