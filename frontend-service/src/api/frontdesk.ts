import { http } from './client'
import type {
  AdminSlotQuery,
  BookingPolicy,
  CancelRequest,
  CancelResult,
  FrontDeskBooking,
  LessonResult,
  RescheduleRequest,
  Slot,
  StudioCalendar,
  StudioCalendarQuery,
} from './types'

const id = (value: string) => encodeURIComponent(value)

export const frontdeskApi = {
  calendar: (query: StudioCalendarQuery) => http.get<StudioCalendar>('/admin/calendar', { ...query }),
  slots: (query: AdminSlotQuery) => http.get<Slot[]>('/admin/slots', { ...query }),
  book: (data: FrontDeskBooking, idempotencyKey: string) =>
    http.post<LessonResult>('/admin/lessons', data, { idempotencyKey }),
  reschedule: (lessonId: string, data: RescheduleRequest) =>
    http.post<LessonResult>(`/lessons/${id(lessonId)}/reschedule`, data),
  cancel: (lessonId: string, data: CancelRequest) => http.post<CancelResult>(`/lessons/${id(lessonId)}/cancel`, data),
  policy: () => http.get<BookingPolicy>('/booking/policy'),
}
