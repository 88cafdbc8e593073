import type { DateTimeString, Membership } from '@/api'

export type HistoryAction = 'joined' | 'left' | 'moved_in' | 'moved_out'

export interface HistoryEvent {
  studentId: string
  action: HistoryAction
  at: DateTimeString
  /** The group a move came from or went to. */
  otherGroupId: string | null
}

/**
 * Membership stays (groups-service keeps one row per stay) as the events a person reads: a stay
 * opened by a move reads "moved in from X", one closed by a move "moved out to Y". Newest first.
 */
export function historyEvents(history: Membership[]): HistoryEvent[] {
  const events: HistoryEvent[] = []
  for (const stay of history) {
    events.push({
      studentId: stay.student_id,
      action: stay.moved_from_group_id ? 'moved_in' : 'joined',
      at: stay.joined_at,
      otherGroupId: stay.moved_from_group_id ?? null,
    })
    if (stay.left_at) {
      events.push({
        studentId: stay.student_id,
        action: stay.moved_to_group_id ? 'moved_out' : 'left',
        at: stay.left_at,
        otherGroupId: stay.moved_to_group_id ?? null,
      })
    }
  }
  return events.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime())
}
