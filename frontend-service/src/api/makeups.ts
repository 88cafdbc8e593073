import { http } from './client'
import type { components } from './schema'

type Schemas = components['schemas']

export type MakeupPolicy = Schemas['MakeupPolicy']
export type MakeupPolicyUpdate = Schemas['MakeupPolicyUpdate']
export type MakeupCredit = Schemas['MakeupCredit']
export type MakeupCredits = Schemas['MakeupCredits']

const id = (value: string) => encodeURIComponent(value)

/** Make-up credits: the studio's policy for excused absences and paying a lesson with a credit. */
export const makeupsApi = {
  policy: () => http.get<MakeupPolicy>('/makeup-policy'),
  setPolicy: (data: MakeupPolicyUpdate) => http.put<MakeupPolicy>('/admin/makeup-policy', data),
  myCredits: () => http.get<MakeupCredits>('/student/makeup-credits'),
  useMine: (lessonId: string) => http.post<MakeupCredit>('/student/makeup-credits/use', { lesson_id: lessonId }),
  credits: (studentId: string) => http.get<MakeupCredits>(`/admin/students/${id(studentId)}/makeup-credits`),
  useFor: (studentId: string, lessonId: string) =>
    http.post<MakeupCredit>(`/admin/students/${id(studentId)}/makeup-credits/use`, { lesson_id: lessonId }),
}
