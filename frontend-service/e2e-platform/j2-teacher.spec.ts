import { expect, test } from '@playwright/test'
import type { AvailabilityRead, LessonDetail, Payroll } from '../src/api/types'
import { login, planFor, ru, shot, text } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

test('J2: a teacher sets hours and time off, opens a lesson from the week, keeps its journal, completes it and sees payroll', async ({
  page,
}, testInfo) => {
  const plan = planFor(testInfo)
  await login(page, plan.teacher.email, plan.teacher.password)
  await expect(page).toHaveURL(/\/teacher$/)
  await shot(page, testInfo, 'j2-01-dashboard')

  // Weekly hours: a new teacher has none; one interval is added and saved, and survives a reload.
  await page.getByRole('button', { name: ru.teacherDashboard.openSchedule }).click()
  await expect(page).toHaveURL(/\/teacher\/schedule$/)
  await page.getByRole('button', { name: ru.schedule.editAvailability }).click()
  await expect(page).toHaveURL(/\/teacher\/availability$/)
  await expect(page.getByText(ru.availability.noRules)).toBeVisible()
  await page.getByRole('button', { name: ru.availability.addRule }).click()
  await page.locator('#rule-start-0').fill('10:00')
  await page.locator('#rule-end-0').fill('18:00')
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/teacher/availability') && r.request().method() === 'PUT')
  await page.getByRole('button', { name: ru.common.save, exact: true }).click()
  const availability = (await (await saved).json()) as AvailabilityRead
  expect(availability.rules).toEqual([expect.objectContaining({ weekday: 0, start_time: '10:00', end_time: '18:00' })])
  await expect(page.getByText(ru.availability.saved)).toBeVisible()
  await page.reload()
  await expect(page.locator('#rule-start-0')).toHaveValue('10:00')
  await expect(page.locator('#rule-end-0')).toHaveValue('18:00')
  await shot(page, testInfo, 'j2-02-availability')

  // Time off: tomorrow, for a day, with a reason.
  await page.goto('/teacher/schedule')
  await page.getByRole('button', { name: ru.schedule.addTimeOff }).click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('#timeoff-reason').fill('Конференция')
  const timeOff = page.waitForResponse((r) => r.url().endsWith('/api/teacher/time-off'))
  await dialog.getByRole('button', { name: ru.common.save, exact: true }).click()
  expect((await timeOff).status()).toBe(201)
  await expect(page.getByText(ru.schedule.timeOffSaved)).toBeVisible()

  // The week shows the lesson with its group's name (on the viewer's clock, whatever the hour); it
  // opens the journal. A desktop has the week calendar (a lesson across midnight is drawn on both
  // days; either part opens it), a phone the week as a list of days.
  const lessonEvent =
    testInfo.project.name === 'phone'
      ? page
          .getByTestId('week-day-list')
          .getByRole('listitem')
          .filter({ hasText: `${ru.kinds.group} · Browser` })
          .getByRole('link', { name: ru.teacherDashboard.openJournal })
      : page.getByRole('button', { name: new RegExp(`${ru.kinds.group} · Browser`) })
  await expect(lessonEvent.first()).toBeVisible()
  await shot(page, testInfo, 'j2-03-week')
  await lessonEvent.first().click()
  await expect(page).toHaveURL(new RegExp(`/teacher/lessons/${plan.lesson_id}$`))

  // The journal: attendance, topic and homework, then completion after a confirmation.
  const roster = page.getByTestId('roster')
  await expect(roster).toContainText(plan.student_name)
  await roster.getByRole('button', { name: ru.status.attendance.present, exact: true }).click()
  await page.locator('#journal-topic').fill('Second conditional')
  await page.locator('#journal-homework').fill('Workbook p. 12, exercises 1–4')
  await shot(page, testInfo, 'j2-04-journal')
  await page.getByRole('button', { name: ru.journal.complete, exact: true }).click()
  const completed = page.waitForResponse((r) => r.url().endsWith(`/api/lessons/${plan.lesson_id}/complete`))
  await page.getByRole('alertdialog').getByRole('button', { name: ru.journal.complete, exact: true }).click()
  const lesson = (await (await completed).json()) as LessonDetail
  expect(lesson.status).toBe('completed')
  expect(lesson.topic).toBe('Second conditional')
  expect(lesson.roster?.[0]?.attendance).toBe('present')
  await expect(page.getByText(ru.journal.completed, { exact: true })).toBeVisible()
  await expect(page.getByText(ru.status.lesson.completed, { exact: true })).toBeVisible()
  await shot(page, testInfo, 'j2-05-completed')

  // Payroll: the completion reaches teachers-service through the broker; the month shows the line.
  const amount = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(plan.group_rate_minor / 100)
  await expect(async () => {
    const answer = page.waitForResponse((r) => r.url().includes('/api/teacher/payroll'))
    await page.goto('/teacher/payroll')
    const payroll = (await (await answer).json()) as Payroll
    expect(payroll.lines.map((line) => line.lesson_id)).toContain(plan.lesson_id)
  }).toPass({ timeout: 30_000 })
  await expect(page.getByTestId('payroll-total')).toHaveText(amount)
  await expect(page.getByRole('cell', { name: text(ru.payroll.present, { n: 1 }) })).toBeVisible()
  await shot(page, testInfo, 'j2-06-payroll')
})
