import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import type { AdminTeacher, LessonDetail } from '../src/api/types'
import { DEMO, login, planFor, ru, shot, unique } from './support'

const en = JSON.parse(readFileSync(new URL('../src/i18n/locales/en.json', import.meta.url), 'utf8'))

// The browser's own zone is neither the studio's (Moscow) nor the profile's: every time the app
// shows must come from the server-side setting, never from here.
test.use({ timezoneId: 'America/New_York' })

/** Picks an option of a PrimeVue Select (labelled by its <label>), typing into its filter. */
async function chooseZone(page: Page, label: string, zone: string) {
  await page.getByRole('combobox', { name: label }).click()
  await page.getByRole('searchbox').last().fill(zone)
  await page.getByRole('option', { name: zone, exact: true }).click()
}

// A table row on a desktop, a card on a phone (the same <tr>).
function teacherRow(page: Page, email: string) {
  return page.locator('tr').filter({ hasText: email })
}

test('J6: the admin keeps a teacher as a record: studio zone, invitation, edit with a field error, deactivate and reactivate', async ({
  page,
}, testInfo) => {
  const suffix = unique(testInfo)
  const email = `rec-${suffix}@browser.demo.studio`
  await login(page, DEMO.admin)
  await page.goto('/admin/teachers')

  // A new teacher: the admin's browser is in New York, the teacher works in the studio's zone.
  await page.getByRole('button', { name: ru.teachers.create }).click()
  const form = page.getByRole('dialog')
  await form.locator('#teacher-first').fill('Vera')
  await form.locator('#teacher-last').fill(`Record ${suffix}`)
  await form.locator('#teacher-email').fill(email)
  await form.locator('.p-multiselect').click()
  await page.getByRole('option', { name: 'B2' }).click()
  await form.locator('#teacher-first').click() // closes the list, not the dialog
  const created = page.waitForResponse((r) => r.url().endsWith('/api/admin/teachers') && r.request().method() === 'POST')
  await form.getByRole('button', { name: ru.common.create, exact: true }).click()
  const teacher = (await (await created).json()) as AdminTeacher
  expect(teacher.timezone).toBe('Europe/Moscow')
  const row = teacherRow(page, email)
  await expect(row.getByTestId('teacher-timezone')).toHaveText('Europe/Moscow')
  await expect(row.getByTestId('teacher-invitation')).toContainText(ru.screens.teacherRecord.invitationStatus.pending)

  // The invitation is sent again (a fresh link).
  const resent = page.waitForResponse((r) => r.url().endsWith(`/api/admin/teachers/${teacher.id}/invitation`))
  await row.getByRole('button', { name: ru.screens.teacherRecord.resend }).click()
  expect((await resent).status()).toBe(200)
  await expect(page.getByText(ru.screens.teacherRecord.resent)).toBeVisible()
  await shot(page, testInfo, 'j6-01-teachers')

  // Editing: a name longer than the server takes marks that field, in Russian; then a real change.
  await row.getByRole('button', { name: ru.screens.teacherRecord.edit }).click()
  const edit = page.getByRole('dialog')
  await edit.locator('#edit-teacher-first').fill('В'.repeat(120))
  await edit.getByRole('button', { name: ru.common.save, exact: true }).click()
  await expect(edit.locator('#edit-teacher-first-error')).toHaveText(ru.screens.fieldErrors.string_too_long)
  await expect(edit.locator('#edit-teacher-first')).toHaveAttribute('aria-invalid', 'true')
  await shot(page, testInfo, 'j6-02-field-error')
  await edit.locator('#edit-teacher-first').fill('Вера')
  await edit.locator('#edit-teacher-phone').fill('8 916 555-12-34')
  await edit.locator('#edit-teacher-subjects').fill('IELTS, Business')
  await chooseZone(page, ru.screens.teacherRecord.timezone, 'Asia/Yekaterinburg')
  const saved = page.waitForResponse((r) => r.url().endsWith(`/api/admin/teachers/${teacher.id}`) && r.request().method() === 'PATCH')
  await edit.getByRole('button', { name: ru.common.save, exact: true }).click()
  const changed = (await (await saved).json()) as AdminTeacher
  expect(changed).toMatchObject({ first_name: 'Вера', phone: '+79165551234', timezone: 'Asia/Yekaterinburg' })
  expect(changed.specialisations).toEqual(['IELTS', 'Business'])
  await expect(row.getByTestId('teacher-timezone')).toHaveText('Asia/Yekaterinburg')
  await expect(row.getByTestId('teacher-name')).toContainText('Вера')

  // Deactivate (after a confirmation) and reactivate; the record says so each time.
  await row.getByRole('button', { name: ru.screens.teacherRecord.deactivate }).click()
  const off = page.waitForResponse((r) => r.url().endsWith(`/api/admin/teachers/${teacher.id}`) && r.request().method() === 'PATCH')
  await page.getByRole('alertdialog').getByRole('button', { name: ru.screens.teacherRecord.deactivate }).click()
  expect(((await (await off).json()) as AdminTeacher).status).toBe('inactive')
  await expect(row.getByText(ru.status.teacher.inactive)).toBeVisible()
  // An inactive teacher gets no invitation button: they could not log in anyway.
  await expect(row.getByRole('button', { name: ru.screens.teacherRecord.resend })).toHaveCount(0)
  const on = page.waitForResponse((r) => r.url().endsWith(`/api/admin/teachers/${teacher.id}`) && r.request().method() === 'PATCH')
  await row.getByRole('button', { name: ru.screens.teacherRecord.reactivate }).click()
  expect(((await (await on).json()) as AdminTeacher).status).toBe('active')
  await expect(row.getByRole('button', { name: ru.screens.teacherRecord.deactivate })).toBeVisible()
  await shot(page, testInfo, 'j6-03-record')
})

test("J6: the profile's language and zone rule the interface, applied again at the next sign-in", async ({
  page,
  browser,
}, testInfo) => {
  const plan = planFor(testInfo)
  await login(page, plan.teacher.email, plan.teacher.password)
  await page.goto('/profile')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.profile.title)
  await page.getByRole('combobox', { name: ru.profile.language }).click()
  await page.getByRole('option', { name: 'English' }).click()
  await chooseZone(page, ru.booking.timezone, 'Asia/Tokyo')
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT')
  await page.getByRole('button', { name: ru.common.save, exact: true }).click()
  expect((await saved).status()).toBe(200)
  // The interface speaks English at once, and names the zone times are shown in.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en.profile.title)
  await expect(page.getByTestId('profile-zone-name')).toContainText('Japan')

  try {
    // A new browser (nothing in its storage) signs in: English and Tokyo come from the server.
    const context = await browser.newContext({ timezoneId: 'America/New_York', locale: 'ru-RU', viewport: page.viewportSize() ?? undefined })
    const other = await context.newPage()
    await other.goto('/login')
    await other.locator('#login-email').fill(plan.teacher.email)
    await other.locator('#login-password').fill(plan.teacher.password)
    await other.getByRole('button', { name: ru.auth.login.submit, exact: true }).click()
    await expect(other).not.toHaveURL(/\/login/)
    const detail = other.waitForResponse((r) => r.url().endsWith(`/api/lessons/${plan.lesson_id}`))
    await other.goto(`/teacher/lessons/${plan.lesson_id}`)
    const lesson = (await (await detail).json()) as LessonDetail
    const expected = await other.evaluate(
      ([start, end]) => {
        const zone = { timeZone: 'Asia/Tokyo' }
        const dateTime = new Intl.DateTimeFormat('en-GB', { ...zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(start))
        const time = new Intl.DateTimeFormat('en-GB', { ...zone, hour: '2-digit', minute: '2-digit' }).format(new Date(end))
        return `${dateTime} – ${time}`
      },
      [lesson.starts_at, lesson.ends_at] as const,
    )
    await expect(other.getByRole('heading', { name: expected })).toBeVisible()
    await shot(other, testInfo, 'j6-04-tokyo-english')
    await context.close()
  } finally {
    // Back to Russian and Moscow, so later checks read the teacher as before.
    await page.getByRole('combobox', { name: en.profile.language }).click()
    await page.getByRole('option', { name: 'Русский' }).click()
    await chooseZone(page, en.booking.timezone, 'Europe/Moscow')
    const restored = page.waitForResponse((r) => r.url().endsWith('/api/me/preferences') && r.request().method() === 'PUT')
    await page.getByRole('button', { name: en.common.save, exact: true }).click()
    expect((await restored).status()).toBe(200)
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(ru.profile.title)
  }
})
