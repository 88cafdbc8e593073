import { expect, test } from '@playwright/test'
import type { BookingResult, TeacherSlotsBatch } from '../src/api/types'
import { DEMO, login, ru, shot, text } from './support'

const HOUR = 3600_000

/** The app's own "when" of a time button: its label is `booking.anyTeacher.bookAt` filled in. */
function whenOf(label: string): string {
  const [before, after] = ru.booking.anyTeacher.bookAt.split('{time}') as [string, string]
  const rest = label.slice(before.length)
  return rest.slice(0, rest.indexOf(after.split('{teachers}')[0]!))
}

test('J9: a student books a free time with any teacher and finds it among their lessons', async ({ page }, testInfo) => {
  await login(page, DEMO.student)
  await expect(page).toHaveURL(/\/student$/)

  const firstWeek = page.waitForResponse((r) => r.url().includes('/api/booking/slots/batch') && r.ok())
  await page.getByRole('button', { name: ru.booking.anyTeacher.open }).click()
  await expect(page).toHaveURL(/\/student\/teachers\/any$/)
  await expect(page.getByRole('heading', { name: ru.booking.anyTeacher.title })).toBeVisible()
  // One call asks for every bookable teacher (the first 100).
  const teachers = (await (await page.request.get('/api/teachers')).json()) as { id: string }[]
  const asked = new URL((await firstWeek).url()).searchParams.getAll('teacher_id')
  expect(asked).toEqual(teachers.slice(0, 100).map((teacher) => teacher.id))

  // From next week on, so the lesson is usually cancelled free of charge below; a booked-out week
  // moves on to the one after.
  const nextWeek = async () => {
    const next = page.waitForResponse((r) => r.url().includes('/api/booking/slots/batch') && r.ok())
    await page.getByRole('button', { name: ru.booking.nextWeek }).click()
    return (await (await next).json()) as TeacherSlotsBatch
  }
  const free = (answer: TeacherSlotsBatch) => answer.teachers.some((teacher) => teacher.starts.length > 0)
  let batch = await nextWeek()
  for (let week = 0; !free(batch) && week < 2; week += 1) batch = await nextWeek()
  expect(free(batch), 'some teacher has free time within three weeks').toBe(true)

  const times = page.getByTestId('any-slots').getByRole('button')
  await expect(times.first()).toBeVisible()
  await shot(page, testInfo, 'j9-01-any-teacher')
  const when = whenOf((await times.first().getAttribute('aria-label')) ?? '')
  expect(when).not.toBe('')

  await times.first().click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('booking-when')).toBeVisible()
  // The student may pick another of the teachers free then: the last one offered.
  await dialog.getByRole('combobox', { name: ru.booking.teacher }).click()
  const options = page.getByRole('option')
  expect(await options.count()).toBeGreaterThan(0)
  const teacherName = ((await options.last().textContent()) ?? '').trim()
  await options.last().click()
  await expect(dialog.getByRole('combobox', { name: ru.booking.teacher })).toHaveText(teacherName)
  await shot(page, testInfo, 'j9-02-confirm')

  const booked = page.waitForResponse((r) => r.url().endsWith('/api/booking') && r.request().method() === 'POST')
  await dialog.getByRole('button', { name: ru.booking.confirm, exact: true }).click()
  const response = await booked
  expect(response.status()).toBe(201)
  const { lesson } = (await response.json()) as BookingResult
  expect(`${lesson.teacher?.first_name} ${lesson.teacher?.last_name}`).toBe(teacherName)

  await expect(page).toHaveURL(/\/student\/lessons$/)
  const cancelButton = page.getByRole('button', { name: text(ru.lessons.cancelAt, { time: when }) })
  await expect(cancelButton).toBeVisible()
  await expect(page.locator('tr').filter({ has: cancelButton })).toContainText(teacherName)
  await shot(page, testInfo, 'j9-03-lessons')

  // The studio is left as it was found: the lesson is cancelled again (late only when it is
  // within the 24 h notice).
  await cancelButton.click()
  const late = new Date(lesson.starts_at).getTime() - Date.now() < 24 * HOUR
  await page.getByRole('dialog').getByRole('button', { name: late ? ru.lessons.cancelAnyway : ru.lessons.cancelConfirm, exact: true }).click()
  await expect(page.getByText(ru.lessons.cancelled, { exact: true })).toBeVisible()
  await expect(cancelButton).toHaveCount(0)
})
