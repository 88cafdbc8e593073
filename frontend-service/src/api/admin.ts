import { http } from './client'
import type {
  AdminDashboard,
  AdminGroup,
  AdminGroupCreate,
  AdminGroupDetail,
  AdminStudent,
  AdminStudentCreate,
  AdminStudentDetail,
  AdminStudentQuery,
  AdminStudentUpdate,
  AdminTeacher,
  AdminTeacherCreate,
  Lead,
  LeadStatus,
  NotificationLogEntry,
  NotificationQuery,
  PackageCreate,
  Page,
  PaymentCreate,
} from './types'

const id = (value: string) => encodeURIComponent(value)

export const adminApi = {
  dashboard: () => http.get<AdminDashboard>('/admin/dashboard'),

  students: (query: AdminStudentQuery) => http.get<Page<AdminStudent>>('/admin/students', { ...query }),
  createStudent: (data: AdminStudentCreate) => http.post<AdminStudent>('/admin/students', data),
  student: (studentId: string) => http.get<AdminStudentDetail>(`/admin/students/${id(studentId)}`),
  updateStudent: (studentId: string, data: AdminStudentUpdate) =>
    http.patch<AdminStudent>(`/admin/students/${id(studentId)}`, data),
  recordPayment: (studentId: string, data: PaymentCreate, idempotencyKey: string) =>
    http.post<unknown>(`/admin/students/${id(studentId)}/payments`, data, { idempotencyKey }),
  sellPackage: (studentId: string, data: PackageCreate) =>
    http.post<unknown>(`/admin/students/${id(studentId)}/packages`, data),

  teachers: () => http.get<AdminTeacher[]>('/admin/teachers'),
  createTeacher: (data: AdminTeacherCreate) => http.post<AdminTeacher>('/admin/teachers', data),

  groups: () => http.get<AdminGroup[]>('/admin/groups'),
  createGroup: (data: AdminGroupCreate) => http.post<AdminGroup>('/admin/groups', data),
  group: (groupId: string) => http.get<AdminGroupDetail>(`/admin/groups/${id(groupId)}`),
  addMember: (groupId: string, studentId: string) =>
    http.post<unknown>(`/admin/groups/${id(groupId)}/members`, { student_id: studentId }),
  moveMember: (groupId: string, studentId: string, toGroupId: string) =>
    http.post<unknown>(`/admin/groups/${id(groupId)}/members/${id(studentId)}/move`, { to_group_id: toGroupId }),

  leads: () => http.get<Lead[]>('/admin/leads'),
  updateLead: (leadId: string, status: LeadStatus) => http.patch<Lead>(`/admin/leads/${id(leadId)}`, { status }),

  notifications: (query: NotificationQuery) =>
    http.get<Page<NotificationLogEntry>>('/admin/notifications', { ...query }),
}
