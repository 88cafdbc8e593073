import { http } from './client'
import type {
  BookingQuote,
  BookingRequest,
  BookingResult,
  CancelRequest,
  CancelResult,
  DateTimeString,
  FeedbackCreate,
  FeedbackRead,
  Ledger,
  LessonDetail,
  Slot,
  SlotQuery,
  SlotsBatchQuery,
  StudentDashboard,
  StudentLesson,
  TeacherCard,
  TeacherSlotsBatch,
} from './types'

export const studentApi = {
  dashboard: () => http.get<StudentDashboard>('/student/dashboard'),
  teachers: () => http.get<TeacherCard[]>('/teachers'),
  slots: (query: SlotQuery, signal?: AbortSignal) => http.get<Slot[]>('/booking/slots', { ...query }, signal),
  /** Free starts of many teachers (at most 100) in one call. */
  slotsBatch: (query: SlotsBatchQuery, signal?: AbortSignal) =>
    http.get<TeacherSlotsBatch>('/booking/slots/batch', { ...query }, signal),
  quote: (startsAt: DateTimeString, durationMinutes: number, signal?: AbortSignal) =>
    http.get<BookingQuote>('/booking/quote', { starts_at: startsAt, duration_minutes: durationMinutes }, signal),
  book: (data: BookingRequest, idempotencyKey: string) =>
    http.post<BookingResult>('/booking', data, { idempotencyKey }),
  lessons: (from?: DateTimeString, to?: DateTimeString) =>
    http.get<StudentLesson[]>('/student/lessons', { from, to }),
  cancelLesson: (id: string, data: CancelRequest = {}) =>
    http.post<CancelResult>(`/lessons/${encodeURIComponent(id)}/cancel`, data),
  lesson: (id: string) => http.get<LessonDetail>(`/lessons/${encodeURIComponent(id)}`),
  leaveFeedback: (id: string, data: FeedbackCreate) =>
    http.post<FeedbackRead>(`/lessons/${encodeURIComponent(id)}/feedback`, data),
  ledger: () => http.get<Ledger>('/student/ledger'),
}
