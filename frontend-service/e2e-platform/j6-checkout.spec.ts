import { expect, test } from '@playwright/test'
import type { OnlinePayment, PackageTemplate } from '../src/api/catalogue'
import { DEMO, DEMO_PASSWORD, login, ru, shot, unique } from './support'

test.use({ timezoneId: 'Europe/Moscow' })

interface Ledger {
  balance: { amount_minor: number }
  entries: { kind: string; amount_minor: number }[]
}

test('J6: an admin puts a package on sale, a new student buys it online and it is credited exactly once', async ({
  page,
}, testInfo) => {
  const suffix = unique(testInfo)
  const name = `Online ${suffix}`

  // The admin adds the package to the catalogue.
  await login(page, DEMO.admin)
  await page.goto('/admin/package-templates')
  await page.getByTestId('template-new').click()
  const dialog = page.getByRole('dialog')
  await dialog.getByTestId('template-name').fill(name)
  await dialog.locator('#template-lessons').fill('5')
  await dialog.locator('#template-days').fill('45')
  await dialog.locator('#template-price').fill('4200')
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/admin/package-templates') && r.request().method() === 'POST',
  )
  await dialog.getByTestId('template-save').click()
  const template = (await (await created).json()) as PackageTemplate
  expect(template.price_minor).toBe(420_000)
  await expect(page.getByTestId('template-card').filter({ hasText: name })).toBeVisible()
  await shot(page, testInfo, 'j6-01-catalogue-admin')

  // A new student signs up (logged in at once) and opens the catalogue.
  await page.context().clearCookies()
  await page.goto('/register')
  await page.locator('#reg-first-name').fill('Pavel')
  await page.locator('#reg-last-name').fill('Payer')
  await page.locator('#reg-email').fill(`payer-${suffix}@example.com`)
  await page.locator('#reg-password').fill(`${DEMO_PASSWORD}-Payer!`)
  // Enter submits the form: the password strength overlay covers the button.
  await page.locator('#reg-password').press('Enter')
  await expect(page).toHaveURL(/\/student$/)
  await page.goto('/student/packages')
  const card = page.getByTestId('catalogue-card').filter({ hasText: name })
  await expect(card).toBeVisible()
  await shot(page, testInfo, 'j6-02-catalogue-student')

  // Buy: the browser goes to the provider's page (the loopback fake of `make up`).
  const checkedOut = page.waitForResponse((r) => r.url().endsWith('/api/student/packages/checkout'))
  await card.getByTestId('catalogue-buy').click()
  expect((await checkedOut).status()).toBe(201)
  await page.waitForURL(/\/pay\/[0-9a-f-]+$/)
  const providerUrl = new URL(page.url())
  const providerPaymentId = providerUrl.pathname.split('/').pop() ?? ''
  await page.getByRole('button', { name: 'Pay', exact: true }).click()

  // Back in the app: the return page shows the result.
  await page.waitForURL(/\/student\/payments\/return\?payment_id=/)
  const paymentId = new URL(page.url()).searchParams.get('payment_id') ?? ''
  await expect(page.getByTestId('payment-result')).toHaveAttribute('data-status', 'succeeded')
  await shot(page, testInfo, 'j6-03-paid')

  // The provider repeats its notification (and someone replays it): nothing moves twice.
  const notification = { type: 'notification', event: 'payment.succeeded', object: { id: providerPaymentId } }
  for (let i = 0; i < 3; i += 1) {
    const replay = await page.request.post('/api/payments/webhooks/yookassa', { data: notification })
    expect(replay.status()).toBe(200)
    expect(await replay.json()).toEqual({ outcome: 'unchanged' })
  }
  const forged = await page.request.post('/api/payments/webhooks/yookassa', {
    data: { ...notification, object: { id: crypto.randomUUID() } },
  })
  expect(await forged.json()).toEqual({ outcome: 'unknown' })
  expect(providerUrl.origin).not.toBe(new URL(page.url()).origin)

  const payment = (await (await page.request.get(`/api/student/payments/${paymentId}`)).json()) as OnlinePayment
  expect(payment.status).toBe('succeeded')
  const ledger = (await (await page.request.get('/api/student/ledger')).json()) as Ledger
  expect(ledger.entries.map((e) => [e.kind, e.amount_minor]).sort()).toEqual([
    ['package_purchase', -420_000],
    ['payment', 420_000],
  ])
  expect(ledger.balance.amount_minor).toBe(0)

  // The dashboard shows the one package.
  await page.getByRole('link', { name: ru.catalogue.toDashboard }).click()
  await expect(page).toHaveURL(/\/student$/)
  const dashboard = (await (await page.request.get('/api/student/dashboard')).json()) as {
    packages: { id: string; lessons_total: number }[]
  }
  expect(dashboard.packages.map((p) => [p.id, p.lessons_total])).toEqual([[payment.package_id, 5]])
})
