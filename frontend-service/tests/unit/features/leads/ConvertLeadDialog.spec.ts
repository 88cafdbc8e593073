import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import ConvertLeadDialog from '@/features/leads/ConvertLeadDialog.vue'
import { browserTimeZone, setViewerTimeZone } from '@/utils/format'
import { lead } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const TEACHER = '7f2d4a8e-0000-4000-8000-000000000001'
const HELD_AT = '2026-12-10T15:00:00Z'
const heldLead = lead('1', 'new', {
  preferred_slot: { teacher_id: TEACHER, starts_at: HELD_AT, hold_id: 'hold-1', held_until: '2099-01-01T00:00:00Z' },
})

describe('ConvertLeadDialog (the trial the bot held)', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it('offers the held slot first, chosen, and books exactly that time', async () => {
    setViewerTimeZone('Europe/Moscow')
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/teachers')) return jsonResponse(200, [{ id: TEACHER, first_name: 'Olga', last_name: 'S' }])
      // The held time is not free: only another slot that day comes back.
      if (call.url.startsWith('/api/admin/slots')) {
        return jsonResponse(200, [{ starts_at: '2026-12-10T16:00:00Z', ends_at: '2026-12-10T17:00:00Z' }])
      }
      if (call.method === 'POST') return jsonResponse(201, { student: { id: 's1' }, lesson: null, invited: false })
      return jsonResponse(404, {})
    })
    const wrapper = mountWithApp(ConvertLeadDialog, createHarness(), { props: { visible: false, lead: heldLead } })
    await wrapper.setProps({ visible: true })
    await flushPromises()

    expect(document.querySelector('[data-testid="convert-held-slot"]')?.textContent).toContain('18:00')
    const slots = calls.find((call) => call.url.startsWith('/api/admin/slots'))
    expect(slots?.url).toContain(`teacher_id=${TEACHER}`)
    ;(document.querySelector('form') as HTMLFormElement).dispatchEvent(new Event('submit'))
    await flushPromises()

    const convert = calls.find((call) => call.method === 'POST')
    expect(convert).toMatchObject({
      url: '/api/admin/leads/1/convert',
      body: { trial: { teacher_id: TEACHER, starts_at: HELD_AT, duration_minutes: 60 } },
    })
  })

  it("looks for slots on the held slot's day in the profile's zone, and offers tomorrow there", async () => {
    expect(browserTimeZone()).not.toBe('Asia/Vladivostok')
    setViewerTimeZone('Asia/Vladivostok')
    // Monday 21:00 UTC is Tuesday 07:00 in Vladivostok.
    const late = lead('2', 'new', {
      preferred_slot: { teacher_id: TEACHER, starts_at: '2026-12-07T21:00:00Z', hold_id: 'hold-2', held_until: '2099-01-01T00:00:00Z' },
    })
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/teachers')) return jsonResponse(200, [{ id: TEACHER, first_name: 'Olga', last_name: 'S' }])
      if (call.url.startsWith('/api/admin/slots')) return jsonResponse(200, [])
      return jsonResponse(404, {})
    })
    const wrapper = mountWithApp(ConvertLeadDialog, createHarness(), { props: { visible: false, lead: late } })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    const query = new URL(calls.find((call) => call.url.startsWith('/api/admin/slots'))!.url, 'http://x').searchParams
    expect(query.get('from')).toBe('2026-12-08T00:00:00+10:00')
    expect(query.get('to')).toBe('2026-12-09T00:00:00+10:00')
    expect((document.querySelector('#convert-day') as HTMLInputElement).value).toBe('2026-12-08')
    expect(document.body.textContent).toContain('Asia/Vladivostok')
    wrapper.unmount()
    document.body.innerHTML = ''

    // Without a held slot the day offered is tomorrow on the profile's clock.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-07T20:00:00Z') })
    try {
      const plain = mountWithApp(ConvertLeadDialog, createHarness(), { props: { visible: false, lead: lead('3', 'new') } })
      await plain.setProps({ visible: true })
      await flushPromises()
      expect((document.querySelector('#convert-day') as HTMLInputElement).value).toBe('2026-12-09')
    } finally {
      vi.useRealTimers()
    }
  })
})
