import type { Page, Route } from '@playwright/test'

/** A small in-memory BFF that follows shared/API.md, so the UI can be driven in a real browser. */

const CSRF = 'e2e-csrf-token'
const PASSWORD = 'demo-studio-2026'
const rub = (amount_minor: number) => ({ amount_minor, currency: 'RUB' })
type HistoryEntry = { student: { id: string; first_name: string; last_name: string }; action: string; at: string; other_group: { id: string; name: string } | null }
const groups0History: HistoryEntry[] = []

export const USERS = {
  student: { id: 'u-s', email: 'student@demo.studio', role: 'student', profile: { first_name: 'Анна', last_name: 'Иванова' } },
  teacher: { id: 'u-t', email: 'teacher@demo.studio', role: 'teacher', profile: { first_name: 'John', last_name: 'Smith' } },
  admin: { id: 'u-a', email: 'admin@demo.studio', role: 'admin', profile: { first_name: 'Ольга', last_name: 'Петрова' } },
} as const

type Role = keyof typeof USERS

export interface FakeBff {
  /** Calls that changed something, with the CSRF and idempotency headers they carried. */
  writes: { method: string; path: string; csrf?: string; idempotencyKey?: string; body: unknown }[]
  /** The next POST /api/booking answers 409 slot_taken and removes that slot. */
  failNextBooking: boolean
}

function nextMonday(hour: number, offsetHours = 3): Date {
  const now = new Date()
  const day = now.getUTCDay()
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + ((8 - day) % 7 || 7), hour - offsetHours))
  return monday
}

/** `2026-12-07T10:00:00+03:00` for a UTC Date, written the way the BFF would (Moscow offset). */
function moscow(date: Date): string {
  const shifted = new Date(date.getTime() + 3 * 3600_000)
  return shifted.toISOString().replace('.000Z', '+03:00')
}

export async function installFakeBff(page: Page, options: { loggedInAs?: Role } = {}): Promise<FakeBff> {
  let user: (typeof USERS)[Role] | null = options.loggedInAs ? USERS[options.loggedInAs] : null
  const state: FakeBff = { writes: [], failNextBooking: false }
  if (user) await page.context().addCookies([{ name: 'studio_csrf', value: CSRF, url: 'http://127.0.0.1:4173' }])

  const monday10 = nextMonday(10)
  let slots = [0, 1, 3].map((h) => ({
    starts_at: moscow(new Date(monday10.getTime() + h * 3600_000)),
    ends_at: moscow(new Date(monday10.getTime() + (h + 1) * 3600_000)),
  }))
  const lessons: (Record<string, unknown> & { id: string; status: string })[] = []
  const teacher = { id: 't1', first_name: 'John', last_name: 'Smith', bio: 'IELTS, Business English', levels: ['B1', 'B2', 'C1'] }

  const student = { id: 's1', first_name: 'Анна', last_name: 'Иванова' }
  const journal = {
    id: 'tl1',
    kind: 'individual',
    status: 'scheduled',
    starts_at: moscow(new Date(monday10.getTime() + 3600_000)),
    ends_at: moscow(new Date(monday10.getTime() + 2 * 3600_000)),
    teacher,
    group: null,
    topic: null as string | null,
    homework: null as string | null,
    roster: [{ student_id: 's1', first_name: 'Анна', last_name: 'Иванова', attendance: null as string | null }],
  }
  let availability = { timezone: 'Europe/Moscow', rules: [{ weekday: 0, start_time: '10:00', end_time: '16:00' }] }
  interface FakeStudent {
    id: string
    first_name: string
    last_name: string
    email: string
    phone: string | null
    level: string | null
    status: string
    balance: { amount_minor: number; currency: string }
  }
  const students: FakeStudent[] = [
    { id: 's1', first_name: 'Анна', last_name: 'Иванова', email: 'student@demo.studio', phone: '+79990000001', level: 'B1', status: 'active', balance: rub(-150000) },
    { id: 's2', first_name: 'Пётр', last_name: 'Сидоров', email: 'petr@example.org', phone: null, level: 'A2', status: 'trial', balance: rub(0) },
  ]
  const paymentKeys = new Set<string>()
  const groups = [
    {
      id: 'g1', name: 'B1 Evening', level: 'B1', teacher, capacity: 8, status: 'active',
      members: [{ ...student, joined_at: '2026-09-01T10:00:00+03:00' }],
      history: [{ student, action: 'joined', at: '2026-09-01T10:00:00+03:00', other_group: null }] as HistoryEntry[],
    },
    { id: 'g2', name: 'B1 Morning', level: 'B1', teacher, capacity: 6, status: 'active', members: [] as { id: string; first_name: string; last_name: string; joined_at: string }[], history: groups0History.slice() },
  ]
  const leads = [
    { id: 'd1', name: 'Мария', phone: '+79991112233', level: 'A2', goal: 'Путешествия', preferred_time: 'вечер', status: 'new', created_at: '2026-11-27T10:00:00+03:00' },
    { id: 'd2', name: 'Игорь', phone: '+79994445566', level: 'B1', goal: 'Работа', preferred_time: 'утро', status: 'contacted', created_at: '2026-11-26T10:00:00+03:00' },
  ]
  const notifications = [
    { id: 'n1', channel: 'email', template: 'lesson_scheduled', recipient: 'student@demo.studio', status: 'sent', attempts: 1, error: null, created_at: '2026-11-27T10:00:00+03:00' },
    { id: 'n2', channel: 'telegram', template: 'reminder_24h', recipient: '@anna', status: 'dead', attempts: 5, error: 'Forbidden: bot was blocked by the user', created_at: '2026-11-27T11:00:00+03:00' },
  ]

  const json = (route: Route, status: number, body: unknown, headers: Record<string, string> = {}) =>
    route.fulfill({ status, contentType: 'application/json', body: JSON.stringify(body), headers })
  const problem = (route: Route, status: number, code: string, title: string) =>
    route.fulfill({ status, contentType: 'application/problem+json', body: JSON.stringify({ status, code, title, detail: title }) })

  await page.route('**/api/**', async (route) => {
    const request = route.request()
    const url = new URL(request.url())
    const path = url.pathname.replace(/^\/api/, '')
    const method = request.method()
    const body = request.postDataJSON() as Record<string, unknown> | null

    if (method !== 'GET') {
      const headers = await request.allHeaders()
      state.writes.push({ method, path, csrf: headers['x-csrf-token'], idempotencyKey: headers['idempotency-key'], body })
      if (!path.startsWith('/auth/') && headers['x-csrf-token'] !== CSRF) return problem(route, 403, 'csrf_failed', 'CSRF check failed')
    }

    if (path === '/auth/login' && method === 'POST') {
      const found = Object.values(USERS).find((u) => u.email === body?.email)
      if (!found || body?.password !== PASSWORD) return problem(route, 401, 'invalid_credentials', 'Invalid credentials')
      user = found
      await page.context().addCookies([{ name: 'studio_csrf', value: CSRF, url: 'http://127.0.0.1:4173' }])
      return json(route, 200, { user })
    }
    if (path === '/auth/logout') {
      user = null
      return route.fulfill({ status: 204 })
    }
    if (!user) return problem(route, 401, 'not_authenticated', 'Not authenticated')
    if (path === '/me') return json(route, 200, user)

    if (path === '/student/dashboard') {
      return json(route, 200, {
        next_lessons: lessons,
        balance: rub(-150000),
        packages: [{ id: 'p1', lessons_total: 8, lessons_used: 2, valid_until: '2027-02-28', status: 'active' }],
        groups: [{ id: 'g1', name: 'B1 Evening', level: 'B1', teacher, schedule_text: 'Tue, Thu 19:00' }],
        homework: [],
      })
    }
    if (path === '/teachers') return json(route, 200, [teacher])
    if (path === '/booking/slots') return json(route, 200, slots)
    if (path === '/booking' && method === 'POST') {
      if (state.failNextBooking) {
        state.failNextBooking = false
        slots = slots.filter((s) => s.starts_at !== body?.starts_at)
        return problem(route, 409, 'slot_taken', 'Slot taken')
      }
      const slot = slots.find((s) => s.starts_at === body?.starts_at)
      if (!slot) return problem(route, 409, 'slot_taken', 'Slot taken')
      slots = slots.filter((s) => s !== slot)
      const lesson = { id: `l${lessons.length + 1}`, kind: 'individual', status: 'scheduled', ...slot, teacher, topic: null, homework: null }
      lessons.push(lesson)
      return json(route, 201, { lesson })
    }
    if (path === '/student/lessons') return json(route, 200, lessons)

    const cancelMatch = path.match(/^\/lessons\/([^/]+)\/cancel$/)
    if (cancelMatch && method === 'POST') {
      const lesson = lessons.find((l) => l.id === cancelMatch[1])
      if (!lesson) return problem(route, 404, 'not_found', 'No such lesson')
      lesson.status = 'cancelled'
      return json(route, 200, { lesson, late_cancel: false, charge: null })
    }
    if (path === '/student/ledger') {
      return json(route, 200, {
        balance: rub(-150000),
        entries: [
          { id: 'e1', kind: 'payment', amount: rub(500000), created_at: '2026-11-01T12:00:00+03:00', comment: 'Карта' },
          { id: 'e2', kind: 'lesson_charge', amount: rub(-650000), created_at: '2026-11-20T12:00:00+03:00', comment: null },
        ],
      })
    }

    // ---- teacher ----
    if (path === '/teacher/dashboard') {
      return json(route, 200, {
        today: [journal].map((l) => ({ ...l, students: [student], group: null })),
        week_stats: { lessons_total: 12, lessons_completed: 5, lessons_cancelled: 1 },
        groups: [{ id: 'g1', name: 'B1 Evening', level: 'B1', teacher, schedule_text: 'Tue, Thu 19:00' }],
      })
    }
    if (path === '/teacher/schedule') {
      return json(route, 200, {
        availability: [{ starts_at: moscow(monday10), ends_at: moscow(new Date(monday10.getTime() + 6 * 3600_000)) }],
        lessons: [{ id: journal.id, kind: journal.kind, status: journal.status, starts_at: journal.starts_at, ends_at: journal.ends_at, students: [student] }],
        time_off: [],
      })
    }
    if (path === '/teacher/availability') {
      if (method === 'PUT') {
        availability = body as typeof availability
        return json(route, 200, availability)
      }
      return json(route, 200, availability)
    }
    if (path === '/teacher/time-off' && method === 'POST') return json(route, 201, { id: 'off1', ...body })
    if (path === `/lessons/${journal.id}`) return json(route, 200, journal)
    if (path === `/lessons/${journal.id}/attendance` && method === 'PUT') {
      const update = body as { topic?: string; homework?: string; attendance: { student_id: string; status: string }[] }
      journal.topic = update.topic ?? null
      journal.homework = update.homework ?? null
      for (const mark of update.attendance) {
        const entry = journal.roster.find((r) => r.student_id === mark.student_id)
        if (entry) entry.attendance = mark.status
      }
      return json(route, 200, journal)
    }
    if (path === `/lessons/${journal.id}/complete` && method === 'POST') {
      if (journal.roster.some((r) => !r.attendance)) return problem(route, 409, 'attendance_incomplete', 'Attendance incomplete')
      journal.status = 'completed'
      return json(route, 200, journal)
    }
    if (path === '/teacher/payroll') {
      return json(route, 200, {
        month: url.searchParams.get('month'),
        lines: [{ lesson_id: 'x1', starts_at: '2026-11-03T10:00:00+03:00', kind: 'individual', description: 'Анна Иванова', amount: rub(120000) }],
        total: rub(120000),
      })
    }

    // ---- admin ----
    if (path === '/admin/dashboard') {
      return json(route, 200, {
        active_students: 42,
        lessons_this_week: 87,
        attendance_rate: 0.93,
        revenue_by_month: [
          { month: '2026-10', amount: rub(31000000) },
          { month: '2026-11', amount: rub(35550000) },
        ],
        trial_funnel: [
          { status: 'new', count: 7 },
          { status: 'contacted', count: 4 },
          { status: 'converted', count: 2 },
        ],
      })
    }
    if (path === '/admin/students' && method === 'GET') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase()
      const found = students.filter((s) => `${s.first_name} ${s.last_name} ${s.email}`.toLowerCase().includes(q))
      const page = Number(url.searchParams.get('page') ?? 1)
      const size = Number(url.searchParams.get('page_size') ?? 20)
      return json(route, 200, { items: found.slice((page - 1) * size, page * size), total: found.length, page, page_size: size })
    }
    if (path === '/admin/students' && method === 'POST') {
      const created = { id: `s${students.length + 1}`, phone: null, level: null, status: 'active', balance: rub(0), ...(body as object) } as FakeStudent
      students.push(created)
      return json(route, 201, created)
    }
    const studentMatch = path.match(/^\/admin\/students\/([^/]+)(\/payments|\/packages)?$/)
    if (studentMatch) {
      const found = students.find((s) => s.id === studentMatch[1])
      if (!found) return problem(route, 404, 'not_found', 'No such student')
      if (studentMatch[2] === '/payments') {
        const key = (await request.allHeaders())['idempotency-key'] ?? ''
        if (!paymentKeys.has(key)) {
          paymentKeys.add(key)
          found.balance = rub(found.balance.amount_minor + Number((body as { amount_minor: number }).amount_minor))
        }
        return json(route, 201, {})
      }
      if (studentMatch[2] === '/packages') return json(route, 201, {})
      if (method === 'PATCH') Object.assign(found, body)
      return json(route, 200, {
        profile: { ...found, timezone: 'Europe/Moscow' },
        ledger: { balance: found.balance, entries: [] },
        packages: [],
        groups: groups.filter((g) => g.members.some((m) => m.id === found.id)),
        lessons: [],
      })
    }
    if (path === '/admin/teachers') {
      return json(route, 200, [{ ...teacher, email: 'teacher@demo.studio', phone: null, status: 'active' }])
    }
    const summary = (g: (typeof groups)[number]) => ({ ...g, members_count: g.members.length, members: undefined, history: undefined })
    if (path === '/admin/groups') return json(route, 200, groups.map(summary))
    const groupMatch = path.match(/^\/admin\/groups\/([^/]+)(?:\/members(?:\/([^/]+)\/move)?)?$/)
    if (groupMatch) {
      const group = groups.find((g) => g.id === groupMatch[1])
      if (!group) return problem(route, 404, 'not_found', 'No such group')
      if (groupMatch[2] && method === 'POST') {
        const target = groups.find((g) => g.id === (body as { to_group_id: string }).to_group_id)!
        const member = group.members.find((m) => m.id === groupMatch[2])!
        group.members = group.members.filter((m) => m !== member)
        target.members.push({ ...member, joined_at: moscow(new Date()) })
        const at = moscow(new Date())
        group.history.push({ student: member, action: 'moved_out', at, other_group: { id: target.id, name: target.name } })
        target.history.push({ student: member, action: 'moved_in', at, other_group: { id: group.id, name: group.name } })
        return json(route, 200, {})
      }
      return json(route, 200, { ...group, members_count: group.members.length })
    }
    if (path === '/admin/leads') return json(route, 200, leads)
    const leadMatch = path.match(/^\/admin\/leads\/([^/]+)$/)
    if (leadMatch && method === 'PATCH') {
      const lead = leads.find((l) => l.id === leadMatch[1])!
      lead.status = (body as { status: string }).status
      return json(route, 200, lead)
    }
    if (path === '/admin/notifications') {
      const status = url.searchParams.get('status')
      const items = notifications.filter((n) => !status || n.status === status)
      return json(route, 200, { items, total: items.length, page: 1, page_size: 25 })
    }
    return problem(route, 404, 'not_found', `No fake for ${method} ${path}`)
  })
  return state
}

export { PASSWORD }
