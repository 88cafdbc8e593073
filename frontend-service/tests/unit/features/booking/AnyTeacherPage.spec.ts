import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import Select from 'primevue/select'
import type { TeacherCard, TeacherSlotsBatch } from '@/api'
import AnyTeacherPage from '@/features/booking/AnyTeacherPage.vue'
import type { AppLocale } from '@/i18n'
import { setViewerTimeZone } from '@/utils/format'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, type RecordedCall } from '../../helpers'

const HOUR = 3600_000

function teacher(id: string, first: string, last: string): TeacherCard {
  return { id, first_name: first, last_name: last, bio: null, levels: [] }
}

const OLGA = teacher('t1', 'Olga', 'Kuznetsova')
const JOHN = teacher('t2', 'John', 'Smith')
const MARY = teacher('t3', 'Mary', 'Jones')

// In Tokyo (UTC+9) all three are on Tuesday 8 January 2030: 00:30, 09:00 and 10:00.
const AT_0030 = '2030-01-07T15:30:00Z'
const AT_0900 = '2030-01-08T00:00:00Z'
const AT_1000 = '2030-01-08T01:00:00Z'

function batch(starts: Record<string, string[]>, duration = 60): TeacherSlotsBatch {
  return { duration_minutes: duration, teachers: Object.entries(starts).map(([id, list]) => ({ teacher_id: id, starts: list })) }
}

interface Serve {
  teachers?: TeacherCard[]
  /** The batch answer for the n-th batch call (the last one repeats). */
  batches: (TeacherSlotsBatch | Response)[]
  minNoticeHours?: number
  book?: (call: RecordedCall) => Response
}

function serve({ teachers = [OLGA, JOHN, MARY], batches, minNoticeHours = 0, book }: Serve) {
  let asked = 0
  return stubFetch((call) => {
    if (call.url.startsWith('/api/booking/slots/batch')) {
      const answer = batches[Math.min(asked++, batches.length - 1)]!
      return answer instanceof Response ? answer : jsonResponse(200, answer)
    }
    if (call.url === '/api/booking/policy') return jsonResponse(200, { cancel_notice_hours: 24, min_booking_notice_hours: minNoticeHours })
    if (call.url === '/api/teachers') return jsonResponse(200, teachers)
    if (call.url === '/api/booking' && call.method === 'POST' && book) return book(call)
    return jsonResponse(401, {})
  })
}

const batchCalls = (calls: RecordedCall[]) => calls.filter((call) => call.url.startsWith('/api/booking/slots/batch'))
const queryOf = (call: RecordedCall) => new URL(call.url, 'http://x').searchParams

// Pages of earlier tests would follow the zone the next test sets and ask again: unmounted first.
const mounted: VueWrapper[] = []

function unmountAll() {
  for (const wrapper of mounted.splice(0)) wrapper.unmount()
  document.body.innerHTML = ''
}

async function mountPage(locale: AppLocale = 'ru') {
  const harness = createHarness()
  const wrapper = mountWithApp(AnyTeacherPage, harness, {}, locale)
  mounted.push(wrapper)
  await flushPromises()
  return { wrapper, harness }
}

function timeButtons(): HTMLButtonElement[] {
  return Array.from(document.querySelectorAll<HTMLButtonElement>('[data-testid="any-slots"] button'))
}

function timeButton(hhmm: string): HTMLButtonElement {
  const found = timeButtons().find((button) => button.querySelector('strong')?.textContent?.trim() === hhmm)
  if (!found) throw new Error(`no time button ${hhmm}`)
  return found
}

function dialogButton(label: string): HTMLButtonElement {
  const found = Array.from(document.querySelectorAll<HTMLButtonElement>('.p-dialog button')).find(
    (button) => button.textContent?.trim() === label,
  )
  if (!found) throw new Error(`no dialog button ${label}`)
  return found
}

function selectWithId(wrapper: VueWrapper, id: string) {
  const found = wrapper.findAllComponents(Select).find((select) => select.props('inputId') === id)
  if (!found) throw new Error(`no Select #${id}`)
  return found
}

describe('AnyTeacherPage: the free times of every teacher in one list', { timeout: 30_000 }, () => {
  afterEach(() => {
    unmountAll()
    setViewerTimeZone(null)
    vi.restoreAllMocks()
  })

  it("asks once for the week of all the directory's teachers, and once again per duration change", async () => {
    setViewerTimeZone('Asia/Tokyo')
    const calls = serve({ batches: [batch({ t1: [AT_1000] })] })
    const { wrapper } = await mountPage()

    expect(batchCalls(calls)).toHaveLength(1)
    // Never the one-teacher call, once per teacher.
    expect(calls.filter((call) => call.url.startsWith('/api/booking/slots?'))).toHaveLength(0)
    const query = queryOf(batchCalls(calls)[0]!)
    expect(query.getAll('teacher_id')).toEqual(['t1', 't2', 't3'])
    expect(query.get('from')).toMatch(/T00:00:00\+09:00$/)
    expect(query.get('to')).toMatch(/T00:00:00\+09:00$/)
    expect(query.get('duration_minutes')).toBe('60')

    selectWithId(wrapper, 'booking-duration').vm.$emit('update:modelValue', 90)
    await flushPromises()
    expect(batchCalls(calls)).toHaveLength(2)
    expect(queryOf(batchCalls(calls)[1]!).get('duration_minutes')).toBe('90')
    expect(queryOf(batchCalls(calls)[1]!).getAll('teacher_id')).toEqual(['t1', 't2', 't3'])
  })

  it('asks for the first 100 teachers when the studio has more', async () => {
    const many = Array.from({ length: 120 }, (_, n) => teacher(`t${n}`, `T${n}`, 'X'))
    const calls = serve({ teachers: many, batches: [batch({})] })
    await mountPage()

    expect(batchCalls(calls)).toHaveLength(1)
    expect(queryOf(batchCalls(calls)[0]!).getAll('teacher_id')).toEqual(many.slice(0, 100).map((one) => one.id))
  })

  it("shows each free time once, in order, on the profile zone's day, with the teachers free then", async () => {
    setViewerTimeZone('Asia/Tokyo')
    serve({ batches: [batch({ t1: [AT_1000, AT_0030], t2: [AT_0030, AT_0900], t3: [] })] })
    await mountPage()

    const days = document.querySelectorAll('[data-testid="any-slots"] section')
    expect(days).toHaveLength(1)
    // 15:30 UTC on Monday is already Tuesday in Tokyo.
    expect(days[0]!.querySelector('h2')?.textContent).toMatch(/вторник, 8 января/i)
    expect(timeButtons().map((button) => button.querySelector('strong')?.textContent?.trim())).toEqual(['00:30', '09:00', '10:00'])
    expect(timeButton('00:30').textContent).toContain('Olga K. +1')
    expect(timeButton('00:30').getAttribute('aria-label')).toContain('Olga Kuznetsova, John Smith')
    expect(timeButton('09:00').textContent).toContain('John S.')
    expect(timeButton('10:00').getAttribute('aria-label')).toContain('Olga Kuznetsova')
    expect(timeButton('10:00').getAttribute('aria-label')).not.toContain('John Smith')
  })

  it('hides the times inside the minimum booking notice', async () => {
    const soon = new Date(Date.now() + 1 * HOUR).toISOString()
    const later = new Date(Date.now() + 30 * HOUR).toISOString()
    const latest = new Date(Date.now() + 48 * HOUR).toISOString()
    serve({ minNoticeHours: 24, batches: [batch({ t1: [soon, latest], t2: [soon, later] })] })
    await mountPage()

    expect(timeButtons()).toHaveLength(2)
    expect(document.querySelector('[data-testid="booking-min-notice"]')?.textContent).toContain('24 ч')
  })

  it('books the chosen time with the first free teacher by default, or with the one the student picks', async () => {
    setViewerTimeZone('Asia/Tokyo')
    const calls = serve({
      batches: [batch({ t1: [AT_0030, AT_1000], t2: [AT_0030] })],
      book: (call) => {
        const body = call.body as { teacher_id: string; starts_at: string }
        return jsonResponse(201, { lesson: { id: 'l1', kind: 'individual', status: 'scheduled', starts_at: body.starts_at } })
      },
    })
    const { wrapper, harness } = await mountPage()
    const push = vi.spyOn(harness.router, 'push')

    timeButton('00:30').click()
    await flushPromises()
    const teacherSelect = selectWithId(wrapper, 'booking-teacher')
    expect(teacherSelect.props('modelValue')).toBe('t1')
    expect(document.querySelector('[data-testid="booking-teacher"]')?.textContent).toContain('Olga Kuznetsova')
    expect((teacherSelect.props('options') as { label: string }[]).map((option) => option.label)).toEqual(['Olga Kuznetsova', 'John Smith'])

    teacherSelect.vm.$emit('update:modelValue', 't2')
    await flushPromises()
    dialogButton('Записаться').click()
    await flushPromises()

    const posts = calls.filter((call) => call.method === 'POST' && call.url === '/api/booking')
    expect(posts).toHaveLength(1)
    expect(posts[0]!.body).toEqual({ teacher_id: 't2', starts_at: AT_0030, duration_minutes: 60, use_makeup_credit: false })
    expect(posts[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(push).toHaveBeenCalledWith({ name: 'student-lessons' })
  })

  it('books with the first free teacher when the student keeps the default', async () => {
    setViewerTimeZone('Asia/Tokyo')
    const calls = serve({
      batches: [batch({ t1: [AT_1000], t2: [AT_0900, AT_1000] })],
      book: () => jsonResponse(201, { lesson: { id: 'l1', kind: 'individual', status: 'scheduled', starts_at: AT_1000 } }),
    })
    await mountPage()

    timeButton('10:00').click()
    await flushPromises()
    dialogButton('Записаться').click()
    await flushPromises()

    expect(calls.find((call) => call.method === 'POST')?.body).toMatchObject({ teacher_id: 't1', starts_at: AT_1000 })
  })

  it('when the time was just taken, asks for the week again and says so', async () => {
    setViewerTimeZone('Asia/Tokyo')
    const calls = serve({
      batches: [batch({ t1: [AT_0030, AT_1000], t2: [AT_0030] }), batch({ t1: [AT_1000], t2: [AT_0030] })],
      book: () => problem(409, 'slot_taken', 'Conflict'),
    })
    await mountPage()
    expect(document.querySelector('[data-testid="slot-taken"]')).toBeNull()

    timeButton('00:30').click()
    await flushPromises()
    dialogButton('Записаться').click()
    await flushPromises()

    expect(batchCalls(calls)).toHaveLength(2)
    expect(queryOf(batchCalls(calls)[1]!).getAll('teacher_id')).toEqual(['t1', 't2', 't3'])
    expect(document.querySelector('[data-testid="slot-taken"]')?.textContent).toContain('Это время уже заняли')
    expect(document.querySelector('.p-dialog')).toBeNull()
    // Olga's 00:30 is gone; John is still free then.
    expect(timeButton('00:30').textContent).toContain('John S.')
    expect(timeButton('00:30').textContent).not.toContain('+1')
  })

  it('shows the error of the batched call with a retry that asks again', async () => {
    const calls = serve({ batches: [problem(400, 'range_too_large'), batch({ t1: [AT_1000] })] })
    await mountPage()

    const alert = document.querySelector('[role="alert"]')
    expect(alert).not.toBeNull()
    Array.from(alert!.querySelectorAll('button')).find((button) => button.textContent?.includes('Повторить'))!.click()
    await flushPromises()
    expect(batchCalls(calls)).toHaveLength(2)
    expect(timeButtons()).toHaveLength(1)
  })

  it('speaks Russian by default and English when chosen', async () => {
    setViewerTimeZone('Asia/Tokyo')
    serve({ batches: [batch({ t1: [AT_1000] })] })
    await mountPage('ru')
    expect(document.querySelector('h1')?.textContent).toBe('Любой преподаватель')
    expect(timeButton('10:00').getAttribute('aria-label')).toMatch(/^Записаться на .*свободны: Olga Kuznetsova$/)
    unmountAll()

    serve({ batches: [batch({ t1: [AT_1000] })] })
    await mountPage('en')
    expect(document.querySelector('h1')?.textContent).toBe('Any teacher')
    expect(document.body.textContent).toContain("Every teacher's free times")
    expect(timeButton('10:00').getAttribute('aria-label')).toMatch(/^Book .*free: Olga Kuznetsova$/)
    unmountAll()

    serve({ batches: [batch({})] })
    await mountPage('en')
    expect(document.body.textContent).toContain('No free time this week')
  })
})
