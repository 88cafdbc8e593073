import { readFileSync } from 'node:fs'
import { expect, type Page, type TestInfo } from '@playwright/test'

/** The app's Russian texts (the default language), so specs name controls as users see them. */
export const ru = JSON.parse(readFileSync(new URL('../src/i18n/locales/ru.json', import.meta.url), 'utf8'))

export const DEMO_PASSWORD = 'demo-studio-2026'
export const DEMO = {
  admin: 'admin@demo.studio',
  teacher: 'teacher@demo.studio',
  student: 'student@demo.studio',
} as const
export const DEMO_TEACHER_NAME = 'Olga Smirnova'

/** `{name}` placeholders filled like vue-i18n does. */
export function text(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''))
}

export interface ViewportPlan {
  /** J5: a teacher open 08:00-21:00 Moscow time every day, two students' surnames to book, and a
   * group of that teacher's meeting in a room at 17:00 on the day J5 books (the filters). */
  frontdesk: {
    teacher: { id: string; name: string }
    students: [string, string]
    room: { id: string; name: string }
    group: { id: string; name: string; lesson_id: string }
  }
  teacher: { id: string; email: string; name: string; password: string }
  lesson_id: string
  student_name: string
  lesson_starts_at: string
  group_rate_minor: number
}

/** What tests/browser/conftest.py arranged for this viewport (BROWSER_PLAN). */
export function planFor(testInfo: TestInfo): ViewportPlan {
  const path = process.env.BROWSER_PLAN
  if (!path) throw new Error('BROWSER_PLAN (written by tests/browser/conftest.py) is required')
  return JSON.parse(readFileSync(path, 'utf8'))[testInfo.project.name]
}

/** A run-unique suffix so every journey creates its own people and groups. */
export function unique(testInfo: TestInfo): string {
  return `${testInfo.project.name}-${Date.now().toString(36)}`
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.locator('#login-email').fill(email)
  await page.locator('#login-password').fill(password)
  await page.getByRole('button', { name: ru.auth.login.submit, exact: true }).click()
  await expect(page).not.toHaveURL(/\/login/)
}

/** A full-page screenshot in test-results/screens/<viewport>/ (git-ignored). */
export async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  // Toasts and transitions settle before the picture.
  await page.waitForTimeout(300)
  await page.screenshot({ path: `test-results/screens/${testInfo.project.name}/${name}.png`, fullPage: true })
}

/** How the app shows an instant (ru, medium date, short time) in the page's own time zone. */
export function dateTimeInPage(page: Page, iso: string): Promise<string> {
  return page.evaluate(
    (value) => new Intl.DateTimeFormat('ru-RU', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(value)),
    iso,
  )
}
