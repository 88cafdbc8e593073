import { addZonedDays, wallClock, zonedTime } from '@/utils/format'

/**
 * Geometry of the studio day grid: teachers are columns, the viewer's day (on the wall clock of the
 * profile's zone; `day` is that day's midnight there) runs downwards.
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

/** The start of every cell between the first and the last hour, as instants of the viewer's wall clock. */
export function cellStarts(day: Date, hours: Hours): Date[] {
  const wall = wallClock(day)
  const cells: Date[] = []
  for (let minute = hours.first * 60; minute < hours.last * 60; minute += CELL_MINUTES) {
    cells.push(zonedTime(wall.year, wall.month, wall.day, 0, minute))
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

/** Whether an interval touches the viewer's day starting at `day`. */
export function onDay(day: Date, interval: Interval): boolean {
  const end = addZonedDays(day, 1)
  return new Date(interval.starts_at) < end && new Date(interval.ends_at) > day
}

/** The hours to draw for several days side by side (the week view): the widest of them. */
export function visibleHoursOf(days: Date[], intervals: Interval[]): Hours {
  return days
    .map((day) => visibleHours(day, intervals.filter((interval) => onDay(day, interval))))
    .reduce((all, hours) => ({ first: Math.min(all.first, hours.first), last: Math.max(all.last, hours.last) }), {
      first: DEFAULT_FIRST_HOUR,
      last: DEFAULT_LAST_HOUR,
    })
}

export interface Lane {
  lane: number
  lanes: number
}

/**
 * Side-by-side lanes for intervals that overlap in one column (several teachers' lessons in a day
 * of the week view): each run of overlapping intervals shares the width between as many lanes as
 * it needs at its busiest, and each interval takes the first lane free at its start.
 */
export function lanes<T extends Interval>(items: T[]): Map<T, Lane> {
  const result = new Map<T, Lane>()
  const sorted = [...items].sort((a, b) => a.starts_at.localeCompare(b.starts_at) || b.ends_at.localeCompare(a.ends_at))
  let cluster: T[] = []
  let laneEnds: number[] = []
  let clusterEnd = -Infinity
  const close = () => {
    for (const item of cluster) {
      const entry = result.get(item)
      if (entry) entry.lanes = laneEnds.length
    }
    cluster = []
    laneEnds = []
  }
  for (const item of sorted) {
    const start = new Date(item.starts_at).getTime()
    const end = new Date(item.ends_at).getTime()
    if (start >= clusterEnd) close()
    let lane = laneEnds.findIndex((laneEnd) => laneEnd <= start)
    if (lane === -1) {
      lane = laneEnds.length
      laneEnds.push(end)
    } else {
      laneEnds[lane] = end
    }
    result.set(item, { lane, lanes: 1 })
    cluster.push(item)
    clusterEnd = Math.max(clusterEnd === -Infinity ? end : clusterEnd, end)
  }
  close()
  return result
}
