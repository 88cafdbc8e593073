import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StudentLesson } from '@/api'
import CancelLessonFormDialog from '@/features/lessons/CancelLessonFormDialog.vue'
import { isLateCancel, lateCancelCharge } from '@/features/lessons/policy'
import { studentLesson } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch } from '../../helpers'

const lessonIn = studentLesson

describe('late cancellation policy', () => {
  it('is late inside the 24 hours before the start', () => {
    expect(isLateCancel(lessonIn(2), 24)).toBe(true)
    expect(isLateCancel(lessonIn(30), 24)).toBe(false)
    expect(isLateCancel(lessonIn(30), 48)).toBe(true)
  })

  it('charges the lesson price, and nothing for a free lesson', () => {
    expect(lateCancelCharge(lessonIn(2))).toEqual({ amount_minor: 150000, currency: 'RUB' })
    expect(lateCancelCharge(lessonIn(2, { price_minor: 0 }))).toBeNull()
  })
})

describe('CancelLessonFormDialog', () => {
  // The notice comes from the server (GET /api/booking/policy), never from a constant in the app.
  beforeEach(() =>
    stubFetch(({ url }) =>
      url.endsWith('/api/booking/policy') ? jsonResponse(200, { cancel_notice_hours: 24 }) : problem(401, 'not_authenticated'),
    ),
  )
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function open(lesson: StudentLesson) {
    const wrapper = mountWithApp(CancelLessonFormDialog, createHarness(), {
      props: { lesson, busy: false, error: null, visible: true },
    })
    await flushPromises()
    return wrapper
  }

  it('warns before confirming what a late cancel costs', async () => {
    await open(lessonIn(3))
    const warning = document.body.querySelector('[data-testid="late-cancel-warning"]')?.textContent?.replace(/\s/g, ' ')
    expect(warning).toContain('отмена сейчас будет оплачена: 1 500,00 ₽')
    expect(document.body.textContent).toContain('Всё равно отменить')
  })

  it('uses the notice the server answers', async () => {
    stubFetch(({ url }) =>
      url.endsWith('/api/booking/policy') ? jsonResponse(200, { cancel_notice_hours: 96 }) : problem(401, 'not_authenticated'),
    )
    await open(lessonIn(72))
    expect(document.body.querySelector('[data-testid="late-cancel-warning"]')).not.toBeNull()
  })

  it('shows no warning when cancelling early', async () => {
    await open(lessonIn(72))
    expect(document.body.querySelector('[data-testid="late-cancel-warning"]')).toBeNull()
    expect(document.body.textContent).toContain('Бесплатная отмена до')
  })

  it('emits the trimmed reason on confirm', async () => {
    const wrapper = await open(lessonIn(72))
    const textarea = document.body.querySelector<HTMLTextAreaElement>('#cancel-reason')!
    textarea.value = '  заболел  '
    textarea.dispatchEvent(new Event('input'))
    const confirm = [...document.body.querySelectorAll('button')].find((b) => b.textContent?.includes('Отменить занятие'))!
    confirm.click()
    await flushPromises()
    expect(wrapper.emitted('confirm')).toEqual([['заболел']])
  })
})

describe('CancelLessonFormDialog with a package', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says a package lesson will be used, not an amount, when a package pays the late cancel', async () => {
    const cover = { id: 'p1', kind: 'any', lessons_total: 8, lessons_left: 5, valid_until: '2027-01-31' }
    stubFetch(({ url }) => {
      if (url.endsWith('/api/booking/policy')) return jsonResponse(200, { cancel_notice_hours: 24 })
      if (url.includes('/api/booking/quote')) {
        return jsonResponse(200, { price: { amount_minor: 150000, currency: 'RUB' }, package: cover, cancel_notice_hours: 24 })
      }
      return problem(401, 'not_authenticated')
    })
    mountWithApp(CancelLessonFormDialog, createHarness(), {
      props: { lesson: lessonIn(3), busy: false, error: null, visible: true },
    })
    await flushPromises()
    const warning = document.body.querySelector('[data-testid="late-cancel-warning"]')?.textContent ?? ''
    expect(warning).toContain('занятие абонемента (осталось 5)')
    expect(warning).not.toContain('1 500,00')
  })
})
