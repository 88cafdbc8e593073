import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { DEMO, login, planFor, ru, shot } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

test('J6: an admin downloads the accountant exports and every user reads their lessons from a private calendar link', async ({
  page,
  browser,
}, testInfo) => {
  const plan = planFor(testInfo)
  await login(page, DEMO.admin)

  // Exports: the ledger of this month as CSV (a real download) and the payments as XLSX.
  await page.goto('/admin/exports')
  await expect(page.getByRole('heading', { name: ru.moneyOps.exports.title })).toBeVisible()
  await page.getByLabel(ru.moneyOps.exports.kinds.ledger).check()
  const downloading = page.waitForEvent('download')
  await page.getByTestId('export-csv').click()
  const download = await downloading
  expect(download.suggestedFilename()).toMatch(/^ledger-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/)
  const csv = readFileSync((await download.path()) ?? '', 'utf8').replace(/^\ufeff/, '')
  const lines = csv.trim().split(/\r?\n/)
  expect(lines[0]).toContain('date,student_id,student,kind')
  expect(lines.at(-1)).toMatch(/^total,/)
  // The total row is the sum of the rows above it.
  const amountColumn = lines[0].split(',').indexOf('amount_minor')
  const total = lines
    .slice(1, -1)
    .map((line) => Number(line.split(',')[amountColumn]))
    .reduce((sum, value) => sum + value, 0)
  expect(Number(lines.at(-1)?.split(',')[amountColumn])).toBe(total)

  await page.getByLabel(ru.moneyOps.exports.kinds.payments).check()
  const xlsxHref = await page.getByTestId('export-xlsx').getAttribute('href')
  expect(xlsxHref).toContain('/api/admin/exports/payments?')
  const xlsx = await page.request.get(xlsxHref ?? '')
  expect(xlsx.status()).toBe(200)
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml')
  expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK')
  await shot(page, testInfo, 'j6-01-exports')

  // The admin's own calendar link: the whole studio's timetable.
  await page.goto('/profile')
  const card = page.getByTestId('calendar-feed')
  await expect(card.getByRole('heading', { name: ru.moneyOps.feed.title })).toBeVisible()
  const adminUrl = await card.getByTestId('calendar-feed-url').inputValue()
  expect(adminUrl).toMatch(/\/api\/calendar-feeds\/[\w-]+\.ics$/)
  await card.getByTestId('calendar-feed-copy').click()
  await expect(card.getByRole('status')).toBeVisible()
  await shot(page, testInfo, 'j6-02-profile-feed')

  // A calendar app (no session) reads the teacher's lessons from the teacher's own link.
  const teacherContext = await browser.newContext()
  const teacherPage = await teacherContext.newPage()
  await login(teacherPage, plan.teacher.email, plan.teacher.password)
  await teacherPage.goto('/profile')
  const teacherCard = teacherPage.getByTestId('calendar-feed')
  const teacherUrl = await teacherCard.getByTestId('calendar-feed-url').inputValue()
  expect(teacherUrl).not.toBe(adminUrl)
  const calendarApp = await browser.newContext()
  // The link names the platform's public address; the journey's platform may listen elsewhere.
  const sameOrigin = (url: string) => new URL(new URL(url).pathname, new URL(page.url()).origin).toString()
  const feed = await calendarApp.request.get(sameOrigin(teacherUrl))
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toContain('text/calendar')
  const ics = await feed.text()
  expect(ics).toContain('BEGIN:VCALENDAR')
  expect(ics).toContain('BEGIN:VEVENT')

  // A new link replaces the old one at once.
  const regenerated = teacherPage.waitForResponse(
    (r) => r.url().endsWith('/api/me/calendar-feed') && r.request().method() === 'POST',
  )
  await teacherCard.getByTestId('calendar-feed-regenerate').click()
  expect((await regenerated).status()).toBe(201)
  await expect(teacherCard.getByTestId('calendar-feed-url')).not.toHaveValue(teacherUrl)
  const old = await calendarApp.request.get(sameOrigin(teacherUrl))
  expect(old.status()).toBe(404)
  await teacherContext.close()
  await calendarApp.close()
})
