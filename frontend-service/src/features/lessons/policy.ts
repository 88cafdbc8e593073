import type { CancelResult, Money, StudentLesson } from '@/api'

/** The last moment a cancel is free, given the studio's notice (from the server, see `useBookingPolicyStore`). */
export function freeCancelUntil(lesson: StudentLesson, noticeHours: number): Date {
  return new Date(new Date(lesson.starts_at).getTime() - noticeHours * 3600_000)
}

/** Whether cancelling now may be charged as a late cancellation. */
export function isLateCancel(lesson: StudentLesson, noticeHours: number, now: Date = new Date()): boolean {
  return now.getTime() > freeCancelUntil(lesson, noticeHours).getTime()
}

/** What a late cancellation costs: the student's price of the lesson (null when it is free). */
export function lateCancelCharge(lesson: StudentLesson): Money | null {
  return lesson.price_minor > 0 ? { amount_minor: lesson.price_minor, currency: lesson.currency } : null
}

export function canCancel(lesson: StudentLesson, now: Date = new Date()): boolean {
  return lesson.status === 'scheduled' && new Date(lesson.starts_at).getTime() > now.getTime()
}

/** What the student is told after cancelling: free, a package lesson used, or an amount charged. */
export function cancelOutcome(
  result: CancelResult,
): { key: string; params: Record<string, unknown> } {
  if (!result.late_cancel) return { key: 'lessons.cancelledFree', params: {} }
  // The package pays instead of the balance: never an amount the balance does not lose.
  if (result.package) return { key: 'screens.cancel.packageUsed', params: { left: Math.max(result.package.lessons_left - 1, 0) } }
  if (result.charge) return { key: 'screens.cancel.charged', params: { amount: result.charge } }
  return { key: 'lessons.lateWarning', params: {} }
}
