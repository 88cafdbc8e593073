import { expect, test, type Page } from '@playwright/test'
import type { AdminDashboard, AdminStudent, Group, Lead, LeadPage, NotificationPage } from '../src/api/types'
import { DEMO, DEMO_TEACHER_NAME, login, ru, shot, text, unique } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

const rub = (minor: number) => new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' }).format(minor / 100)

/** Picks an option of a PrimeVue Select (labelled by its <label>). */
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click()
  await page.getByRole('option', { name: option }).first().click()
}

async function createGroup(page: Page, name: string): Promise<Group> {
  await page.goto('/admin/groups')
  await page.getByRole('button', { name: ru.groups.create }).click()
  const dialog = page.getByRole('dialog')
  await dialog.locator('#group-name').fill(name)
  await choose(page, ru.students.level, 'B1')
  await choose(page, ru.groups.teacher, DEMO_TEACHER_NAME)
  await dialog.locator('#group-price').fill('900')
  await dialog.locator('#group-time').fill('18:30')
  const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/groups') && r.request().method() === 'POST')
  await dialog.getByRole('button', { name: ru.common.create, exact: true }).click()
  const response = await created
  expect(response.status(), await response.text()).toBe(201)
  await expect(page.getByRole('link', { name })).toBeVisible()
  return (await response.json()) as Group
}

test('J3: an admin reads the KPIs, creates a student and groups, moves the student, takes money and works the funnel', async ({
  page,
}, testInfo) => {
  const suffix = unique(testInfo)
  const dashboard = page.waitForResponse((r) => r.url().endsWith('/api/admin/dashboard'))
  await login(page, DEMO.admin)
  await expect(page).toHaveURL(/\/admin$/)
  const kpis = (await (await dashboard).json()) as AdminDashboard
  await expect(page.getByTestId('kpis')).toContainText(String(kpis.active_students))
  expect(kpis.active_students).toBeGreaterThan(0)
  // The funnel chart is drawn (chart.js, loaded only on this screen) from the seeded leads.
  await expect(page.getByRole('img', { name: ru.adminDashboard.funnel })).toBeVisible()
  await shot(page, testInfo, 'j3-01-dashboard')

  // A new student (invited by e-mail), straight to their card.
  await page.goto('/admin/students')
  await page.getByRole('button', { name: ru.students.create }).click()
  const form = page.getByRole('dialog')
  const last = `Journey ${suffix}`
  await form.locator('#student-first').fill('Nina')
  await form.locator('#student-last').fill(last)
  await form.locator('#student-email').fill(`nina-${suffix}@browser.demo.studio`)
  const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/students') && r.request().method() === 'POST')
  await form.getByRole('button', { name: ru.common.create, exact: true }).click()
  const student = (await (await created).json()) as AdminStudent
  await expect(page).toHaveURL(new RegExp(`/admin/students/${student.id}$`))
  await expect(page.getByRole('heading', { name: `Nina ${last}` })).toBeVisible()

  // Money: a payment (idempotent) and a package.
  await page.getByRole('button', { name: ru.payments.title }).click()
  await page.locator('#payment-amount').fill('5000')
  const paid = page.waitForResponse((r) => r.url().endsWith(`/api/admin/students/${student.id}/payments`))
  await page.getByRole('dialog').getByRole('button', { name: ru.payments.submit }).click()
  const payment = await paid
  expect(payment.status()).toBe(201)
  expect(payment.request().headers()['idempotency-key']).toBeTruthy()
  await expect(page.getByTestId('student-balance')).toHaveText(rub(500_000))
  await page.getByRole('button', { name: ru.packages.title }).click()
  await page.locator('#package-lessons').fill('8')
  await page.locator('#package-price').fill('8000')
  const sold = page.waitForResponse((r) => r.url().endsWith(`/api/admin/students/${student.id}/packages`))
  await page.getByRole('dialog').getByRole('button', { name: ru.packages.submit, exact: true }).click()
  expect((await sold).status()).toBe(201)
  await expect(page.getByText(text(ru.studentDashboard.packageLessons, { used: 0, total: 8 }))).toBeVisible()
  await shot(page, testInfo, 'j3-02-student')

  // Two groups; the student joins one and is moved to the other in one step, history kept.
  const from = await createGroup(page, `Evening ${suffix}`)
  const to = await createGroup(page, `Morning ${suffix}`)
  await page.getByRole('link', { name: from.name }).click()
  await expect(page).toHaveURL(new RegExp(`/admin/groups/${from.id}$`))
  await page.locator('#group-add-student').fill(last)
  await page.getByRole('option', { name: new RegExp(last) }).click()
  await page.getByRole('button', { name: ru.common.add, exact: true }).click()
  await expect(page.getByText(ru.groups.added)).toBeVisible()
  await expect(page.getByTestId('members')).toContainText(`Nina ${last}`)
  await page.getByRole('button', { name: text(ru.groups.moveStudent, { name: `Nina ${last}` }) }).click()
  await choose(page, ru.groups.moveTo, new RegExp(to.name))
  await page.getByRole('dialog').getByRole('button', { name: ru.groups.move, exact: true }).click()
  await expect(page.getByText(ru.groups.moved)).toBeVisible()
  await expect(page.getByText(ru.groups.noMembers)).toBeVisible()
  const history = page.getByTestId('history')
  await expect(history).toContainText(`Nina ${last} — ${ru.groups.actions.moved_out} «${to.name}»`)
  await expect(history).toContainText(`Nina ${last} — ${ru.groups.actions.joined}`)
  await shot(page, testInfo, 'j3-03-group-history')

  // The funnel: a lead moves one stage on with the labelled select, then back where it was.
  const leadsAnswer = page.waitForResponse((r) => r.url().includes('/api/admin/leads'))
  await page.goto('/admin/leads')
  const leads = ((await (await leadsAnswer).json()) as LeadPage).items
  const lead = leads.find((item) => item.status === 'new') ?? (leads[0] as Lead)
  expect(lead, 'the demo studio has trial leads').toBeTruthy()
  const stage = page.getByRole('combobox', { name: text(ru.leads.statusOf, { name: lead.name }) })
  const next = lead.status === 'contacted' ? 'trial_scheduled' : 'contacted'
  const moved = page.waitForResponse((r) => r.url().endsWith(`/api/admin/leads/${lead.id}`))
  await stage.click()
  await page.getByRole('option', { name: ru.status.lead[next], exact: true }).click()
  expect(((await (await moved).json()) as Lead).status).toBe(next)
  await expect(page.getByTestId(`column-${next}`)).toContainText(lead.name)
  await shot(page, testInfo, 'j3-04-funnel')
  const back = page.waitForResponse((r) => r.url().endsWith(`/api/admin/leads/${lead.id}`))
  await stage.click()
  await page.getByRole('option', { name: ru.status.lead[lead.status], exact: true }).click()
  expect(((await (await back).json()) as Lead).status).toBe(lead.status)
  await expect(page.getByTestId(`column-${lead.status}`)).toContainText(lead.name)

  // The notification log: the student's invitation e-mail is there.
  await expect(async () => {
    const log = page.waitForResponse((r) => r.url().includes('/api/admin/notifications'))
    await page.goto('/admin/notifications')
    const entries = ((await (await log).json()) as NotificationPage).items
    expect(entries.map((entry) => entry.address)).toContain(`nina-${suffix}@browser.demo.studio`)
  }).toPass({ timeout: 30_000 })
  await expect(page.getByRole('cell', { name: new RegExp(`nina-${suffix}`) }).first()).toBeVisible()
  await shot(page, testInfo, 'j3-05-notifications')
})
