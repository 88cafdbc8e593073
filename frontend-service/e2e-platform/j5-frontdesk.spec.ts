import { expect, test, type Page } from '@playwright/test'
import type { Lesson, StudioCalendar } from '../src/api/types'
import { DEMO, login, planFor, ru, shot, text } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

const DAYS_AHEAD = 3

const calendarLoaded = (page: Page) =>
  page.waitForResponse((r) => r.url().includes('/api/admin/calendar') && r.request().method() === 'GET')

/** The date input value (YYYY-MM-DDTHH:MM) of `hour`:00 on the day the calendar shows. */
function dayAt(day: string, hour: number): string {
  return `${day}T${String(hour).padStart(2, '0')}:00`
}

test('J5: the front desk books lessons from the studio calendar and moves one (taken time snaps back)', async ({
  page,
}, testInfo) => {
  const { teacher, students, room, group } = planFor(testInfo).frontdesk
  const phone = testInfo.project.name === 'phone'
  await login(page, DEMO.admin)

  let loaded = calendarLoaded(page)
  await page.goto('/admin/calendar')
  await loaded
  await expect(page.getByRole('heading', { name: ru.calendar.title, level: 1 })).toBeVisible()
  loaded = calendarLoaded(page)
  await page.getByRole('combobox', { name: ru.calendar.teacherFilter }).click()
  await page.getByRole('option', { name: teacher.name, exact: true }).click()
  const filtered = (await (await loaded).json()) as StudioCalendar
  expect(filtered.teachers.map((item) => item.id)).toEqual([teacher.id])
  for (let step = 0; step < DAYS_AHEAD; step++) {
    loaded = calendarLoaded(page)
    await page.getByRole('button', { name: ru.calendar.nextDay }).click()
    await loaded
  }
  const day = await page.evaluate((days) => {
    const date = new Date()
    date.setDate(date.getDate() + days)
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  }, DAYS_AHEAD)
  await shot(page, testInfo, 'j5-01-calendar')

  /** Books `surname` with the teacher at `hour`:00 from the calendar (a grid cell, or "+" on a phone). */
  async function book(surname: string, hour: number): Promise<Lesson> {
    const time = `${String(hour).padStart(2, '0')}:00`
    if (phone) await page.getByRole('button', { name: text(ru.calendar.bookWith, { teacher: teacher.name }) }).click()
    else await page.getByTestId(`cell-${teacher.id}-${time}`).click()
    const dialog = page.getByRole('dialog', { name: ru.frontdesk.bookTitle })
    await dialog.locator('#frontdesk-student').fill(surname)
    await page.getByRole('option', { name: new RegExp(surname) }).click()
    await dialog.getByRole('combobox', { name: ru.frontdesk.slot }).click()
    await page.getByRole('option', { name: new RegExp(`^${time}`) }).click()
    const booked = page.waitForResponse((r) => r.url().endsWith('/api/admin/lessons') && r.request().method() === 'POST')
    const reloaded = calendarLoaded(page)
    await dialog.getByRole('button', { name: ru.frontdesk.book, exact: true }).click()
    const response = await booked
    expect(response.status(), await response.text()).toBe(201)
    await reloaded
    const { lesson } = (await response.json()) as { lesson: Lesson }
    await expect(page.getByTestId(`lesson-${lesson.id}`)).toContainText(`${time}–`)
    return lesson
  }

  const first = await book(students[0], 10)
  await expect(page.getByTestId(`lesson-${first.id}`)).toContainText(students[0])
  await book(students[1], 12)
  await shot(page, testInfo, 'j5-02-booked')

  /** Moves the first lesson to `hour`:00 (drag on a desktop, the lesson's dialog on a phone). */
  async function move(hour: number): Promise<number> {
    const moved = page.waitForResponse((r) => r.url().endsWith(`/api/lessons/${first.id}/reschedule`))
    if (phone) {
      await page.getByTestId(`lesson-${first.id}`).click()
      const dialog = page.getByRole('dialog', { name: ru.calendar.lessonTitle })
      await dialog.locator('#calendar-move').fill(dayAt(day, hour))
      await dialog.getByRole('button', { name: ru.calendar.move, exact: true }).click()
    } else {
      const target = page.getByTestId(`cell-${teacher.id}-${String(hour).padStart(2, '0')}:00`)
      await page.getByTestId(`lesson-${first.id}`).dragTo(target, { force: true })
    }
    return (await moved).status()
  }

  // Onto the other student's lesson: the calendar says no and the lesson stays at 10:00.
  expect(await move(12)).toBe(409)
  if (phone) {
    await expect(page.getByRole('dialog').getByRole('alert')).toContainText(ru.errors.codes.slot_taken)
    await page.getByRole('dialog').getByRole('button', { name: ru.common.close }).last().click()
  } else {
    await expect(page.getByText(ru.calendar.notMoved)).toBeVisible()
  }
  await expect(page.getByTestId(`lesson-${first.id}`)).toContainText('10:00–11:00')

  // Onto a free time: moved (lessons-service publishes lesson.rescheduled for the student's notice).
  expect(await move(14)).toBe(200)
  await expect(page.getByTestId(`lesson-${first.id}`)).toContainText('14:00–15:00')
  if (!phone) await expect(page.getByText(ru.calendar.moved)).toBeVisible()
  await shot(page, testInfo, 'j5-03-moved')

  // Rooms as columns: the teacher's group meets in its room; the individual lessons have none.
  await page.getByTestId('calendar-resource').getByText(ru.calendar.byRoom, { exact: true }).click()
  const column = (id: string) => page.getByTestId(phone ? `section-${id}` : `column-${id}`)
  await expect(column(room.id).getByTestId(`lesson-${group.lesson_id}`)).toContainText('17:00–18:00')
  await expect(column('no-room').getByTestId(`lesson-${first.id}`)).toContainText('14:00–15:00')
  await page.getByTestId('calendar-resource').getByText(ru.calendar.byTeacher, { exact: true }).click()

  // The week view: Monday to Sunday in one request, each lesson in its day's column (list on a phone).
  loaded = calendarLoaded(page)
  await page.getByTestId('calendar-view').getByText(ru.calendar.weekView, { exact: true }).click()
  const week = (await (await loaded).json()) as StudioCalendar
  expect(week.lessons.map((lesson) => lesson.id)).toEqual(expect.arrayContaining([first.id, group.lesson_id]))
  const dayOfWeek = page.getByTestId(phone ? `week-day-${day}` : `week-column-${day}`)
  await expect(dayOfWeek.getByTestId(`lesson-${first.id}`)).toContainText('14:00–15:00')
  await expect(dayOfWeek.getByTestId(`lesson-${group.lesson_id}`)).toContainText('17:00–18:00')
  await shot(page, testInfo, 'j5-04-week')

  /** Picks `option` in the filter labelled `name` and returns the calendar it loads. */
  async function pick(name: string, option: string): Promise<StudioCalendar> {
    const reloaded = calendarLoaded(page)
    await page.getByRole('combobox', { name }).click()
    await page.getByRole('option', { name: option, exact: true }).click()
    return (await (await reloaded).json()) as StudioCalendar
  }

  // By room, then by group: only the group's lesson is left; "all" brings the others back.
  const inRoom = await pick(ru.calendar.roomFilter, room.name)
  expect(inRoom.lessons.map((lesson) => lesson.id)).toEqual([group.lesson_id])
  await expect(page.getByTestId(`lesson-${first.id}`)).toHaveCount(0)
  await expect(page.getByTestId(`lesson-${group.lesson_id}`)).toBeVisible()
  await pick(ru.calendar.roomFilter, ru.calendar.allRooms)
  await expect(page.getByTestId(`lesson-${first.id}`)).toBeVisible()
  const inGroup = await pick(ru.calendar.groupFilter, group.name)
  expect(inGroup.lessons.map((lesson) => lesson.id)).toEqual([group.lesson_id])
  await expect(page.getByTestId(`lesson-${first.id}`)).toHaveCount(0)
  await shot(page, testInfo, 'j5-05-filtered')
  await pick(ru.calendar.groupFilter, ru.calendar.allGroups)
  await expect(page.getByTestId(`lesson-${first.id}`)).toBeVisible()
})

test('J5: the admin closes the studio for a day; the calendar marks it; the day opens again', async ({
  page,
}, testInfo) => {
  await login(page, DEMO.admin)
  // Far ahead (no journey's group meets then) and one day apart per viewport (one studio).
  const offset = testInfo.project.name === 'phone' ? 301 : 300
  const { iso, typed } = await page.evaluate((days) => {
    const date = new Date()
    date.setDate(date.getDate() + days)
    const pad = (n: number) => String(n).padStart(2, '0')
    return {
      iso: `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`,
      typed: `${pad(date.getDate())}.${pad(date.getMonth() + 1)}.${date.getFullYear()}`,
    }
  }, offset)
  const reason = `Holiday ${testInfo.project.name}`

  await page.goto('/admin/closed-days')
  await expect(page.getByRole('heading', { name: ru.closedDays.title, level: 1 })).toBeVisible()
  await page.locator('#closed-day-date').fill(typed)
  await page.locator('#closed-day-date').press('Escape')
  await page.locator('#closed-day-reason').fill(reason)
  const added = page.waitForResponse((r) => r.url().endsWith('/api/admin/closed-days') && r.request().method() === 'POST')
  await page.getByTestId('closed-day-add').click()
  const answer = await added
  expect(answer.status(), await answer.text()).toBe(201)
  expect(await answer.json()).toEqual({ date: iso, reason })
  await expect(page.getByTestId('closed-days-table')).toContainText(reason)
  await shot(page, testInfo, 'j5-06-closed-days')

  const loaded = calendarLoaded(page)
  await page.goto('/admin/calendar')
  await loaded
  const shown = calendarLoaded(page)
  await page.locator('#calendar-day').fill(typed)
  await page.locator('#calendar-day').press('Escape')
  const calendar = (await (await shown).json()) as StudioCalendar
  expect(calendar.closed_days).toContainEqual({ date: iso, reason })
  await expect(page.getByTestId('calendar-closed-day')).toContainText(reason)

  await page.goto('/admin/closed-days')
  const removed = page.waitForResponse((r) => r.url().endsWith(`/api/admin/closed-days/${iso}`))
  await page.getByTestId('closed-days-table').getByRole('row', { name: new RegExp(reason) }).getByRole('button').click()
  expect((await removed).status()).toBe(204)
  await expect(page.getByTestId('closed-days-table').getByText(reason)).toHaveCount(0)
})
