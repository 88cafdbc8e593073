import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import ClosedDaysPage from '@/features/closed-days/ClosedDaysPage.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

describe('ClosedDaysPage', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists the closed days with weekday and year and opens one again', async () => {
    let days = [{ date: '2027-01-07', reason: 'Рождество' }]
    const calls = stubFetch((call) => {
      if (call.method === 'DELETE') {
        days = []
        return new Response(null, { status: 204 })
      }
      return jsonResponse(200, days)
    })
    mountWithApp(ClosedDaysPage, createHarness())
    await flushPromises()

    const table = document.querySelector('[data-testid="closed-days-table"]')?.textContent ?? ''
    expect(table).toContain('четверг, 7 января 2027')
    expect(table).toContain('Рождество')
    ;(document.querySelector('[data-testid="closed-days-table"] button') as HTMLButtonElement).click()
    await flushPromises()

    expect(calls.find((call) => call.method === 'DELETE')?.url).toBe('/api/admin/closed-days/2027-01-07')
    expect(document.querySelector('[data-testid="closed-days-table"]')).toBeNull()
    expect(document.body.textContent).toContain('Впереди нет выходных дней')
  })

  it('asks for a date before closing the studio and sends nothing', async () => {
    const calls = stubFetch(() => jsonResponse(200, []))
    mountWithApp(ClosedDaysPage, createHarness())
    await flushPromises()

    ;(document.querySelector('[data-testid="closed-day-add"]') as HTMLButtonElement).click()
    await flushPromises()

    expect(document.body.textContent).toContain('Выберите дату')
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])
  })
})
