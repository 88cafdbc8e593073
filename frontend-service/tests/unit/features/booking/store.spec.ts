import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useBookingStore } from '@/features/booking/store'
import { jsonResponse, problem, stubFetch } from '../../helpers'

const query = { teacher_id: 't1', from: '2026-12-07T00:00:00+03:00', to: '2026-12-14T00:00:00+03:00', duration_minutes: 60 }
const slotA = { starts_at: '2026-12-08T10:00:00+03:00', ends_at: '2026-12-08T11:00:00+03:00' }
const slotB = { starts_at: '2026-12-08T12:00:00+03:00', ends_at: '2026-12-08T13:00:00+03:00' }
const lesson = { id: 'l1', kind: 'individual', status: 'scheduled', ...slotA, teacher: { id: 't1', first_name: 'J', last_name: 'S' }, topic: null, homework: null }

describe('booking store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks for the slots of the chosen teacher, range and duration', async () => {
    const calls = stubFetch(() => jsonResponse(200, [slotA, slotB]))
    const store = useBookingStore()

    await store.loadSlots(query)

    expect(calls[0]?.url).toBe(
      '/api/booking/slots?teacher_id=t1&from=2026-12-07T00%3A00%3A00%2B03%3A00&to=2026-12-14T00%3A00%3A00%2B03%3A00&duration_minutes=60',
    )
    expect(store.slots).toEqual([slotA, slotB])
  })

  it('books with an Idempotency-Key and the slot exactly as the API gave it', async () => {
    const calls = stubFetch((call) => (call.method === 'POST' ? jsonResponse(201, { lesson }) : jsonResponse(200, [slotA])))
    const store = useBookingStore()
    await store.loadSlots(query)

    const booked = await store.book('t1', slotA, 60)

    const post = calls.find((c) => c.method === 'POST')
    expect(post?.url).toBe('/api/booking')
    expect(post?.body).toEqual({ teacher_id: 't1', starts_at: '2026-12-08T10:00:00+03:00', duration_minutes: 60, use_makeup_credit: false })
    expect(post?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/)
    expect(booked.id).toBe('l1')
  })

  it('asks to pay the lesson with a make-up credit only when the student chose to', async () => {
    const calls = stubFetch((call) => (call.method === 'POST' ? jsonResponse(201, { lesson }) : jsonResponse(200, [slotA])))
    const store = useBookingStore()
    await store.loadSlots(query)

    await store.book('t1', slotA, 60, true)

    const post = calls.find((c) => c.method === 'POST')
    expect(post?.body).toEqual({ teacher_id: 't1', starts_at: '2026-12-08T10:00:00+03:00', duration_minutes: 60, use_makeup_credit: true })
  })

  it('reuses the same key when the same booking is retried after a network failure', async () => {
    let fail = true
    const calls = stubFetch(() => {
      if (fail) {
        fail = false
        throw new TypeError('Failed to fetch')
      }
      return jsonResponse(201, { lesson })
    })
    const store = useBookingStore()

    await expect(store.book('t1', slotA, 60)).rejects.toMatchObject({ code: 'network_error' })
    await store.book('t1', slotA, 60)

    expect(calls).toHaveLength(2)
    expect(calls[0]?.headers['idempotency-key']).toBe(calls[1]?.headers['idempotency-key'])
  })

  it('uses a new key for a new booking after a success', async () => {
    const calls = stubFetch(() => jsonResponse(201, { lesson }))
    const store = useBookingStore()

    await store.book('t1', slotA, 60)
    await store.book('t1', slotA, 60)

    expect(calls[0]?.headers['idempotency-key']).not.toBe(calls[1]?.headers['idempotency-key'])
  })

  it('on 409 slot_taken refreshes the slots and flags the notice', async () => {
    let slots = [slotA, slotB]
    const calls = stubFetch((call) => {
      if (call.method === 'POST') {
        slots = [slotB]
        return problem(409, 'slot_taken', 'Conflict', 'The slot is no longer free')
      }
      return jsonResponse(200, slots)
    })
    const store = useBookingStore()
    await store.loadSlots(query)

    await expect(store.book('t1', slotA, 60)).rejects.toMatchObject({ status: 409, code: 'slot_taken' })

    expect(calls.filter((c) => c.url.startsWith('/api/booking/slots'))).toHaveLength(2)
    expect(store.slots).toEqual([slotB])
    expect(store.slotTakenNotice).toBe(true)
    expect(store.booking).toBe(false)
  })

  it('asks for every teacher of the batch in one call and refreshes that batch when the slot was taken', async () => {
    const batchQuery = { teacher_id: ['t1', 't2'], from: query.from, to: query.to, duration_minutes: 60 }
    let answer = { duration_minutes: 60, teachers: [{ teacher_id: 't1', starts: [slotA.starts_at] }, { teacher_id: 't2', starts: [] }] }
    const calls = stubFetch((call) => {
      if (call.method === 'POST') {
        answer = { duration_minutes: 60, teachers: [{ teacher_id: 't1', starts: [] }, { teacher_id: 't2', starts: [] }] }
        return problem(409, 'slot_taken', 'Conflict')
      }
      return jsonResponse(200, answer)
    })
    const store = useBookingStore()
    await store.loadBatch(batchQuery)

    expect(calls[0]?.url).toBe(
      '/api/booking/slots/batch?teacher_id=t1&teacher_id=t2&from=2026-12-07T00%3A00%3A00%2B03%3A00&to=2026-12-14T00%3A00%3A00%2B03%3A00&duration_minutes=60',
    )
    expect(store.batch?.teachers[0]?.starts).toEqual([slotA.starts_at])

    await expect(store.book('t1', slotA, 60)).rejects.toMatchObject({ code: 'slot_taken' })

    expect(calls.filter((c) => c.url.startsWith('/api/booking/slots/batch'))).toHaveLength(2)
    expect(calls.some((c) => c.url.startsWith('/api/booking/slots?'))).toBe(false)
    expect(store.batch?.teachers[0]?.starts).toEqual([])
    expect(store.slotTakenNotice).toBe(true)
  })
})
