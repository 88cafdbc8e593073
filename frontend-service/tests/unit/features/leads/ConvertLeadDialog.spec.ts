import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import ConvertLeadDialog from '@/features/leads/ConvertLeadDialog.vue'
import { setViewerTimeZone } from '@/utils/format'
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
})
