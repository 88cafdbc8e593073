import { expect, test } from '@playwright/test'
import { installFakeBff } from './fake-bff'

test('admin dashboard shows KPIs and draws charts', async ({ page }) => {
  await installFakeBff(page, { loggedInAs: 'admin' })
  await page.goto('/admin')
  await expect(page.getByTestId('kpis')).toContainText('42')
  await expect(page.getByTestId('kpis')).toContainText('93')
  await expect(page.locator('canvas')).toHaveCount(2)
})

test('admin finds a student and records a payment once', async ({ page }) => {
  const bff = await installFakeBff(page, { loggedInAs: 'admin' })
  await page.goto('/admin/students')
  await page.getByLabel('Поиск').fill('Иван')
  await expect(page.getByRole('link', { name: 'Иванова Анна' })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Сидоров Пётр' })).toHaveCount(0)
  await page.getByRole('link', { name: 'Иванова Анна' }).click()

  await expect(page.getByTestId('student-balance')).toHaveText(/-1\s500,00\s₽/)
  await page.getByRole('button', { name: 'Принять оплату' }).click()
  await page.getByLabel('Сумма').fill('5000')
  await page.getByRole('button', { name: 'Записать оплату' }).click()
  await expect(page.getByTestId('student-balance')).toHaveText(/3\s500,00\s₽/)

  const payment = bff.writes.find((w) => w.path === '/admin/students/s1/payments')
  expect(payment?.body).toEqual({ amount_minor: 500000, method: 'card' })
  expect(payment?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
})

test('admin moves a student to another group and the history keeps it', async ({ page }) => {
  const bff = await installFakeBff(page, { loggedInAs: 'admin' })
  await page.goto('/admin/groups')
  await page.getByRole('link', { name: 'B1 Evening' }).click()
  await page.getByRole('button', { name: 'Перевести ученика Анна Иванова в другую группу' }).click()
  await page.getByLabel('Новая группа').click()
  await page.getByRole('option', { name: /B1 Morning/ }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Перевести' }).click()

  await expect(page.getByText('Ученик переведён')).toBeVisible()
  await expect(page.getByTestId('history')).toContainText('переведён(а) в группу «B1 Morning»')
  expect(bff.writes.find((w) => w.path === '/admin/groups/g1/members/s1/move')?.body).toEqual({ to_group_id: 'g2' })
})

test('admin moves a trial request through the funnel with the keyboard', async ({ page }) => {
  const bff = await installFakeBff(page, { loggedInAs: 'admin' })
  await page.goto('/admin/leads')
  await expect(page.getByTestId('column-new')).toContainText('Мария')

  await page.getByLabel('Этап заявки Мария').focus()
  await page.keyboard.press('Enter')
  await page.getByRole('option', { name: 'Пробное назначено' }).click()

  await expect(page.getByTestId('column-trial_scheduled')).toContainText('Мария')
  await expect(page.getByTestId('column-new')).not.toContainText('Мария')
  expect(bff.writes.find((w) => w.path === '/admin/leads/d1')).toMatchObject({ method: 'PATCH', body: { status: 'trial_scheduled' } })
})

test('admin filters the notification log by status', async ({ page }) => {
  await installFakeBff(page, { loggedInAs: 'admin' })
  await page.goto('/admin/notifications')
  await expect(page.getByRole('cell', { name: 'reminder_24h' })).toBeVisible()
  await expect(page.getByRole('cell', { name: 'lesson_scheduled' })).toBeVisible()

  await page.getByLabel('Статус').click()
  await page.getByRole('option', { name: 'Не доставлено' }).click()
  await expect(page.getByRole('cell', { name: 'lesson_scheduled' })).toHaveCount(0)
  await expect(page.getByText('Forbidden: bot was blocked by the user')).toBeVisible()
})
