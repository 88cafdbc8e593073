import { http } from '@/api'
import type { components, operations } from '@/api/schema'

export type AuditEntry = components['schemas']['AuditEntry']
export type AuditPage = components['schemas']['Page_AuditEntry_']
export type AuditPerson = components['schemas']['AuditPerson']
export type AuditQuery = NonNullable<operations['audit_trail']['parameters']['query']>

/** Every admin and teacher write, newest first (GET /api/admin/audit, admin only). */
export const auditApi = {
  list: (query: AuditQuery) => http.get<AuditPage>('/admin/audit', { ...query }),
  /** The admins and teachers by name, for the actor filter. */
  actors: () => http.get<AuditPerson[]>('/admin/audit/actors'),
}

/** The actions the services record today (ADR 0120); the filter also accepts any other value. */
export const AUDIT_ACTIONS = [
  'payment.recorded',
  'refund.recorded',
  'adjustment.recorded',
  'package.sold',
  'package.frozen',
  'package.unfrozen',
  'prices.changed',
  'rate.set',
  'payroll.paid',
  'export.downloaded',
  'lesson.booked',
  'lesson.moved',
  'lesson.cancelled',
  'attendance.marked',
  'lesson.completed',
  'student.created',
  'student.updated',
  'lead.updated',
  'group.created',
  'group.updated',
  'group.member_added',
  'group.member_removed',
  'group.member_moved',
  'teacher.created',
  'teacher.updated',
  'user.invited',
  'user.created',
  'user.updated',
  'user.role_changed',
  'user.activated',
  'user.deactivated',
] as const
