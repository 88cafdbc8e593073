import { http } from './client'
import type {
  AvailabilityExceptionCreate,
  AvailabilityExceptionRead,
  AvailabilityRead,
  AvailabilityUpdate,
  Clashes,
  ConversionPeriod,
  Lead,
  LeadConvert,
  LeadConverted,
  LeadCreate,
  LessonResult,
  TimeOffCreate,
  TimeOffResult,
} from './types'

const id = (value: string) => encodeURIComponent(value)

/** Leads at the front desk: taken by phone, converted with their trial, counted per week or month. */
export const leadsApi = {
  create: (data: LeadCreate) => http.post<Lead>('/admin/leads', data),
  convert: (leadId: string, data: LeadConvert) => http.post<LeadConverted>(`/admin/leads/${id(leadId)}/convert`, data),
  conversion: (period: 'week' | 'month', periods = 8) =>
    http.get<ConversionPeriod[]>('/admin/leads/conversion', { period, periods }),
}

/** Time off with its clashes, substitution, date exceptions and weekly hours (own or, for admins, a teacher's). */
export const staffingApi = {
  addTimeOff: (data: TimeOffCreate, teacherId?: string) =>
    http.post<TimeOffResult>(teacherId ? `/admin/teachers/${id(teacherId)}/time-off` : '/teacher/time-off', data),
  clashes: (teacherId?: string) =>
    http.get<Clashes>(teacherId ? `/admin/teachers/${id(teacherId)}/clashes` : '/teacher/clashes'),
  substitute: (lessonId: string, teacherId: string) =>
    http.post<LessonResult>(`/admin/lessons/${id(lessonId)}/substitute`, { teacher_id: teacherId }),
  exceptions: (teacherId?: string) =>
    http.get<AvailabilityExceptionRead[]>(
      teacherId ? `/admin/teachers/${id(teacherId)}/availability/exceptions` : '/teacher/availability/exceptions',
    ),
  addException: (data: AvailabilityExceptionCreate, teacherId?: string) =>
    http.post<AvailabilityExceptionRead>(
      teacherId ? `/admin/teachers/${id(teacherId)}/availability/exceptions` : '/teacher/availability/exceptions',
      data,
    ),
  deleteException: (exceptionId: string, teacherId?: string) =>
    http.delete<void>(
      teacherId
        ? `/admin/teachers/${id(teacherId)}/availability/exceptions/${id(exceptionId)}`
        : `/teacher/availability/exceptions/${id(exceptionId)}`,
    ),
  availability: (teacherId: string) => http.get<AvailabilityRead>(`/admin/teachers/${id(teacherId)}/availability`),
  saveAvailability: (teacherId: string, data: AvailabilityUpdate) =>
    http.put<AvailabilityRead>(`/admin/teachers/${id(teacherId)}/availability`, data),
}
