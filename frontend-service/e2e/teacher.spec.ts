import { expect, test } from '@playwright/test'
import { installFakeBff } from './fake-bff'

test.use({ timezoneId: 'Europe/Moscow' })

test('teacher edits weekly availability (weekday 0 = Monday, HH:MM)', async ({ page }) => {
  const bff = await installFakeBff(page, { loggedInAs: 'teacher' })
  await page.goto('/teacher/availability')
  await expect(page.locator('#rule-start-0')).toHaveValue('10:00')

  await page.getByRole('button', { name: 'Добавить интервал' }).click()
  await page.locator('#rule-start-1').fill('17:00')
  await page.locator('#rule-end-1').fill('15:00')
  await expect(page.getByText('Конец должен быть позже начала')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Сохранить' })).toBeDisabled()

  await page.locator('#rule-end-1').fill('20:00')
  await page.getByRole('button', { name: 'Сохранить' }).click()
  await expect(page.getByText('Рабочие часы сохранены')).toBeVisible()

  const put = bff.writes.find((w) => w.method === 'PUT' && w.path === '/teacher/availability')
  expect(put?.body).toEqual({
    timezone: 'Europe/Moscow',
    rules: [
      { weekday: 0, start_time: '10:00', end_time: '16:00' },
      { weekday: 1, start_time: '17:00', end_time: '20:00' },
    ],
  })
})

test('teacher marks attendance, topic and homework, then completes the lesson', async ({ page }) => {
  const bff = await installFakeBff(page, { loggedInAs: 'teacher' })
  await page.goto('/teacher')
  await page.getByRole('link', { name: 'Журнал' }).click()
  await expect(page).toHaveURL(/\/teacher\/lessons\/tl1$/)

  await expect(page.getByRole('button', { name: 'Завершить занятие' })).toBeDisabled()
  await page.getByTestId('roster').getByRole('button', { name: 'Был', exact: true }).click()
  await page.getByLabel('Тема', { exact: true }).fill('Present Perfect')
  await page.getByLabel('Домашнее задание').fill('Ex. 4–6, p. 32')
  await page.getByRole('button', { name: 'Завершить занятие' }).click()
  await page.getByRole('alertdialog').getByRole('button', { name: 'Завершить занятие' }).click()

  await expect(page.getByText('Проведено')).toBeVisible()
  const attendance = bff.writes.find((w) => w.path === '/lessons/tl1/attendance')
  expect(attendance?.body).toEqual({
    topic: 'Present Perfect',
    homework: 'Ex. 4–6, p. 32',
    attendance: [{ student_id: 's1', status: 'present' }],
  })
  expect(bff.writes.map((w) => w.path)).toContain('/lessons/tl1/complete')
})

test('teacher sees payroll for a month', async ({ page }) => {
  await installFakeBff(page, { loggedInAs: 'teacher' })
  await page.goto('/teacher/payroll')
  await expect(page.getByTestId('payroll-total')).toHaveText(/1\s200,00\s₽/)
})

test('teacher week calendar shows the lesson and opens its journal', async ({ page }) => {
  await installFakeBff(page, { loggedInAs: 'teacher' })
  await page.goto('/teacher/schedule')
  await page.getByRole('button', { name: /next|след/i }).first().click()
  const event = page.getByText('Анна Иванова').first()
  await expect(event).toBeVisible()
  await event.click()
  await expect(page).toHaveURL(/\/teacher\/lessons\/tl1$/)
})
