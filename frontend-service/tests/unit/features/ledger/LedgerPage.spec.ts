import { flushPromises } from '@vue/test-utils'
import Select from 'primevue/select'
import { afterEach, describe, expect, it } from 'vitest'
import LedgerPage from '@/features/ledger/LedgerPage.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const future = new Date(Date.now() + 3 * 86_400_000).toISOString()
const credit = {
  id: 'c1',
  source_lesson_id: 'l0',
  lesson_kind: 'group',
  lesson_date: '2026-12-01',
  reason: 'excused',
  status: 'available',
  package_id: 'p1',
  used_lesson_id: null,
  description: 'Group lesson on 2026-12-01: excused absence, one make-up lesson granted',
  created_at: '2026-12-01T18:00:00Z',
}
const ledger = {
  balance: { amount_minor: 0, currency: 'RUB' },
  entries: [],
  makeup_credits: { available: 1, items: [credit] },
}

describe('LedgerPage: the make-up card on the student money page', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('explains the excused absence and pays an upcoming lesson with the credit', async () => {
    let used = false
    const calls = stubFetch((call) => {
      if (call.url.startsWith('/api/student/ledger'))
        return jsonResponse(200, used ? { ...ledger, makeup_credits: { available: 0, items: [{ ...credit, status: 'reserved', used_lesson_id: 'l1' }] } } : ledger)
      if (call.url.startsWith('/api/makeup-policy')) return jsonResponse(200, { mode: 'makeup_credit', notice_hours: 4 })
      if (call.url.startsWith('/api/student/lessons'))
        return jsonResponse(200, [{ id: 'l1', kind: 'individual', status: 'scheduled', starts_at: future, ends_at: future, teacher: null, topic: null, homework: null }])
      if (call.url === '/api/student/makeup-credits/use') {
        used = true
        return jsonResponse(200, { ...credit, status: 'reserved', used_lesson_id: 'l1' })
      }
      return jsonResponse(404, {})
    })
    const wrapper = mountWithApp(LedgerPage, createHarness())
    await flushPromises()

    const card = document.querySelector('[data-testid="makeup-credits"]')?.textContent ?? ''
    expect(card).toContain('Доступно отработок: 1')
    expect(card).toContain('уважительный пропуск')
    expect(card).toContain('за 4 ч')
    expect(card).toContain('Отработка доступна')

    // Choose the upcoming lesson (the only option offered) and pay it with the credit.
    const select = wrapper.findComponent(Select)
    expect(select.props('options')).toHaveLength(1)
    select.vm.$emit('update:modelValue', 'l1')
    await flushPromises()
    const pay = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Оплатить отработкой'))
    pay?.click()
    await flushPromises()

    const use = calls.find((call) => call.url === '/api/student/makeup-credits/use')
    expect(use?.method).toBe('POST')
    expect(use?.body).toEqual({ lesson_id: 'l1' })
    expect(document.querySelector('[data-testid="makeup-credits"]')?.textContent).toContain('Записан')
  })
})
