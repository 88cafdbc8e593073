import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { LessonDetail } from '@/api'
import LessonFeedbackPage from '@/features/feedback/LessonFeedbackPage.vue'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, type RecordedCall } from '../../helpers'
import { teacherCard } from '../../fixtures'

function lesson(extra: Partial<LessonDetail> = {}): LessonDetail {
  return {
    id: 'l-1',
    kind: 'individual',
    status: 'completed',
    starts_at: '2026-12-01T10:00:00+03:00',
    ends_at: '2026-12-01T11:00:00+03:00',
    duration_minutes: 60,
    teacher_id: 't1',
    topic: 'Past Simple',
    homework: 'Ex. 5',
    currency: 'RUB',
    price_minor: 150000,
    late_cancel: false,
    ...extra,
  }
}

type Handler = (call: RecordedCall) => Response | undefined

async function mountPage(handler: Handler, path = '/lessons/l-1?feedback=1') {
  const calls = stubFetch((call) => {
    if (call.url === '/api/teachers') return jsonResponse(200, [teacherCard])
    return handler(call) ?? problem(404, 'not_found')
  })
  const harness = createHarness()
  await harness.router.push(path).catch(() => undefined)
  const wrapper = mountWithApp(LessonFeedbackPage, harness, { props: { id: 'l-1' } })
  await flushPromises()
  return { wrapper, calls }
}

const lessonOk: Handler = (call) => (call.url === '/api/lessons/l-1' ? jsonResponse(200, lesson()) : undefined)

async function rateAndSend(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], rating: number, comment = '') {
  await wrapper.get(`#feedback-rating-${rating}`).setValue(true)
  if (comment) await wrapper.get('#feedback-comment').setValue(comment)
  await wrapper.get('form').trigger('submit')
  await flushPromises()
}

describe('LessonFeedbackPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the lesson with its teacher, topic and homework', async () => {
    const { wrapper } = await mountPage(lessonOk)
    const summary = wrapper.get('[data-testid="lesson-summary"]').text()
    expect(summary).toContain('John Smith')
    expect(summary).toContain('Past Simple')
    expect(summary).toContain('Ex. 5')
    expect(summary).toContain('Проведено')
  })

  it('offers five labelled ratings and posts the rating with the comment', async () => {
    const { wrapper, calls } = await mountPage((call) =>
      call.method === 'POST' ? jsonResponse(201, { lesson_id: 'l-1', rating: 4, comment: 'Great' }) : lessonOk(call),
    )
    expect(wrapper.get('legend').text()).toBe('Оценка')
    expect([1, 2, 3, 4, 5].map((n) => wrapper.get(`label[for="feedback-rating-${n}"]`).text())).toEqual([
      '1 — очень плохо',
      '2 — плохо',
      '3 — нормально',
      '4 — хорошо',
      '5 — отлично',
    ])

    await rateAndSend(wrapper, 4, '  Great  ')

    expect(calls.at(-1)).toMatchObject({ method: 'POST', url: '/api/lessons/l-1/feedback', body: { rating: 4, comment: 'Great' } })
    expect(wrapper.get('[data-testid="feedback-sent"]').text()).toBe('Спасибо! Ваша оценка: 4 из 5.')
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('leaves the comment out when empty and asks for a rating first', async () => {
    const { wrapper, calls } = await mountPage((call) =>
      call.method === 'POST' ? jsonResponse(201, { lesson_id: 'l-1', rating: 5 }) : lessonOk(call),
    )
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.get('[data-testid="rating-error"]').text()).toBe('Выберите оценку')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)

    await rateAndSend(wrapper, 5)
    expect(calls.at(-1)?.body).toEqual({ rating: 5 })
  })

  it('handles "already rated" (409 feedback_exists) as a calm notice, not an error', async () => {
    const { wrapper } = await mountPage((call) =>
      call.method === 'POST' ? problem(409, 'feedback_exists', 'Conflict') : lessonOk(call),
    )
    await rateAndSend(wrapper, 3)

    expect(wrapper.get('[data-testid="feedback-already"]').text()).toBe('Вы уже оценили это занятие. Спасибо!')
    expect(wrapper.find('[data-testid="feedback-error"]').exists()).toBe(false)
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('shows other failures and keeps the form', async () => {
    const { wrapper } = await mountPage((call) =>
      call.method === 'POST' ? problem(503, 'service_unavailable') : lessonOk(call),
    )
    await rateAndSend(wrapper, 2)
    expect(wrapper.get('[data-testid="feedback-error"]').text()).toContain('Сервер временно недоступен')
    expect(wrapper.find('form').exists()).toBe(true)
  })

  it('does not offer the form before the lesson has taken place', async () => {
    const { wrapper } = await mountPage((call) =>
      call.url === '/api/lessons/l-1' ? jsonResponse(200, lesson({ status: 'scheduled' })) : undefined,
    )
    expect(wrapper.get('[data-testid="feedback-not-yet"]').text()).toContain('после того, как оно пройдёт')
    expect(wrapper.find('form').exists()).toBe(false)
  })

  it('shows an error state with a retry when the lesson cannot be loaded', async () => {
    let fail = true
    const { wrapper } = await mountPage((call) =>
      fail ? problem(404, 'lesson_not_found', 'Not Found') : lessonOk(call),
    )
    expect(wrapper.text()).toContain('Занятие не найдено.')
    expect(wrapper.find('[data-testid="lesson-summary"]').exists()).toBe(false)

    fail = false
    await wrapper.findAll('button').find((b) => b.text() === 'Повторить')!.trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="lesson-summary"]').exists()).toBe(true)
  })
})
