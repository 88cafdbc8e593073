import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import BookLessonDialog from '@/features/frontdesk/BookLessonDialog.vue'
import { browserTimeZone, setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const PROFILE_ZONE = 'Asia/Vladivostok'

describe("booking at the front desk follows the profile's zone", { timeout: 30_000 }, () => {
  afterEach(() => {
    setViewerTimeZone(null)
    document.body.innerHTML = ''
  })

  it("asks for the free slots of the profile's day and names that zone", async () => {
    expect(browserTimeZone()).not.toBe(PROFILE_ZONE)
    setViewerTimeZone(PROFILE_ZONE)
    // Monday 21:00 UTC, the cell clicked: Tuesday 07:00 in Vladivostok.
    const clicked = '2026-12-07T21:00:00Z'
    const calls = stubFetch((call) =>
      call.url.startsWith('/api/admin/slots')
        ? jsonResponse(200, [{ starts_at: clicked, ends_at: '2026-12-07T22:00:00Z' }])
        : jsonResponse(404, {}),
    )
    const teachers = [{ id: 't1', first_name: 'Olga', last_name: 'K', photo_url: null, bio: null, levels: [] }]
    const wrapper = mountWithApp(BookLessonDialog, createHarness(), {
      props: { visible: false, teachers, teacherId: 't1', startsAt: new Date(clicked) } as never,
    })
    await wrapper.setProps({ visible: true } as never)
    await flushPromises()

    const query = new URL(calls.find((call) => call.url.startsWith('/api/admin/slots'))!.url, 'http://x').searchParams
    expect(query.get('from')).toBe('2026-12-08T00:00:00+10:00')
    expect(query.get('to')).toBe('2026-12-09T00:00:00+10:00')
    expect(document.querySelector('[data-testid="frontdesk-zone"]')?.textContent).toContain(PROFILE_ZONE)
    // The clicked time is found among the slots and chosen, shown on the profile's clock.
    expect(document.body.textContent).toContain('07:00–08:00')
  })
})
