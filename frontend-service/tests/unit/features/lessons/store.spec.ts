import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { FUTURE_DAYS, MAX_RANGE_DAYS, useLessonsStore } from '@/features/lessons/store'
import { studentLesson } from '../../fixtures'
import { jsonResponse, stubFetch } from '../../helpers'

const DAY = 86_400_000

describe('student lessons store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks for a range the BFF accepts, reaching months ahead', async () => {
    const calls = stubFetch(() => jsonResponse(200, [studentLesson(48)]))
    const store = useLessonsStore()

    await store.load()

    const query = new URL(calls[0]!.url, 'http://app').searchParams
    const from = new Date(query.get('from')!).getTime()
    const to = new Date(query.get('to')!).getTime()
    expect((to - from) / DAY).toBeLessThanOrEqual(MAX_RANGE_DAYS)
    expect((to - Date.now()) / DAY).toBeGreaterThan(FUTURE_DAYS - 1)
    expect(store.upcoming.map((lesson) => lesson.id)).toEqual(['l1'])
  })

  it('keeps the teacher’s name on a lesson after cancelling it', async () => {
    const lesson = studentLesson(48)
    stubFetch((call) =>
      call.method === 'POST'
        ? jsonResponse(200, {
            lesson: { ...lesson, teacher: undefined, teacher_id: 't1', student_ids: [], status: 'cancelled' },
            late_cancel: false,
            charge: null,
          })
        : jsonResponse(200, [lesson]),
    )
    const store = useLessonsStore()
    await store.load()

    await store.cancel('l1')

    expect(store.lessons?.[0]).toMatchObject({ status: 'cancelled', teacher: { first_name: 'John' } })
  })

  it('lists a cancelled lesson under past and cancelled, not under upcoming', async () => {
    const kept = studentLesson(48, { id: 'kept' })
    const cancelled = studentLesson(72, { id: 'gone', status: 'cancelled' })
    const toCancel = studentLesson(96, { id: 'l3' })
    stubFetch((call) =>
      call.method === 'POST'
        ? jsonResponse(200, { lesson: { ...toCancel, status: 'cancelled' }, late_cancel: false, charge: null })
        : jsonResponse(200, [kept, cancelled, toCancel]),
    )
    const store = useLessonsStore()
    await store.load()
    expect(store.upcoming.map((lesson) => lesson.id)).toEqual(['kept', 'l3'])
    expect(store.past.map((lesson) => lesson.id)).toEqual(['gone'])

    await store.cancel('l3')

    expect(store.upcoming.map((lesson) => lesson.id)).toEqual(['kept'])
    expect(store.past.map((lesson) => lesson.id)).toEqual(['l3', 'gone'])
  })
})
