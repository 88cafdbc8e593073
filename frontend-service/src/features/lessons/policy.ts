import type { Money, StudentLesson } from '@/api'

/**
 * The studio's cancellation notice (lessons-service `LESSONS_CANCEL_NOTICE_HOURS`, 24 by default).
 * The BFF does not publish it, so the warning uses the default; the server decides the charge.
 */
export const CANCEL_NOTICE_HOURS = 24

export function freeCancelUntil(lesson: StudentLesson): Date {
  return new Date(new Date(lesson.starts_at).getTime() - CANCEL_NOTICE_HOURS * 3600_000)
}

/** Whether cancelling now may be charged as a late cancellation. */
export function isLateCancel(lesson: StudentLesson, now: Date = new Date()): boolean {
  return now.getTime() > freeCancelUntil(lesson).getTime()
}

/** What a late cancellation costs: the student's price of the lesson (null when it is free). */
export function lateCancelCharge(lesson: StudentLesson): Money | null {
  return lesson.price_minor > 0 ? { amount_minor: lesson.price_minor, currency: lesson.currency } : null
}

export function canCancel(lesson: StudentLesson, now: Date = new Date()): boolean {
  return lesson.status === 'scheduled' && new Date(lesson.starts_at).getTime() > now.getTime()
}
