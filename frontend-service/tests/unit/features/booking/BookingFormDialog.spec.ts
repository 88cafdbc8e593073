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
