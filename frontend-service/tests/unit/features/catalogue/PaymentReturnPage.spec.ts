import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OnlinePayment } from '@/api'
import PaymentReturnPage from '@/features/catalogue/PaymentReturnPage.vue'
import { USERS, createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

function payment(status: OnlinePayment['status']): OnlinePayment {
  return {
    id: 'p-1',
    status,
    amount_minor: 1_200_000,
    currency: 'RUB',
    description: 'Eight lessons: 8 lessons',
    package_id: status === 'succeeded' ? 'pkg-1' : null,
    created_at: '2026-12-06T10:00:00+00:00',
    settled_at: null,
  }
}

async function mountPage(statuses: OnlinePayment['status'][], path = '/student/payments/return?payment_id=p-1') {
  let index = 0
  const all = stubFetch((call) =>
    call.url === '/api/me'
      ? jsonResponse(200, USERS.student)
      : jsonResponse(200, payment(statuses[Math.min(index++, statuses.length - 1)] ?? 'pending')),
  )
  const harness = createHarness()
  await harness.router.push(path).catch(() => undefined)
  const wrapper = mountWithApp(PaymentReturnPage, harness)
  await flushPromises()
  /** The payment checks the page made (the session check is the router's). */
  const checks = () => all.filter((call) => call.url !== '/api/me')
  return { wrapper, checks }
}

describe('PaymentReturnPage', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('shows a paid package at once', async () => {
    const { wrapper, checks } = await mountPage(['succeeded'])
    expect(checks().map((call) => call.url)).toEqual(['/api/student/payments/p-1'])
    expect(wrapper.get('[data-testid="payment-result"]').attributes('data-status')).toBe('succeeded')
  })

  it('checks a pending payment until it settles', async () => {
    vi.useFakeTimers()
    const { wrapper, checks } = await mountPage(['pending', 'pending', 'canceled'])
    await vi.advanceTimersByTimeAsync(5000)
    await flushPromises()
    expect(checks()).toHaveLength(3)
    expect(wrapper.get('[data-testid="payment-result"]').attributes('data-status')).toBe('canceled')
  })

  it('stops checking after a bounded number of tries', async () => {
    vi.useFakeTimers()
    const { wrapper, checks } = await mountPage(['pending'])
    await vi.advanceTimersByTimeAsync(60_000)
    await flushPromises()
    expect(checks()).toHaveLength(8)
    expect(wrapper.get('[data-testid="payment-result"]').attributes('data-status')).toBe('pending')
  })

  it('makes no request without a payment id', async () => {
    const { checks } = await mountPage(['pending'], '/student/payments/return')
    expect(checks()).toEqual([])
  })
})
