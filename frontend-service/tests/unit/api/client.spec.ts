import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, CSRF_HEADER, readCookie, request, setUnauthorizedHandler } from '@/api'
import { clearCookies, jsonResponse, problem, setCookie, stubFetch } from '../helpers'

describe('api client', () => {
  beforeEach(() => {
    clearCookies()
    setCookie('studio_csrf', 'csrf-token-123')
  })
  afterEach(() => {
    setUnauthorizedHandler(undefined)
    clearCookies()
  })

  it('calls /api with the same-origin cookie session and query parameters', async () => {
    const calls = stubFetch(() => jsonResponse(200, [{ starts_at: 'a', ends_at: 'b' }]))
    const fetchMock = vi.mocked(fetch)

    const slots = await request('/booking/slots', { query: { teacher_id: 't1', from: '2026-12-01T00:00:00+03:00', skip: undefined } })

    expect(slots).toEqual([{ starts_at: 'a', ends_at: 'b' }])
    expect(calls[0]?.url).toBe('/api/booking/slots?teacher_id=t1&from=2026-12-01T00%3A00%3A00%2B03%3A00')
    expect(fetchMock.mock.calls[0]?.[1]?.credentials).toBe('same-origin')
  })

  it('sends a list as its key repeated, as the batched slots call reads teacher ids', async () => {
    const calls = stubFetch(() => jsonResponse(200, { duration_minutes: 60, teachers: [] }))

    await request('/booking/slots/batch', { query: { teacher_id: ['t1', 't2'], duration_minutes: 60 } })

    expect(calls[0]?.url).toBe('/api/booking/slots/batch?teacher_id=t1&teacher_id=t2&duration_minutes=60')
  })

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('sends the CSRF cookie as a header on %s', async (method) => {
    const calls = stubFetch(() => new Response(null, { status: 204 }))

    const result = await request('/teacher/availability', { method, body: { timezone: 'UTC', rules: [] } })

    expect(result).toBeUndefined()
    expect(calls[0]?.headers[CSRF_HEADER.toLowerCase()]).toBe('csrf-token-123')
    expect(calls[0]?.headers['content-type']).toBe('application/json')
    expect(calls[0]?.body).toEqual({ timezone: 'UTC', rules: [] })
  })

  it('does not send the CSRF token on GET', async () => {
    const calls = stubFetch(() => jsonResponse(200, {}))

    await request('/me')

    expect(calls[0]?.headers[CSRF_HEADER.toLowerCase()]).toBeUndefined()
  })

  it('reads the token at call time, so a rotated cookie is used', async () => {
    const calls = stubFetch(() => jsonResponse(201, {}))
    setCookie('studio_csrf', 'rotated')

    await request('/booking', { method: 'POST', body: {}, idempotencyKey: 'key-1' })

    expect(calls[0]?.headers['x-csrf-token']).toBe('rotated')
    expect(calls[0]?.headers['idempotency-key']).toBe('key-1')
  })

  it('parses application/problem+json into a typed ApiError', async () => {
    stubFetch(() => problem(409, 'slot_taken', 'Slot taken', 'The slot was booked by someone else'))

    const error = await request('/booking', { method: 'POST', body: {} }).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      status: 409,
      code: 'slot_taken',
      title: 'Slot taken',
      detail: 'The slot was booked by someone else',
      message: 'The slot was booked by someone else',
    })
  })

  it('falls back to the HTTP status when the error body is not JSON', async () => {
    stubFetch(() => new Response('<html>bad gateway</html>', { status: 502, statusText: 'Bad Gateway', headers: { 'Content-Type': 'text/html' } }))

    const error = await request('/student/dashboard').catch((e: unknown) => e)

    expect(error).toMatchObject({ status: 502, code: 'http_502', title: 'Bad Gateway', detail: undefined })
  })

  it('turns a network failure into status 0 network_error', async () => {
    vi.stubGlobal('fetch', vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))))

    const error = await request('/me').catch((e: unknown) => e)

    expect(error).toMatchObject({ status: 0, code: 'network_error' })
  })

  it('reports a 401 from a data endpoint but not from the login endpoints', async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const onUnauthorized = vi.fn()
    setUnauthorizedHandler(onUnauthorized)

    await request('/auth/login', { method: 'POST', body: {} }).catch(() => undefined)
    expect(onUnauthorized).not.toHaveBeenCalled()

    await request('/student/ledger').catch(() => undefined)
    expect(onUnauthorized).toHaveBeenCalledWith('/student/ledger')
  })

  it('reads a cookie among several, decoding its value', () => {
    setCookie('other', 'x')
    setCookie('studio_csrf', 'a b+c')
    expect(readCookie('studio_csrf')).toBe('a b+c')
    expect(readCookie('missing')).toBeUndefined()
  })
})
