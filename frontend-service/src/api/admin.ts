import { http } from './client'
import type {
  AdminDashboard,
  AdminGroupCreate,
  AdminStudent,
  AdminStudentCreate,
  AdminStudentDetail,
  AdminStudentPage,
  AdminStudentQuery,
  AdminStudentUpdate,
  AdminTeacher,
  AdminTeacherCreate,
  AdminTeacherPage,
  AdminTeacherQuery,
  AdminTeacherUpdate,
  BroadcastAccepted,
  BroadcastCreate,
  Group,
  GroupMembers,
  GroupPage,
  GroupQuery,
  Lead,
  LeadPage,
  LeadQuery,
  LeadStatus,
  NotificationPage,
  NotificationQuery,
  PackageCreate,
  PaymentCreate,
} from './types'

const id = (value: string) => encodeURIComponent(value)

export const adminApi = {
  dashboard: () => http.get<AdminDashboard>('/admin/dashboard'),

  students: (query: AdminStudentQuery) => http.get<AdminStudentPage>('/admin/students', { ...query }),
  createStudent: (data: AdminStudentCreate) => http.post<AdminStudent>('/admin/students', data),
  student: (studentId: string) => http.get<AdminStudentDetail>(`/admin/students/${id(studentId)}`),
  updateStudent: (studentId: string, data: AdminStudentUpdate) =>
    http.patch<AdminStudent>(`/admin/students/${id(studentId)}`, data),
  recordPayment: (studentId: string, data: PaymentCreate, idempotencyKey: string) =>
    http.post<unknown>(`/admin/students/${id(studentId)}/payments`, data, { idempotencyKey }),
  sellPackage: (studentId: string, data: PackageCreate) =>
    http.post<unknown>(`/admin/students/${id(studentId)}/packages`, data),

  teachers: (query: AdminTeacherQuery = {}) => http.get<AdminTeacherPage>('/admin/teachers', { ...query }),
  createTeacher: (data: AdminTeacherCreate) => http.post<AdminTeacher>('/admin/teachers', data),
  teacher: (id: string) => http.get<AdminTeacher>(`/admin/teachers/${id}`),
  updateTeacher: (id: string, data: AdminTeacherUpdate) => http.patch<AdminTeacher>(`/admin/teachers/${id}`, data),
  resendTeacherInvitation: (id: string) => http.post<AdminTeacher>(`/admin/teachers/${id}/invitation`),

  groups: (query: GroupQuery = {}) => http.get<GroupPage>('/admin/groups', { ...query }),
  createGroup: (data: AdminGroupCreate) => http.post<Group>('/admin/groups', data),
  members: (groupId: string) => http.get<GroupMembers>(`/admin/groups/${id(groupId)}/members`),
  addMember: (groupId: string, studentId: string) =>
    http.post<unknown>(`/admin/groups/${id(groupId)}/members`, { student_id: studentId }),
  moveMember: (groupId: string, studentId: string, toGroupId: string) =>
    http.post<unknown>(`/admin/groups/${id(groupId)}/members/${id(studentId)}/move`, { to_group_id: toGroupId }),

  leads: (query: LeadQuery = {}) => http.get<LeadPage>('/admin/leads', { ...query }),
  updateLead: (leadId: string, status: LeadStatus) => http.patch<Lead>(`/admin/leads/${id(leadId)}`, { status }),

  /** 202: queued; notifications-service fans it out to the students' channels. */
  broadcast: (data: BroadcastCreate) => http.post<BroadcastAccepted>('/admin/broadcasts', data),

  notifications: (query: NotificationQuery) => http.get<NotificationPage>('/admin/notifications', { ...query }),
}
