import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import BookingFormDialog from '@/features/booking/BookingFormDialog.vue'
import { setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const slot = { starts_at: '2026-12-10T07:00:00Z', ends_at: '2026-12-10T08:00:00Z' }

describe('BookingFormDialog (what the student sees before booking)', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it("states the cancellation rule from the server and the profile's zone by name", async () => {
    stubFetch((call) =>
      call.url === '/api/booking/policy'
        ? jsonResponse(200, { cancel_notice_hours: 24, min_booking_notice_hours: 12 })
        : jsonResponse(401, {}),
    )
    setViewerTimeZone('Asia/Tokyo')
    mountWithApp(BookingFormDialog, createHarness(), {
      props: { visible: true, chosenSlot: slot, teacherName: 'Olga', durationMinutes: 60, busy: false, error: null },
    })
    await flushPromises()
    // 07:00 UTC is 16:00 in Tokyo; the free cancel ends 24 hours earlier.
    expect(document.querySelector('[data-testid="booking-when"]')?.textContent).toContain('16:00')
    expect(document.querySelector('[data-testid="booking-zone"]')?.textContent).toContain('Asia/Tokyo')
    const rule = document.querySelector('[data-testid="booking-cancel-rule"]')?.textContent ?? ''
    expect(rule).toContain('24 ч')
    expect(rule).toContain('9 дек. 2026')
    expect(rule).toContain('16:00')
  })
})

describe('BookingFormDialog (money before confirming)', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  function serve(quote: unknown) {
    return stubFetch((call) => {
      if (call.url === '/api/booking/policy') return jsonResponse(200, { cancel_notice_hours: 24, min_booking_notice_hours: 0 })
      if (call.url.startsWith('/api/booking/quote')) return jsonResponse(200, quote)
      return jsonResponse(401, {})
    })
  }

  it('shows the price from the price list and that the balance pays when there is no package', async () => {
    const calls = serve({ price: { amount_minor: 200000, currency: 'RUB' }, package: null, cancel_notice_hours: 24 })
    mountWithApp(BookingFormDialog, createHarness(), {
      props: { visible: true, chosenSlot: slot, teacherName: 'Olga', durationMinutes: 60, busy: false, error: null },
    })
    await flushPromises()
    expect(calls.some((c) => c.url === '/api/booking/quote?starts_at=2026-12-10T07%3A00%3A00Z&duration_minutes=60')).toBe(true)
    expect(document.querySelector('[data-testid="booking-price"]')?.textContent?.replace(/\s/g, ' ')).toContain('2 000,00 ₽')
    expect(document.querySelector('[data-testid="booking-payment"]')?.textContent).toContain('с баланса')
    expect(document.querySelector('[data-testid="booking-cancel-rule"]')?.textContent).toContain('занятие списывается')
  })

  it('names the package a lesson will be taken from, and the rule says a package lesson goes on a late cancel', async () => {
    serve({
      price: { amount_minor: 200000, currency: 'RUB' },
      package: { id: 'p1', kind: 'any', lessons_total: 8, lessons_left: 3, valid_until: '2027-01-31' },
      cancel_notice_hours: 24,
    })
    mountWithApp(BookingFormDialog, createHarness(), {
      props: { visible: true, chosenSlot: slot, teacherName: 'Olga', durationMinutes: 60, busy: false, error: null },
    })
    await flushPromises()
    const payment = document.querySelector('[data-testid="booking-payment"]')?.textContent ?? ''
    expect(payment).toContain('из абонемента')
    expect(payment).toContain('3')
    expect(payment).toContain('31 янв. 2027')
    expect(document.querySelector('[data-testid="booking-cancel-rule"]')?.textContent).toContain('списывается занятие абонемента')
  })
})
