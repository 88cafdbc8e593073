import { expect, test } from '@playwright/test'
import { installFakeBff, PASSWORD } from './fake-bff'

test.describe('student', () => {
  test.use({ timezoneId: 'Asia/Yekaterinburg', locale: 'ru-RU' })

  test('logs in, books a free slot shown in their own time zone, survives slot_taken', async ({ page }) => {
    const hosts = new Set<string>()
    page.on('request', (request) => hosts.add(new URL(request.url()).host))
    const bff = await installFakeBff(page)
    await page.goto('/student/teachers')
    await expect(page).toHaveURL(/\/login\?redirect=/)

    await page.getByLabel('E-mail').fill('student@demo.studio')
    await page.locator('#login-password').fill('wrong')
    await page.getByRole('button', { name: 'Войти' }).click()
    await expect(page.getByTestId('login-error')).toHaveText('Неверный e-mail или пароль')

    await page.locator('#login-password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Войти' }).click()
    await expect(page).toHaveURL(/\/student\/teachers$/)

    await page.getByRole('button', { name: /John Smith/ }).click()
    await expect(page.getByText('Asia/Yekaterinburg')).toBeVisible()
    // The fake BFF offers Monday 10:00, 11:00 and 13:00 Moscow time (+03:00) = 12:00, 13:00, 15:00 here (+05:00).
    const slots = page.getByTestId('slots').getByRole('button')
    await expect(slots).toHaveText(['12:00', '13:00', '15:00'])

    bff.failNextBooking = true
    await slots.first().click()
    await page.getByRole('button', { name: 'Записаться', exact: true }).click()
    await expect(page.getByTestId('slot-taken')).toBeVisible()
    await expect(slots).toHaveText(['13:00', '15:00'])

    await slots.first().click()
    await page.getByRole('button', { name: 'Записаться', exact: true }).click()
    await expect(page).toHaveURL(/\/student\/lessons$/)
    await expect(page.getByRole('cell', { name: 'John Smith' })).toBeVisible()

    const bookings = bff.writes.filter((w) => w.path === '/booking')
    expect(bookings).toHaveLength(2)
    for (const booking of bookings) {
      expect(booking.csrf).toBe('e2e-csrf-token')
      expect(booking.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/)
    }
    expect(bookings[0]!.idempotencyKey).not.toBe(bookings[1]!.idempotencyKey)

    await page.getByRole('button', { name: /^Отменить занятие/ }).click()
    await page.getByLabel('Причина (необязательно)').fill('Заболела')
    await page.getByRole('dialog').getByRole('button', { name: /отменить/i }).click()
    await expect(page.getByText('Занятие отменено')).toBeVisible()
    expect(bff.writes.find((w) => w.path === '/lessons/l1/cancel')?.body).toEqual({ reason: 'Заболела' })
    // Outside Telegram the app loads nothing from the internet.
    expect([...hosts]).toEqual(['127.0.0.1:4173'])
  })

  test('cannot open the admin area', async ({ page }) => {
    await installFakeBff(page, { loggedInAs: 'student' })
    await page.goto('/admin')
    await expect(page.getByRole('heading', { name: 'Нет доступа' })).toBeVisible()
  })
})

test.describe('phone layout', () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true })

  test('sidebar is a drawer and nothing overflows sideways', async ({ page }) => {
    await installFakeBff(page, { loggedInAs: 'student' })
    await page.goto('/')
    await expect(page).toHaveURL(/\/student$/)
    await expect(page.getByTestId('balance')).toBeVisible()

    const sidebar = page.locator('#app-sidebar')
    await expect(sidebar).not.toBeInViewport()
    await page.getByRole('button', { name: 'Меню', exact: true }).click()
    await expect(sidebar).toBeInViewport()
    await page.keyboard.press('Escape')
    await expect(sidebar).not.toBeInViewport()

    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(await overflow()).toBeLessThanOrEqual(0)

    await page.goto('/student/ledger')
    await expect(page.getByTestId('ledger-balance')).toBeVisible()
    await expect(page.getByRole('cell', { name: 'Оплата' })).toBeVisible()
    expect(await overflow()).toBeLessThanOrEqual(0)
  })
})

test('theme and language persist across a reload', async ({ page }) => {
  await installFakeBff(page, { loggedInAs: 'admin' })
  await page.goto('/admin')
  await expect(page.getByRole('heading', { name: 'Студия сегодня' })).toBeVisible()

  await page.getByRole('button', { name: 'Тёмная тема' }).click()
  await page.getByRole('radio', { name: 'EN' }).or(page.getByRole('button', { name: 'EN' })).first().click()
  await expect(page.getByRole('heading', { name: 'Studio overview' })).toBeVisible()

  await page.reload()
  await expect(page.getByRole('heading', { name: 'Studio overview' })).toBeVisible()
  await expect(page.locator('html')).toHaveClass(/app-dark/)
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
})
