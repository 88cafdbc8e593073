import { expect, test, type APIResponse, type Page } from '@playwright/test'
import type { Lesson } from '../src/api/types'
import { DEMO, login, ru, shot, text } from './support'

test.use({ timezoneId: 'Europe/Moscow' })
// Four flows in one journey (lead, calendar booking, substitution, a student's reschedule): more than
// the default 90 s on a phone-sized page of a loaded 2-core machine.
test.setTimeout(240_000)

const TRIAL_DAYS_AHEAD = 4
const STUDENT_DAYS_AHEAD = 9
const HOURS = { timezone: 'Europe/Moscow', rules: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start_time: '08:00', end_time: '21:00' })) }

/** `YYYY-MM-DD` of today + `days` in the browser's (Moscow) calendar. */
function dayAhead(days: number): string {
  const date = new Date(Date.now() + days * 86_400_000)
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(date)
}

/** An API call in the admin's session (the cookie and the CSRF header the app sends). */
async function call(page: Page, method: string, url: string, data?: unknown, headers: Record<string, string> = {}) {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'studio_csrf')?.value ?? ''
  const response: APIResponse = await page.request.fetch(url, { method, data, headers: { 'X-CSRF-Token': csrf, ...headers } })
  expect(response.status(), `${method} ${url}: ${await response.text()}`).toBeLessThan(300)
  return response.json()
}

test('J7: a lead becomes a student with a trial booked from the calendar, time off shows its clashes and a substitution moves them, a student reschedules', async ({
  page,
  browser,
}, testInfo) => {
  const phone = testInfo.project.name === 'phone'
  const stamp = `${Math.random().toString(36).slice(2, 6)}${phone ? 'p' : 'd'}`
  await login(page, DEMO.admin)

  // Two teachers open 08:00-21:00 Moscow time: one about to be away, one to cover.
  const newTeacher = async (first: string, last: string) => {
    const teacher = await call(page, 'POST', '/api/admin/teachers', {
      email: `j7-${last.toLowerCase()}-${stamp}@example.com`,
      first_name: first,
      last_name: `${last} ${stamp}`,
      levels: ['B1'],
      timezone: 'Europe/Moscow',
    })
    await call(page, 'PUT', `/api/admin/teachers/${teacher.id}/availability`, HOURS)
    return { id: String(teacher.id), name: `${first} ${last} ${stamp}` }
  }
  const away = await newTeacher('Ivan', 'Away')
  const cover = await newTeacher('Sofia', 'Cover')

  // 1. A request taken by phone.
  await page.goto('/admin/leads')
  await page.getByRole('button', { name: ru.leadDesk.newLead }).click()
  const form = page.getByRole('dialog', { name: ru.leadDesk.createTitle })
  await form.locator('#lead-first-name').fill('Vera')
  await form.locator('#lead-last-name').fill(`Lead ${stamp}`)
  await form.locator('#lead-phone').fill(`+7916${String(Date.now()).slice(-7)}`)
  const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/leads') && r.request().method() === 'POST')
  await form.getByRole('button', { name: ru.common.save }).click()
  expect((await created).status()).toBe(201)
  await expect(page.getByTestId('column-new')).toContainText(`Vera Lead ${stamp}`)
  await shot(page, testInfo, 'j7-01-lead')

  // 2. Its trial booked from the studio calendar: converting makes the student in the same step.
  let loaded = page.waitForResponse((r) => r.url().includes('/api/admin/calendar'))
  await page.goto('/admin/calendar')
  await loaded
  loaded = page.waitForResponse((r) => r.url().includes('/api/admin/calendar'))
  await page.getByRole('combobox', { name: ru.calendar.teacherFilter }).click()
  await page.getByRole('option', { name: away.name, exact: true }).click()
  await loaded
  for (let step = 0; step < TRIAL_DAYS_AHEAD; step++) {
    loaded = page.waitForResponse((r) => r.url().includes('/api/admin/calendar'))
    await page.getByRole('button', { name: ru.calendar.nextDay }).click()
    await loaded
  }
  if (phone) await page.getByRole('button', { name: text(ru.calendar.bookWith, { teacher: away.name }) }).click()
  else await page.getByTestId(`cell-${away.id}-11:00`).click()
  const dialog = page.getByRole('dialog', { name: ru.frontdesk.bookTitle })
  await dialog.getByText(ru.leadDesk.forLead).click()
  await dialog.getByRole('combobox', { name: ru.leadDesk.lead }).click()
  await page.getByRole('option', { name: new RegExp(`Vera Lead ${stamp}`) }).click()
  await dialog.getByRole('combobox', { name: ru.frontdesk.slot }).click()
  await page.getByRole('option', { name: /^11:00/ }).click()
  const converted = page.waitForResponse((r) => /\/api\/admin\/leads\/[^/]+\/convert$/.test(r.url()))
  await dialog.getByRole('button', { name: ru.frontdesk.book, exact: true }).click()
  const conversion = await converted
  expect(conversion.status(), await conversion.text()).toBe(201)
  const { lesson: trial } = (await conversion.json()) as { lesson: Lesson }
  expect(trial.kind).toBe('trial')
  await expect(page.getByTestId(`lesson-${trial.id}`)).toContainText('11:00')
  await shot(page, testInfo, 'j7-02-trial')

  // 3. The teacher is away that day: the time off answers its clash, the teacher's page lists it
  //    and a substitution gives the lesson to the covering teacher.
  const offDay = dayAhead(TRIAL_DAYS_AHEAD)
  const off = await call(page, 'POST', `/api/admin/teachers/${away.id}/time-off`, {
    starts_at: `${offDay}T00:00:00+03:00`,
    ends_at: `${offDay}T23:59:00+03:00`,
    reason: 'Sick',
  })
  expect(off.clashes.map((lesson: Lesson) => lesson.id)).toEqual([trial.id])
  await page.goto(`/admin/teachers/${away.id}`)
  const clashes = page.getByTestId('clashes')
  await expect(clashes.getByTestId('clash')).toHaveCount(1)
  await expect(clashes).toContainText(`Vera Lead ${stamp}`)
  await clashes.getByRole('combobox').click()
  await page.getByRole('option', { name: cover.name, exact: true }).click()
  const substituted = page.waitForResponse((r) => r.url().endsWith(`/api/admin/lessons/${trial.id}/substitute`))
  await clashes.getByRole('button', { name: ru.staffing.substitute }).click()
  expect((await substituted).status()).toBe(200)
  await expect(clashes).toContainText(ru.staffing.noClashes)
  await shot(page, testInfo, 'j7-03-substituted')

  // 4. A student moves their own lesson inside the notice, the policy shown first.
  const [demo] = (await call(page, 'GET', `/api/admin/students?search=${encodeURIComponent(DEMO.student)}`)).items
  const studentDay = dayAhead(STUDENT_DAYS_AHEAD)
  const hour = phone ? 15 : 10
  await call(
    page,
    'POST',
    '/api/admin/lessons',
    { student_id: demo.id, teacher_id: away.id, starts_at: `${studentDay}T${hour}:00:00+03:00`, duration_minutes: 60, kind: 'individual' },
    { 'Idempotency-Key': `j7-${stamp}-lesson` },
  )
  const student = await browser.newContext({ timezoneId: 'Europe/Moscow', viewport: page.viewportSize() ?? undefined })
  const studentPage = await student.newPage()
  await login(studentPage, DEMO.student)
  await studentPage.goto('/student/lessons')
  const row = studentPage.getByRole('row').filter({ hasText: away.name })
  await row.getByTestId('reschedule-lesson').click()
  const move = studentPage.getByRole('dialog', { name: ru.reschedule.title })
  await expect(move.getByTestId('reschedule-policy')).toBeVisible()
  await move.locator('#reschedule-day').fill(studentDay)
  await move.getByRole('combobox', { name: ru.reschedule.slot }).click()
  await studentPage.getByRole('option', { name: new RegExp(`^${hour + 3}:00`) }).click()
  const moved = studentPage.waitForResponse((r) => /\/api\/lessons\/[^/]+\/reschedule$/.test(r.url()))
  await move.getByRole('button', { name: ru.reschedule.confirm, exact: true }).click()
  const answer = await moved
  expect(answer.status(), await answer.text()).toBe(200)
  expect(((await answer.json()) as { lesson: Lesson }).lesson.starts_at).toContain(`${studentDay}T`)
  await expect(row).toContainText(`${hour + 3}:00`)
  await shot(studentPage, testInfo, 'j7-04-rescheduled')
  await student.close()
})
