/**
 * Wire shapes of the BFF, derived from `schema.d.ts` (generated from the BFF's OpenAPI by
 * openapi-typescript; never edited by hand). This is the only module that names wire shapes:
 * when the BFF changes a model, `vue-tsc` points at every screen that must follow.
 *
 * Hand-written types are kept only where the BFF answers with an untyped `dict`; each says so.
 */
import type { components, paths } from './schema'

type Schemas = components['schemas']
/** The JSON body of a 200/201/202 answer of `paths[P][M]`. */
type Answer<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch'> = paths[P][M] extends {
  responses: infer R
}
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : R extends { 202: { content: { 'application/json': infer B } } }
        ? B
        : never
  : never

/** The query parameters of `paths[P][M]`. */
type QueryOf<P extends keyof paths, M extends 'get'> = paths[P][M] extends { parameters: { query?: infer Q } }
  ? NonNullable<Q>
  : never

export type Role = Schemas['UserRead']['role']

/** RFC 3339 timestamp with an offset, e.g. `2026-12-01T10:00:00+03:00`. */
export type DateTimeString = string
/** Calendar date `YYYY-MM-DD`. */
export type DateString = string

export type Money = Schemas['Money']

export interface Problem {
  type?: string
  status: number
  title: string
  detail?: string
  code?: string
  instance?: string
}

/** The envelope of every paginated list (`Page[T]` in every service). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  size: number
}

// ---- session ----

export type User = Schemas['UserRead']
export type Me = Schemas['MeRead']
export type LoginRequest = Schemas['LoginRequest']
export type RegisterRequest = Schemas['RegisterRequest']
export type MiniAppLoginRequest = Schemas['MiniAppLoginRequest']
export type UserEnvelope = Schemas['UserEnvelope']

export type Preferences = Answer<'/api/me/preferences', 'get'>
export type PreferencesUpdate = Schemas['PreferencesUpdate']
export type NotificationCategory = 'account' | 'lessons' | 'reminders' | 'billing' | 'news'
export type TelegramLink = Answer<'/api/me/telegram/link', 'post'>
export type OAuthProvider = Schemas['OAuthProviderRead']
export type InvitationAccept = Schemas['InvitationAccept']
export type PasswordResetRequest = Schemas['PasswordResetRequest']
export type PasswordResetConfirm = Schemas['PasswordResetConfirm']
export type PasswordChange = Schemas['PasswordChange']
export type EmailVerification = Schemas['EmailVerification']
/** `POST /api/auth/verify-email` answers with the account (`UserRead`). */
export type VerifiedUser = Answer<'/api/auth/verify-email', 'post'>

/** Whether the generated schema has route `P` (a compile-time feature flag, see `telegram/widget.ts`). */
export type HasRoute<P extends string> = P extends keyof paths ? true : false

/**
 * The user object the Telegram Login Widget hands to its `onauth` callback, posted untouched to
 * `POST /api/auth/telegram/login` (auth-service checks the hash over every field the widget sent).
 */
export type TelegramWidgetUser = Schemas['TelegramWidgetLogin']

// ---- shared pieces ----

export type Lesson = Schemas['Lesson']
export type LessonKind = Lesson['kind']
export type LessonStatus = Lesson['status']
export type AttendanceStatus = Schemas['AttendanceMark']['status']
export type CefrLevel = Schemas['ReferenceRead']['levels'][number]
export type StudentStatus = Schemas['StudentProfile']['status']
export type GroupStatus = Schemas['Group']['status']
export type PaymentMethod = Schemas['PaymentCreate']['method']
export type Group = Schemas['Group']
export type GroupSchedule = Schemas['GroupSchedule']
export type GroupScheduleSlot = Schemas['ScheduleSlot']
export type StudentGroup = Schemas['StudentGroup']
export type TeacherCard = Schemas['TeacherCard']
export type StudentProfile = Schemas['StudentProfile']
export type LedgerEntry = Schemas['LedgerEntry']
export type LedgerEntryKind = LedgerEntry['kind']
export type Ledger = Schemas['Ledger']
export type LessonPackage = Schemas['LessonPackage']

// ---- student ----

export type TeacherRef = Schemas['TeacherRef']
export type StudentLesson = Schemas['StudentLesson']
export type HomeworkItem = Schemas['HomeworkItem']
export type StudentDashboard = Answer<'/api/student/dashboard', 'get'>
export type Slot = Schemas['Slot']
export type BookingRequest = Schemas['BookingRequest']
export type BookingResult = Answer<'/api/booking', 'post'>
export type CancelRequest = Schemas['CancelRequest']
export type CancelResult = Answer<'/api/lessons/{lesson_id}/cancel', 'post'>
export type BookingQuote = Schemas['BookingQuote']
export type PackageCover = Schemas['PackageCover']
export type FeedbackCreate = Schemas['FeedbackCreate']
export type FeedbackRead = Answer<'/api/lessons/{lesson_id}/feedback', 'post'>

export type SlotQuery = QueryOf<'/api/booking/slots', 'get'>
export type SlotsBatchQuery = QueryOf<'/api/booking/slots/batch', 'get'>
export type TeacherSlots = Schemas['TeacherSlots']
export type TeacherSlotsBatch = Answer<'/api/booking/slots/batch', 'get'>

// ---- teacher ----

export type WeekStats = Schemas['WeekStats']
export type TeacherDashboard = Answer<'/api/teacher/dashboard', 'get'>
export type TimeOff = Schemas['TimeOff']
export type TeacherSchedule = Answer<'/api/teacher/schedule', 'get'>
export type AvailabilityRule = Schemas['AvailabilityRule']
export type AvailabilityUpdate = Schemas['AvailabilityUpdate']
export type AvailabilityRead = Answer<'/api/teacher/availability', 'get'>
export type TimeOffCreate = Schemas['TimeOffCreate']
export type RosterEntry = Schemas['RosterEntry']
export type LessonDetail = Answer<'/api/lessons/{lesson_id}', 'get'>
export type AttendanceUpdate = Schemas['AttendanceUpdate']
export type PayrollLine = Schemas['PayrollLine']
export type Payroll = Answer<'/api/teacher/payroll', 'get'>

// ---- admin ----

export type LeadStatus = Schemas['Lead']['status']
export type MonthRevenue = Schemas['MonthRevenue']
export type AdminDashboard = Answer<'/api/admin/dashboard', 'get'>
export type AdminStudent = StudentProfile
export type AdminStudentCreate = Schemas['StudentCreate']
export type AdminStudentUpdate = Schemas['StudentUpdate']

export type AdminStudentQuery = QueryOf<'/api/admin/students', 'get'>
export type AdminStudentPage = Answer<'/api/admin/students', 'get'>
export type AdminTeacherQuery = QueryOf<'/api/admin/teachers', 'get'>
export type AdminTeacherPage = Answer<'/api/admin/teachers', 'get'>
export type GroupQuery = QueryOf<'/api/admin/groups', 'get'>
export type GroupPage = Answer<'/api/admin/groups', 'get'>
export type LeadQuery = QueryOf<'/api/admin/leads', 'get'>
export type LeadPage = Answer<'/api/admin/leads', 'get'>
export type NotificationPage = Answer<'/api/admin/notifications', 'get'>

/**
 * `StudentDetail`, with `ledger` typed by hand: the BFF passes students-service's ledger through
 * as a `dict` ({balance, entries[]}, null when that service did not answer).
 */
export type AdminStudentDetail = Omit<Schemas['StudentDetail'], 'ledger'> & { ledger: Ledger | null }
export type PaymentCreate = Schemas['PaymentCreate']
export type PackageCreate = Schemas['PackageCreate']
export type AdminTeacher = Schemas['TeacherRecord']
export type AdminTeacherCreate = Schemas['TeacherCreate']
export type AdminTeacherUpdate = Schemas['TeacherUpdate']
export type TeacherInvitation = Schemas['Invitation']
export type AdminGroupCreate = Schemas['GroupCreate']
export type Membership = Schemas['Membership']

/** A waitlist row as groups-service sends it (the BFF types the waitlist as `dict`). */
export interface WaitlistEntry {
  group_id: string
  student_id: string
  /** 1 = next to get a seat. */
  position: number
  added_at: DateTimeString
}

export type GroupMembers = Omit<Schemas['GroupMembers'], 'waitlist'> & { waitlist: WaitlistEntry[] }
export type Lead = Schemas['Lead']
export type NotificationLogEntry = Schemas['NotificationEntry']
export type NotificationStatus = NotificationLogEntry['status']
export type NotificationChannel = NotificationLogEntry['channel']

export type NotificationQuery = QueryOf<'/api/admin/notifications', 'get'>

// ---- admin broadcasts ----

export type BroadcastCreate = Schemas['BroadcastCreate']
export type BroadcastAudience = BroadcastCreate['audience']
/** The 202 answer: the broadcast as queued (`status`, and `recipient_count` once fanned out). */
export type BroadcastAccepted = Answer<'/api/admin/broadcasts', 'post'>

// Front desk (API.md "Front desk"): the studio calendar and lessons booked or moved for anyone.
export type StudioCalendar = Answer<'/api/admin/calendar', 'get'>
export type StudioCalendarQuery = QueryOf<'/api/admin/calendar', 'get'>
export type CalendarLesson = Schemas['CalendarLesson']
export type TeacherTimeOff = Schemas['TeacherTimeOff']
export type WorkingHours = Schemas['WorkingHours']
export type AdminSlotQuery = QueryOf<'/api/admin/slots', 'get'>
export type FrontDeskBooking = Schemas['FrontDeskBooking']
export type LessonResult = Schemas['LessonResult']
export type RescheduleRequest = Schemas['RescheduleRequest']
export type BookingPolicy = Schemas['BookingPolicy']

// Front desk, part B: leads taken at the desk and converted, time off with clashes, substitution,
// date exceptions and a teacher's hours edited by an admin.
export type LeadCreate = Schemas['LeadCreate']
export type LeadConvert = Schemas['LeadConvert']
export type LeadConverted = Schemas['LeadConverted']
export type ConversionPeriod = Schemas['ConversionPeriod']
export type TimeOffResult = Schemas['TimeOffResult']
export type Clashes = Schemas['Clashes']
export type AvailabilityExceptionCreate = Schemas['ExceptionCreate']
export type AvailabilityExceptionRead = Schemas['ExceptionRead']
