import { http } from './client'
import type { components } from './schema'

type Schemas = components['schemas']

export type ActivationResult = Schemas['ActivationResult']
export type GroupLessons = Schemas['GroupLessons']
export type GroupUpdate = Schemas['GroupUpdate']
export type WaitlistPlace = Schemas['WaitlistPlace']
export type ClosedDay = Schemas['ClosedDay']
export type WaitlistOffer = Schemas['WaitlistOffer']

const id = (value: string) => encodeURIComponent(value)

/** The group timetable (admin) and the waitlist offers a student answers. */
export const groupdeskApi = {
  activate: (groupId: string) => http.post<ActivationResult>(`/admin/groups/${id(groupId)}/activate`),
  update: (groupId: string, data: GroupUpdate) => http.patch<Schemas['Group']>(`/admin/groups/${id(groupId)}`, data),
  lessons: (groupId: string, from: string, to: string) =>
    http.get<GroupLessons>(`/admin/groups/${id(groupId)}/lessons`, { from, to }),
  removeMember: (groupId: string, studentId: string) =>
    http.delete<void>(`/admin/groups/${id(groupId)}/members/${id(studentId)}`),
  addToWaitlist: (groupId: string, studentId: string) =>
    http.post<WaitlistPlace>(`/admin/groups/${id(groupId)}/waitlist`, { student_id: studentId }),
  closedDays: () => http.get<ClosedDay[]>('/admin/closed-days'),
  addClosedDay: (data: ClosedDay) => http.post<ClosedDay>('/admin/closed-days', data),
  deleteClosedDay: (date: string) => http.delete<void>(`/admin/closed-days/${id(date)}`),
  myOffers: () => http.get<WaitlistOffer[]>('/student/waitlist-offers'),
  acceptOffer: (groupId: string) => http.post<unknown>(`/student/waitlist-offers/${id(groupId)}/accept`),
  declineOffer: (groupId: string) => http.post<void>(`/student/waitlist-offers/${id(groupId)}/decline`),
}
