import { expect, test, type Browser, type Page } from '@playwright/test'
import type { CalendarLesson } from '../src/api/types'
import { DEMO, DEMO_PASSWORD, login, ru, shot, text, unique } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

/** A student who signs up in the web app; their browser stays logged in. */
async function registerStudent(browser: Browser, first: string, last: string): Promise<Page> {
  const context = await browser.newContext({ timezoneId: 'Europe/Moscow' })
  const page = await context.newPage()
  await page.goto('/register')
  await page.locator('#reg-first-name').fill(first)
  await page.locator('#reg-last-name').fill(last)
  await page.locator('#reg-email').fill(`${last.toLowerCase()}@example.com`)
  await page.locator('#reg-password').fill(`${DEMO_PASSWORD}-x`)
  // Enter submits the form (the password strength overlay covers the button).
  await page.locator('#reg-password').press('Enter')
  await expect(page).toHaveURL(/\/student/)
  return page
}

/** A call to the BFF with the page's session, as the app makes it (CSRF header on writes). */
async function api(page: Page, method: 'POST' | 'GET', path: string, data?: unknown): Promise<unknown> {
  const csrf = (await page.context().cookies()).find((cookie) => cookie.name === 'studio_csrf')?.value ?? ''
  const response = await page.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': csrf } })
  expect(response.ok(), await response.text()).toBeTruthy()
  return response.json()
}

/** Picks a student in an autocomplete by keyboard (on a phone the suggestions may sit under a toolbar). */
async function pickStudent(page: Page, inputId: string, surname: string) {
  const input = page.locator(`#${inputId}`)
  await input.fill(surname)
  await expect(page.getByRole('option', { name: new RegExp(surname) })).toBeVisible()
  await input.press('ArrowDown')
  await input.press('Enter')
}

test('J6: a group activated in the web app has its lessons on the calendar, and a waitlisted student accepts a freed seat', async ({
  page,
  browser,
}, testInfo) => {
  const suffix = unique(testInfo)
  const memberSurname = `Member${suffix}`
  const waitingSurname = `Waiting${suffix}`
  const member = await registerStudent(browser, 'Ira', memberSurname)
  const waiting = await registerStudent(browser, 'Lev', waitingSurname)
  await member.context().close()
  await login(page, DEMO.admin)

  const teacherLast = `Groupova ${suffix}`
  const teacher = (await api(page, 'POST', '/api/admin/teachers', {
    email: `groupova-${suffix}@example.com`,
    first_name: 'Vera',
    last_name: teacherLast,
    levels: ['B1'],
    timezone: 'Europe/Moscow',
  })) as { id: string }
  const tomorrow = await page.evaluate(() => {
    const date = new Date()
    date.setDate(date.getDate() + 1)
    return { weekday: (date.getDay() + 6) % 7 }
  })
  const today = await page.evaluate(() => new Date().toLocaleDateString('sv-SE'))
  const groupName = `Evening ${suffix}`
  const group = (await api(page, 'POST', '/api/admin/groups', {
    name: groupName,
    level: 'B1',
    teacher_id: teacher.id,
    capacity: 1,
    schedule: { timezone: 'Europe/Moscow', slots: [{ weekday: tomorrow.weekday, start_time: '19:30', duration_minutes: 90 }] },
    starts_on: today,
    price_per_lesson_minor: 80000,
  })) as { id: string }

  // The admin seats the first student and activates the group from its page.
  await page.goto(`/admin/groups/${group.id}`)
  await expect(page.getByRole('heading', { name: groupName, level: 1 })).toBeVisible()
  await pickStudent(page, 'group-add-student', memberSurname)
  await page.getByRole('button', { name: ru.common.add, exact: true }).click()
  await expect(page.getByTestId('members')).toContainText(memberSurname)
  const lessonsLoaded = page.waitForResponse(
    (r) => r.url().includes(`/api/admin/groups/${group.id}/lessons`) && r.request().method() === 'GET',
  )
  const activated = page.waitForResponse((r) => r.url().endsWith(`/api/admin/groups/${group.id}/activate`))
  await page.getByRole('button', { name: ru.groupTimetable.activate }).click()
  const activation = await activated
  expect(activation.status(), await activation.text()).toBe(200)
  expect(((await activation.json()) as { lessons_created: number }).lessons_created).toBeGreaterThan(0)
  const { lessons } = (await (await lessonsLoaded).json()) as { lessons: CalendarLesson[] }
  const first = lessons[0]
  await expect(page.getByTestId(`group-lesson-${first.id}`)).toContainText(memberSurname)
  await shot(page, testInfo, 'j6-01-activated')

  // The studio calendar shows the group's lesson under its name.
  await page.goto('/admin/calendar')
  await page.getByRole('combobox', { name: ru.calendar.teacherFilter }).click()
  await page.getByRole('option', { name: `Vera ${teacherLast}`, exact: true }).click()
  await page.getByRole('button', { name: ru.calendar.nextDay }).click()
  await expect(page.getByTestId(`lesson-${first.id}`)).toContainText(groupName)
  await shot(page, testInfo, 'j6-02-calendar')

  // The group is full: the second student waits; the first leaves and the seat is offered.
  await page.goto(`/admin/groups/${group.id}`)
  await pickStudent(page, 'group-waitlist-student', waitingSurname)
  await page.getByRole('button', { name: ru.groupTimetable.waitlistPut }).click()
  await expect(page.getByTestId('waitlist')).toContainText(waitingSurname)
  await page.getByRole('button', { name: text(ru.groupTimetable.removeStudent, { name: `Ira ${memberSurname}` }) }).click()
  await expect(page.getByTestId('waitlist')).toContainText(ru.groupTimetable.offeredUntil.split(' {')[0])

  // The waiting student accepts the seat in the web app.
  await waiting.goto('/student/offers')
  await expect(waiting.getByRole('heading', { name: groupName })).toBeVisible()
  await waiting.getByRole('button', { name: ru.waitlistOffers.accept }).click()
  await expect(waiting.getByRole('status')).toContainText(groupName)
  await shot(waiting, testInfo, 'j6-03-accepted')
  await waiting.context().close()

  // The new member is in the group and, once lessons-service has the event, on the lesson's roster.
  await expect(async () => {
    await page.reload()
    await expect(page.getByTestId('members')).toContainText(waitingSurname)
    await expect(page.getByTestId(`group-lesson-${first.id}`)).toContainText(waitingSurname, { timeout: 2000 })
  }).toPass({ timeout: 30_000 })
  await shot(page, testInfo, 'j6-04-roster')
})
