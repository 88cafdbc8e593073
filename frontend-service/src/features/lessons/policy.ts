import type { StudentLesson } from '@/api'

/** Used only when the BFF does not send `free_cancel_until`; the server decides the charge anyway. */
export const DEFAULT_FREE_CANCEL_HOURS = 24

export function freeCancelUntil(lesson: StudentLesson): Date {
  if (lesson.free_cancel_until) return new Date(lesson.free_cancel_until)
  return new Date(new Date(lesson.starts_at).getTime() - DEFAULT_FREE_CANCEL_HOURS * 3600_000)
}

/** Whether cancelling now may be charged as a late cancellation. */
export function isLateCancel(lesson: StudentLesson, now: Date = new Date()): boolean {
  return now.getTime() > freeCancelUntil(lesson).getTime()
}

export function canCancel(lesson: StudentLesson, now: Date = new Date()): boolean {
  return lesson.status === 'scheduled' && new Date(lesson.starts_at).getTime() > now.getTime()
}
