import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStudentsStore } from '@/features/students/store'
import { studentDetail } from '../../fixtures'
import { jsonResponse, problem, stubFetch } from '../../helpers'

const detail = studentDetail

describe('admin students store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('searches from page 1 with the page size', async () => {
    const calls = stubFetch(() => jsonResponse(200, { items: [], total: 0, page: 1, size: 20 }))
    const store = useStudentsStore()
    await store.goToPage(3)

    await store.search('  иван ')

    expect(calls.at(-1)?.url).toBe(`/api/admin/students?search=${encodeURIComponent('иван')}&page=1&size=20`)
  })

  it('records a payment once: a retry after a 5xx reuses the Idempotency-Key', async () => {
    let attempts = 0
    const calls = stubFetch((call) => {
      if (call.method !== 'POST') return jsonResponse(200, detail)
      attempts += 1
      return attempts === 1 ? problem(502, 'upstream_unavailable') : jsonResponse(201, {})
    })
    const store = useStudentsStore()
    const payment = { amount_minor: 500000, method: 'card' as const }

    await expect(store.recordPayment('s1', payment)).rejects.toMatchObject({ status: 502 })
    await store.recordPayment('s1', payment)

    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts.map((p) => p.url)).toEqual(['/api/admin/students/s1/payments', '/api/admin/students/s1/payments'])
    expect(posts[0]?.body).toEqual({ amount_minor: 500000, method: 'card' })
    expect(posts[0]?.headers['idempotency-key']).toBeTruthy()
    expect(posts[0]?.headers['idempotency-key']).toBe(posts[1]?.headers['idempotency-key'])
    expect(store.student?.id).toBe('s1')
  })

  it('a different amount is a different payment with a new key', async () => {
    const calls = stubFetch((call) => (call.method === 'POST' ? problem(502, 'x') : jsonResponse(200, detail)))
    const store = useStudentsStore()

    await store.recordPayment('s1', { amount_minor: 100, method: 'cash' }).catch(() => undefined)
    await store.recordPayment('s1', { amount_minor: 200, method: 'cash' }).catch(() => undefined)

    const keys = calls.filter((c) => c.method === 'POST').map((c) => c.headers['idempotency-key'])
    expect(keys[0]).not.toBe(keys[1])
  })
})
