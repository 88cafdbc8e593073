import { expect, test, type Page } from '@playwright/test'
import type { Assessment, StudentDocument } from '../src/api/progress'
import { DEMO, login, ru, shot, unique } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function noSideScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, 'no horizontal scroll').toBeLessThanOrEqual(0)
}

test('J8: the admin records a CEFR level and a contract on the student page; the student sees both in the profile and downloads the file', async ({
  browser,
}, testInfo) => {
  const tag = unique(testInfo)
  const studentPage = await (await browser.newContext()).newPage()
  await login(studentPage, DEMO.student)
  const me = (await (await studentPage.request.get('/api/me')).json()) as { id: string }

  const adminPage = await (await browser.newContext()).newPage()
  await login(adminPage, DEMO.admin)
  await adminPage.goto(`/admin/students/${me.id}`)
  const assessments = adminPage.getByTestId('assessments')
  await expect(assessments).toBeVisible()

  // A level with a comment of this run.
  await assessments.locator('#assessment-level').click()
  await adminPage.getByRole('option', { name: 'B2', exact: true }).click()
  await assessments.locator('#assessment-comment').fill(`Mid-term ${tag}`)
  const assessed = adminPage.waitForResponse((r) => r.url().endsWith(`/api/students/${me.id}/assessments`) && r.request().method() === 'POST')
  await assessments.getByTestId('assessment-add').click()
  const assessment = await assessed
  expect(assessment.status(), await assessment.text()).toBe(201)
  expect(((await assessment.json()) as Assessment).level).toBe('B2')
  await expect(assessments.getByTestId('assessment-line').first()).toContainText(`Mid-term ${tag}`)

  // A contract uploaded on the same page.
  const documents = adminPage.getByTestId('student-documents')
  const filename = `contract-${tag}.pdf`
  const uploaded = adminPage.waitForResponse((r) => r.url().endsWith(`/api/students/${me.id}/documents`) && r.request().method() === 'POST')
  await documents.locator('input[type="file"]').setInputFiles({ name: filename, mimeType: 'application/pdf', buffer: PDF })
  const upload = await uploaded
  expect(upload.status(), await upload.text()).toBe(201)
  const stored = (await upload.json()) as StudentDocument
  await expect(documents.getByTestId('document-line').filter({ hasText: filename })).toBeVisible()
  await noSideScroll(adminPage)
  await shot(adminPage, testInfo, 'j8-01-admin-student')

  // The student's profile shows the level history and the file, which downloads as it was sent.
  await studentPage.goto('/profile')
  await expect(studentPage.getByTestId('assessments')).toContainText(`Mid-term ${tag}`)
  await expect(studentPage.getByTestId('assessments').getByTestId('assessment-line').first()).toContainText('B2')
  const line = studentPage.getByTestId('document-line').filter({ hasText: filename })
  await expect(line).toBeVisible()
  const href = await line.getByRole('link', { name: filename }).getAttribute('href')
  expect(href).toBe(`/api/students/${me.id}/documents/${stored.id}`)
  const file = await studentPage.request.get(href ?? '')
  expect(file.status()).toBe(200)
  expect(file.headers()['content-type']).toContain('application/pdf')
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true)
  // The student sees no grant control (the admin's) and no form to grade themself.
  await expect(studentPage.locator('#document-grants')).toHaveCount(0)
  await expect(studentPage.getByTestId('assessment-add')).toHaveCount(0)
  await expect(studentPage.getByRole('heading', { name: ru.documents.title })).toBeVisible()
  await noSideScroll(studentPage)
  await shot(studentPage, testInfo, 'j8-02-student-profile')
})
