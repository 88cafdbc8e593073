import { expect, test, type Browser, type Page } from '@playwright/test'
import { login, ru, shot, unique } from './support'

const FIRST_PASSWORD = 'Lantern-Orchid-Harbor-51'
const NEW_PASSWORD = 'Velvet-Compass-Meadow-84'

async function signedInPage(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await login(page, email, password)
  return page
}

test('J6: a student changes the password and logs out everywhere; the other browser is logged out at once', async ({
  browser,
}, testInfo) => {
  const email = `j6-${unique(testInfo)}@example.com`.toLowerCase()
  const laptop = await (await browser.newContext()).newPage()
  const registered = await laptop.request.post('/api/auth/register', {
    data: { email, password: FIRST_PASSWORD, first_name: 'Ира', last_name: 'Безопасная', timezone: 'Europe/Moscow' },
  })
  expect(registered.status()).toBe(201)
  const phone = await signedInPage(browser, email, FIRST_PASSWORD)

  // Profile → Password and sessions.
  await laptop.goto('/profile')
  await laptop.getByTestId('security-link').click()
  await expect(laptop.getByRole('heading', { name: ru.security.title, level: 1 })).toBeVisible()
  await laptop.locator('#security-current').fill(FIRST_PASSWORD)
  await laptop.locator('#security-new').fill('password1')
  await expect(laptop.getByTestId('password-strength')).toContainText(ru.security.strength.veryWeak)
  await laptop.locator('#security-new').fill(NEW_PASSWORD)
  await expect(laptop.getByTestId('password-strength')).toContainText(/Хороший|Надёжный/)
  await laptop.locator('#security-repeat').fill(NEW_PASSWORD)
  await shot(laptop, testInfo, 'j6-01-change-password')
  await laptop.getByRole('button', { name: ru.security.submit }).click()
  await expect(laptop.getByText(ru.security.changed)).toBeVisible()

  // The phone's session ended; the laptop's goes on.
  await phone.goto('/student')
  await expect(phone).toHaveURL(/\/login/)
  await laptop.goto('/student')
  await expect(laptop).toHaveURL(/\/student$/)

  // Log out everywhere: both browsers are out.
  const again = await signedInPage(browser, email, NEW_PASSWORD)
  await laptop.goto('/profile/security')
  await laptop.getByTestId('logout-all').click()
  await expect(laptop).toHaveURL(/\/login/)
  await again.goto('/student')
  await expect(again).toHaveURL(/\/login/)
})
