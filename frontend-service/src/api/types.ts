/**
 * Hand-written BFF types matching /work/shared/API.md.
 *
 * This is the only module that describes wire shapes. When the BFF OpenAPI is available,
 * openapi-typescript generates `schema.d.ts` and each alias below becomes
 * `components['schemas']['X']`; nothing else in the app needs to change.
 * Shapes API.md leaves open are listed under "Assumed API shapes" in README.md.
 */

export type Role = 'admin' | 'teacher' | 'student'

/** RFC 3339 timestamp with an offset, e.g. `2026-12-01T10:00:00+03:00`. */
export type DateTimeString = string
/** Calendar date `YYYY-MM-DD`. */
export type DateString = string

export interface Money {
  amount_minor: number
  currency: string
}

export interface Problem {
  type?: string
  status: number
  title: string
  detail?: string
  code?: string
  instance?: string
}

export interface Page<T> {
  items: T[]
  total: number
  page: number
  page_size: number
}

// ---- session ----

export interface Profile {
  first_name: string
  last_name: string
  phone?: string | null
  timezone?: string | null
  locale?: 'ru' | 'en' | null
}

export interface User {
  id: string
  email: string
  role: Role
  profile: Profile
}

export interface LoginRequest {
  email: string
  password: string
}

export interface RegisterRequest {
  email: string
  password: string
  first_name: string
  last_name: string
  phone?: string
  timezone?: string
}

export interface MiniAppLoginRequest {
  init_data: string
}

export interface UserEnvelope {
  user: User
}

// ---- shared pieces ----

export type LessonKind = 'individual' | 'group' | 'trial'
export type LessonStatus = 'scheduled' | 'completed' | 'cancelled' | 'no_show'
export type AttendanceStatus = 'present' | 'absent' | 'late' | 'excused'
export type CefrLevel = 'A1' | 'A2' | 'B1' | 'B2' | 'C1' | 'C2'

export interface PersonRef {
  id: string
  first_name: string
  last_name: string
}

export interface GroupRef {
  id: string
  name: string
}

// ---- student ----

export interface StudentLesson {
  id: string
  kind: LessonKind
  status: LessonStatus
  starts_at: DateTimeString
  ends_at: DateTimeString
  teacher: PersonRef
  topic: string | null
  homework: string | null
  group?: GroupRef | null
  /** Until this moment a cancellation is free (assumed field). */
  free_cancel_until?: DateTimeString | null
}

export interface StudentPackage {
  id: string
  lessons_total: number
  lessons_used: number
  valid_until: DateString
  status: 'active' | 'frozen' | 'expired' | 'used_up'
  price?: Money
}

export interface StudentGroup {
  id: string
  name: string
  level: CefrLevel | null
  teacher: PersonRef | null
  schedule_text?: string | null
}

export interface HomeworkItem {
  lesson_id: string
  starts_at: DateTimeString
  topic: string | null
  homework: string
}

export interface StudentDashboard {
  next_lessons: StudentLesson[]
  balance: Money
  packages: StudentPackage[]
  groups: StudentGroup[]
  homework: HomeworkItem[]
  /** Names of the parts a degraded BFF could not load (assumed field). */
  unavailable?: string[]
}

export interface TeacherCard {
  id: string
  first_name: string
  last_name: string
  bio: string | null
  levels: CefrLevel[]
}

export interface Slot {
  starts_at: DateTimeString
  ends_at: DateTimeString
}

export interface SlotQuery {
  teacher_id: string
  from: DateTimeString
  to: DateTimeString
  duration_minutes: number
}

export interface BookingRequest {
  teacher_id: string
  starts_at: DateTimeString
  duration_minutes: number
}

export interface BookingResult {
  lesson: StudentLesson
}

export interface CancelRequest {
  reason?: string
}

export interface CancelResult {
  lesson: StudentLesson
  late_cancel: boolean
  charge?: Money | null
}

export type LedgerEntryKind = 'payment' | 'lesson_charge' | 'late_cancel_charge' | 'refund' | 'adjustment'

export interface LedgerEntry {
  id: string
  kind: LedgerEntryKind
  /** Signed: credits positive, charges negative. */
  amount: Money
  created_at: DateTimeString
  comment?: string | null
  lesson_id?: string | null
}

export interface Ledger {
  balance: Money
  entries: LedgerEntry[]
}

// ---- teacher ----

export interface TeacherLesson {
  id: string
  kind: LessonKind
  status: LessonStatus
  starts_at: DateTimeString
  ends_at: DateTimeString
  group?: GroupRef | null
  students: PersonRef[]
  topic?: string | null
}

export interface WeekStats {
  lessons_total: number
  lessons_completed: number
  lessons_cancelled: number
}

export interface TeacherDashboard {
  today: TeacherLesson[]
  week_stats: WeekStats
  groups: StudentGroup[]
}

export interface Interval {
  starts_at: DateTimeString
  ends_at: DateTimeString
}

export interface TimeOff {
  id: string
  starts_at: DateTimeString
  ends_at: DateTimeString
  reason?: string | null
}

export interface TeacherSchedule {
  availability: Interval[]
  lessons: TeacherLesson[]
  time_off: TimeOff[]
}

export interface AvailabilityRule {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number
  /** `HH:MM`, local to the timezone. */
  start_time: string
  end_time: string
}

export interface Availability {
  timezone: string
  rules: AvailabilityRule[]
}

export interface TimeOffCreate {
  starts_at: DateTimeString
  ends_at: DateTimeString
  reason?: string
}

export interface RosterEntry {
  student_id: string
  first_name: string
  last_name: string
  attendance: AttendanceStatus | null
}

export interface LessonDetail {
  id: string
  kind: LessonKind
  status: LessonStatus
  starts_at: DateTimeString
  ends_at: DateTimeString
  teacher: PersonRef
  group?: GroupRef | null
  topic: string | null
  homework: string | null
  roster: RosterEntry[]
}

export interface AttendanceUpdate {
  topic?: string
  homework?: string
  attendance: { student_id: string; status: AttendanceStatus }[]
}

export interface PayrollLine {
  lesson_id: string
  starts_at: DateTimeString
  kind: LessonKind
  description?: string | null
  amount: Money
}

export interface Payroll {
  month: string
  lines: PayrollLine[]
  total: Money
}

// ---- admin ----

export interface RevenuePoint {
  month: string
  amount: Money
}

export interface FunnelPoint {
  status: LeadStatus
  count: number
}

export interface AdminDashboard {
  active_students: number
  lessons_this_week: number
  /** 0..1 */
  attendance_rate: number
  revenue_by_month: RevenuePoint[]
  trial_funnel: FunnelPoint[]
}

export type StudentStatus = 'lead' | 'trial' | 'active' | 'paused' | 'archived'

export interface AdminStudent {
  id: string
  first_name: string
  last_name: string
  email: string | null
  phone: string | null
  level: CefrLevel | null
  status: StudentStatus
  balance: Money
}

export interface AdminStudentQuery {
  q?: string
  page?: number
  page_size?: number
}

export interface AdminStudentCreate {
  first_name: string
  last_name: string
  email: string
  phone?: string
  level?: CefrLevel
  timezone?: string
  invite: boolean
}

export type AdminStudentUpdate = Partial<Omit<AdminStudentCreate, 'invite'>> & { status?: StudentStatus }

export interface AdminStudentDetail {
  profile: AdminStudent & { timezone?: string | null; goals?: string | null }
  ledger: Ledger
  packages: StudentPackage[]
  groups: StudentGroup[]
  lessons: StudentLesson[]
}

export type PaymentMethod = 'cash' | 'card' | 'transfer'

export interface PaymentCreate {
  amount_minor: number
  method: PaymentMethod
  comment?: string
}

export interface PackageCreate {
  lessons: number
  price_minor: number
  valid_until: DateString
}

export interface AdminTeacher {
  id: string
  first_name: string
  last_name: string
  email: string
  phone: string | null
  levels: CefrLevel[]
  status: 'invited' | 'active' | 'inactive'
}

export interface AdminTeacherCreate {
  first_name: string
  last_name: string
  email: string
  phone?: string
  levels: CefrLevel[]
  bio?: string
}

export type GroupStatus = 'forming' | 'active' | 'finished' | 'archived'

export interface AdminGroup {
  id: string
  name: string
  level: CefrLevel | null
  teacher: PersonRef | null
  capacity: number
  members_count: number
  status: GroupStatus
}

export interface AdminGroupCreate {
  name: string
  level: CefrLevel
  teacher_id: string
  capacity: number
}

export interface GroupMember extends PersonRef {
  joined_at: DateTimeString
}

export interface GroupHistoryEntry {
  student: PersonRef
  action: 'joined' | 'left' | 'moved_in' | 'moved_out'
  at: DateTimeString
  other_group?: GroupRef | null
}

export interface AdminGroupDetail extends AdminGroup {
  members: GroupMember[]
  history: GroupHistoryEntry[]
}

export type LeadStatus = 'new' | 'contacted' | 'trial_scheduled' | 'converted' | 'lost'

export interface Lead {
  id: string
  name: string
  phone: string | null
  level: string | null
  goal: string | null
  preferred_time: string | null
  status: LeadStatus
  created_at: DateTimeString
}

export type NotificationStatus = 'pending' | 'sent' | 'failed' | 'dead'

export interface NotificationLogEntry {
  id: string
  channel: 'email' | 'sms' | 'telegram' | 'push'
  template: string
  recipient: string
  status: NotificationStatus
  attempts: number
  error: string | null
  created_at: DateTimeString
}

export interface NotificationQuery {
  status?: NotificationStatus
  channel?: NotificationLogEntry['channel']
  page?: number
  page_size?: number
}
