import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import BookingPage from '@/features/booking/BookingPage.vue'
import { setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

describe("BookingPage follows the profile's zone, not the browser's", { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it("asks for the week from Monday 00:00 in the profile's zone and puts slots on that zone's days", async () => {
    setViewerTimeZone('Asia/Tokyo')
    // 15:30 UTC on a Monday is 00:30 on Tuesday in Tokyo.
    const slot = { starts_at: '2030-01-07T15:30:00Z', ends_at: '2030-01-07T16:30:00Z' }
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/booking/slots')) return jsonResponse(200, [slot])
      if (call.url === '/api/booking/policy') return jsonResponse(200, { cancel_notice_hours: 24, min_booking_notice_hours: 0 })
      if (call.url === '/api/teachers') return jsonResponse(200, [{ id: 't1', first_name: 'Olga', last_name: 'K', bio: null, levels: [] }])
      return jsonResponse(401, {})
    })
    mountWithApp(BookingPage, createHarness(), { props: { teacherId: 't1' } })
    await flushPromises()

    const query = new URL(calls.find((call) => call.url.startsWith('/api/booking/slots'))!.url, 'http://x').searchParams
    expect(query.get('from')).toMatch(/T00:00:00\+09:00$/)
    expect(query.get('to')).toMatch(/T00:00:00\+09:00$/)
    expect(new Date(query.get('from')!).getUTCDay()).toBe(0) // Monday 00:00 in Tokyo is Sunday 15:00 UTC
    const day = document.querySelector('[data-testid="slots"] section')
    expect(day?.querySelector('h2')?.textContent).toMatch(/вторник, 8 января/i)
    expect(day?.textContent).toContain('00:30')
  })
})
