/**
 * Geometry of the studio day grid: teachers are columns, the viewer's local day runs downwards.
 * Pure functions, so the placement rules are unit-tested without a browser.
 */

/** One drop/click cell of the grid. */
export const CELL_MINUTES = 30
export const PX_PER_MINUTE = 1.2
const DEFAULT_FIRST_HOUR = 8
const DEFAULT_LAST_HOUR = 21

export interface Interval {
  starts_at: string
  ends_at: string
}

export interface Hours {
  first: number
  last: number
}

function minutesSince(day: Date, value: string): number {
  return (new Date(value).getTime() - day.getTime()) / 60000
}

/** The hours to draw: the usual working day, stretched to show anything that falls outside it. */
export function visibleHours(day: Date, intervals: Interval[]): Hours {
  let first = DEFAULT_FIRST_HOUR
  let last = DEFAULT_LAST_HOUR
  for (const interval of intervals) {
    const start = Math.max(0, minutesSince(day, interval.starts_at))
    const end = Math.min(24 * 60, minutesSince(day, interval.ends_at))
    if (end <= 0 || start >= 24 * 60) continue
    first = Math.min(first, Math.floor(start / 60))
    last = Math.max(last, Math.ceil(end / 60))
  }
  return { first, last }
}

/** The start of every cell between the first and the last hour, as local instants. */
export function cellStarts(day: Date, hours: Hours): Date[] {
  const cells: Date[] = []
  for (let minute = hours.first * 60; minute < hours.last * 60; minute += CELL_MINUTES) {
    const cell = new Date(day)
    cell.setHours(0, minute, 0, 0)
    cells.push(cell)
  }
  return cells
}

/** Where an interval sits in a column, in pixels from the top of the drawn hours (clipped to them). */
export function placement(day: Date, hours: Hours, interval: Interval): { top: number; height: number } | null {
  const from = Math.max(minutesSince(day, interval.starts_at), hours.first * 60)
  const to = Math.min(minutesSince(day, interval.ends_at), hours.last * 60)
  if (to <= from) return null
  return { top: (from - hours.first * 60) * PX_PER_MINUTE, height: (to - from) * PX_PER_MINUTE }
}

/** Whether an interval touches the local day starting at `day`. */
export function onDay(day: Date, interval: Interval): boolean {
  const end = new Date(day)
  end.setDate(end.getDate() + 1)
  return new Date(interval.starts_at) < end && new Date(interval.ends_at) > day
}
