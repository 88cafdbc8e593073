import { expect, test } from '@playwright/test'
import type { DebtList, PriceList, StudioPayroll, TeacherRate } from '../src/api/money'
import { DEMO, login, planFor, ru, shot } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

const rub = (minor: number) => new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(minor / 100)

test('J4: an admin prices a longer lesson, sets a teacher rate that re-prices the month, marks it paid and downloads the sheet', async ({
  page,
}, testInfo) => {
  const plan = planFor(testInfo)
  // Each viewport adds a length of its own: the price list is shared by the whole platform.
  const minutes = testInfo.project.name === 'phone' ? 120 : 90
  await login(page, DEMO.admin)

  // Price list: the rows in force (or the defaults), plus one more length.
  const loaded = page.waitForResponse((r) => r.url().endsWith('/api/admin/prices') && r.request().method() === 'GET')
  await page.goto('/admin/prices')
  const before = (await (await loaded).json()) as PriceList
  const rows = page.getByTestId('price-row')
  await expect(rows).toHaveCount(before.items.length || Object.keys(before.defaults).length)
  const index = await rows.count()
  await page.getByRole('button', { name: ru.money.prices.add }).click()
  await page.locator(`#price-duration-${index}`).fill(String(minutes))
  await page.locator(`#price-amount-${index}`).fill('3500')
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/admin/prices') && r.request().method() === 'PUT')
  await page.getByTestId('prices-save').click()
  const response = await saved
  expect(response.status(), await response.text()).toBe(200)
  const list = (await response.json()) as PriceList
  expect(list.items).toContainEqual({ kind: 'individual', duration_minutes: minutes, amount_minor: 350_000 })
  await expect(page.getByTestId('prices-saved')).toBeVisible()
  await shot(page, testInfo, 'j4-01-prices')

  // Payroll: J2's teacher completed a group lesson this month at the arranged group rate.
  const payroll = page.waitForResponse((r) => r.url().includes('/api/admin/payroll?month='))
  await page.goto('/admin/payroll')
  const sheet = (await (await payroll).json()) as StudioPayroll
  const mine = sheet.teachers.find((row) => row.teacher.id === plan.teacher.id)
  expect(mine, 'J2 completed a lesson of this teacher').toBeTruthy()
  const block = page.getByTestId('payroll-teacher').filter({ hasText: plan.teacher.name })
  await expect(block.getByTestId('payroll-total')).toHaveText(rub(plan.group_rate_minor))

  // A rate from today re-prices the lesson (the month is not paid yet).
  await block.getByRole('button', { name: ru.money.rates.set }).click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('#rate-amount').fill('1500')
  const rated = page.waitForResponse((r) => r.url().endsWith(`/api/admin/teachers/${plan.teacher.id}/rate`))
  await dialog.getByTestId('rate-save').click()
  const rate = await rated
  expect(rate.status(), await rate.text()).toBe(200)
  expect(((await rate.json()) as TeacherRate[]).map((r) => r.amount_minor)).toEqual([150_000, 150_000, 150_000])
  // The history: the arranged group rate and today's three (body rows: on a phone the table is
  // cards and its header row is hidden).
  await expect(dialog.locator('tbody').getByRole('row')).toHaveCount(4)
  await dialog.getByRole('button', { name: ru.common.cancel }).click()
  await expect(block.getByTestId('payroll-total')).toHaveText(rub(150_000))

  // Marked paid at that total.
  const paid = page.waitForResponse((r) => r.url().includes(`/teachers/${plan.teacher.id}/paid`))
  await block.getByTestId('payroll-mark-paid').click()
  expect((await paid).status()).toBe(200)
  await expect(block.getByText(new RegExp(`^${ru.money.payroll.paid.split(' ')[0]}`))).toBeVisible()
  await expect(block.getByTestId('payroll-mark-paid')).toHaveCount(0)
  await shot(page, testInfo, 'j4-02-payroll')

  // The sheet the accountant downloads carries the same line.
  const href = await page.getByTestId('payroll-csv').getAttribute('href')
  expect(href).toBeTruthy()
  const csv = await page.request.get(href ?? '')
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const body = await csv.text()
  expect(body).toContain(plan.teacher.name)
  expect(body).toContain(`,150000,1500,RUB,${plan.lesson_id}`)

  // Who owes the studio: the same figures as each student's ledger.
  const debts = page.waitForResponse((r) => r.url().endsWith('/api/admin/debts'))
  await page.goto('/admin/debts')
  const owing = (await (await debts).json()) as DebtList
  await expect(page.getByTestId('debts-table')).toBeVisible()
  for (const item of owing.items.slice(0, 3)) {
    await expect(page.getByTestId('debts-table')).toContainText(rub(item.balance.amount_minor))
  }
  await shot(page, testInfo, 'j4-03-debts')
})
