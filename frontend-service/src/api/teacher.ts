import { http } from './client'
import type {
  AttendanceUpdate,
  AvailabilityRead,
  AvailabilityUpdate,
  DateTimeString,
  LessonDetail,
  Payroll,
  TeacherDashboard,
  TeacherSchedule,
  TimeOffCreate,
  TimeOffResult,
} from './types'

export const teacherApi = {
  dashboard: () => http.get<TeacherDashboard>('/teacher/dashboard'),
  schedule: (from: DateTimeString, to: DateTimeString) => http.get<TeacherSchedule>('/teacher/schedule', { from, to }),
  availability: () => http.get<AvailabilityRead>('/teacher/availability'),
  saveAvailability: (data: AvailabilityUpdate) => http.put<AvailabilityRead>('/teacher/availability', data),
  createTimeOff: (data: TimeOffCreate) => http.post<TimeOffResult>('/teacher/time-off', data),
  lesson: (id: string) => http.get<LessonDetail>(`/lessons/${encodeURIComponent(id)}`),
  saveAttendance: (id: string, data: AttendanceUpdate) =>
    http.put<LessonDetail>(`/lessons/${encodeURIComponent(id)}/attendance`, data),
  completeLesson: (id: string) => http.post<LessonDetail>(`/lessons/${encodeURIComponent(id)}/complete`),
  payroll: (month: string) => http.get<Payroll>('/teacher/payroll', { month }),
}
