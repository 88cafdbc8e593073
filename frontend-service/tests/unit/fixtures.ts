/**
 * Wire fixtures typed against the generated BFF schema (through `@/api`), so a change of shape in
 * the BFF breaks the unit tests' type check instead of leaving them green on stale JSON.
 */
import type {
  AdminStudentDetail,
  Group,
  Lead,
  LeadPage,
  Me,
  Page,
  StudentDashboard,
  StudentLesson,
  StudentProfile,
  TeacherCard,
} from '@/api'

const HOUR = 3600_000

export const USERS = {
  student: {
    id: 'u-student',
    email: 'student@demo.studio',
    role: 'student',
    first_name: 'Анна',
    last_name: 'Иванова',
    email_verified: true,
    telegram_linked: false,
    password_change_required: false,
    language: 'ru',
    timezone: 'Europe/Moscow',
    profile: null,
    degraded: [],
  },
  teacher: {
    id: 'u-teacher',
    email: 'teacher@demo.studio',
    role: 'teacher',
    first_name: 'John',
    last_name: 'Smith',
    email_verified: true,
    telegram_linked: false,
    password_change_required: false,
    language: 'en',
    timezone: 'Europe/London',
    profile: null,
    degraded: [],
  },
  admin: {
    id: 'u-admin',
    email: 'admin@demo.studio',
    role: 'admin',
    first_name: 'Ольга',
    last_name: 'Петрова',
    email_verified: true,
    telegram_linked: false,
    password_change_required: false,
    language: 'ru',
    timezone: null,
    profile: null,
    degraded: [],
  },
} as const satisfies Record<string, Me>

export function page<T>(items: T[], size = 20): Page<T> {
  return { items, total: items.length, page: 1, size }
}

export function studentLesson(hoursFromNow: number, extra: Partial<StudentLesson> = {}): StudentLesson {
  const start = new Date(Date.now() + hoursFromNow * HOUR)
  return {
    id: 'l1',
    kind: 'individual',
    status: 'scheduled',
    starts_at: start.toISOString(),
    ends_at: new Date(start.getTime() + HOUR).toISOString(),
    duration_minutes: 60,
    teacher: { id: 't1', first_name: 'John', last_name: 'Smith', photo_url: null },
    group_id: null,
    topic: null,
    homework: null,
    late_cancel: false,
    price_minor: 150000,
    currency: 'RUB',
    ...extra,
  }
}

export const teacherCard: TeacherCard = {
  id: 't1',
  first_name: 'John',
  last_name: 'Smith',
  bio: 'IELTS',
  levels: ['B1', 'B2'],
  specialisations: [],
  timezone: 'Europe/London',
  photo_url: null,
  rating: { average: null, count: 0 },
}

export function group(id: string, extra: Partial<Group> = {}): Group {
  return {
    id,
    name: `Group ${id}`,
    level: 'B1',
    teacher_id: 't1',
    capacity: 8,
    room_id: null,
    schedule: { timezone: 'Europe/Moscow', slots: [{ weekday: 1, start_time: '18:30:00', duration_minutes: 90 }] },
    starts_on: '2026-09-01',
    ends_on: null,
    status: 'active',
    price_per_lesson_minor: 90000,
    currency: 'RUB',
    members_count: 3,
    waitlist_count: 0,
    ...extra,
  }
}

export const studentDashboard: StudentDashboard = {
  next_lessons: [studentLesson(24 * 7, { starts_at: '2026-12-08T10:00:00+03:00', ends_at: '2026-12-08T11:00:00+03:00' })],
  balance: { amount_minor: -120000, currency: 'RUB' },
  packages: [
    {
      id: 'p1',
      student_id: 'u-student',
      kind: 'any',
      lessons_total: 8,
      lessons_used: 3,
      lessons_left: 5,
      price_minor: 1000000,
      currency: 'RUB',
      valid_from: '2026-11-01',
      valid_until: '2027-01-31',
      status: 'active',
      frozen_until: null,
      created_at: '2026-11-01T10:00:00+03:00',
    },
  ],
  groups: [],
  homework: [],
  degraded: [],
}

export function lead(id: string, status: Lead['status'], extra: Partial<Lead> = {}): Lead {
  return {
    id,
    name: `Lead ${id}`,
    phone: '+79990000000',
    is_child: false,
    level: 'A2',
    goal: 'travel',
    preferred_slot: null,
    time_of_day: 'evenings',
    language: 'ru',
    status,
    source: 'telegram',
    note: null,
    created_at: '2026-12-01T10:00:00+03:00',
    updated_at: null,
    student_id: null,
    ...extra,
  }
}

export function leadPage(leads: Lead[]): LeadPage {
  return { items: leads, total: leads.length, page: 1, size: 100 }
}

export const studentProfile: StudentProfile = {
  id: 's1',
  user_id: 's1',
  first_name: 'A',
  last_name: 'B',
  email: 'a@b.c',
  phone: null,
  birth_date: null,
  level: 'B1',
  goals: null,
  timezone: 'Europe/Moscow',
  status: 'active',
  source: 'admin',
  guardian: null,
  created_at: '2026-11-01T10:00:00+03:00',
  balance: { amount_minor: 0, currency: 'RUB' },
}

export const studentDetail: AdminStudentDetail = {
  ...studentProfile,
  ledger: { balance: { amount_minor: 0, currency: 'RUB' }, entries: [] },
  packages: [],
  groups: [],
  lessons: [],
  degraded: [],
}
