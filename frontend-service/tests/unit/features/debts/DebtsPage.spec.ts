import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import DebtsPage from '@/features/debts/DebtsPage.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const debt = {
  student_id: 's1',
  first_name: 'Anna',
  last_name: 'Ivanova',
  email: 'anna@example.com',
  phone: null,
  balance: { amount_minor: -250_000, currency: 'RUB' },
  reasons: ['negative_balance'],
  packages_ending: [],
  reminded_on: null,
}

describe('DebtsPage: one-click reminder', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('reminds the student and shows the day it was sent', async () => {
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/admin/debts/s1/remind'))
        return jsonResponse(201, { id: 'r1', student_id: 's1', reminded_on: '2026-12-06', balance_minor: -250_000, created_at: '2026-12-06T09:00:00Z' })
      if (call.url.startsWith('/api/admin/debts')) return jsonResponse(200, { ending_within_days: 7, items: [debt] })
      return jsonResponse(404, {})
    })
    mountWithApp(DebtsPage, createHarness())
    await flushPromises()
    expect(document.querySelector('[data-testid="debt-reminded-on"]')).toBeNull()

    ;(document.querySelector('[data-testid="debt-remind"]') as HTMLButtonElement).click()
    await flushPromises()

    expect(calls.filter((call) => call.url === '/api/admin/debts/s1/remind').map((call) => call.method)).toEqual(['POST'])
    expect(document.querySelector('[data-testid="debt-reminded-on"]')?.textContent).toContain('Напомнили 6 дек. 2026')
  })
})
