import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { AuditEntry, AuditPage } from '@/features/audit/api'
import { emptyFilters, useAuditStore } from '@/features/audit/store'
import { jsonResponse, problem, stubFetch } from '../../helpers'

const entry: AuditEntry = {
  id: 'e1',
  at: '2026-12-05T10:00:00+00:00',
  actor: { id: 'admin-1', role: 'admin' },
  action: 'payment.recorded',
  target: { type: 'student', id: 's1' },
  summary: { amount_minor: 350000 },
  service: 'students-service',
}
const page = (items: AuditEntry[]): AuditPage => ({ items, total: items.length, page: 1, size: 25 })

describe('audit store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('asks for the newest page without filters', async () => {
    const calls = stubFetch(() => jsonResponse(200, page([entry])))
    const store = useAuditStore()
    await store.load()

    expect(calls[0]?.url).toBe('/api/admin/audit?page=1&size=25')
    expect(store.page?.items[0]?.actor).toEqual({ id: 'admin-1', role: 'admin' })
  })

  it('sends the filters, with the picked end day included, and starts again at page 1', async () => {
    const calls = stubFetch(() => jsonResponse(200, page([entry])))
    const store = useAuditStore()
    await store.goToPage(3)
    const from = new Date(2026, 11, 1)
    const to = new Date(2026, 11, 5)

    await store.setFilters({ ...emptyFilters(), from, to, actorId: ' admin-1 ', targetId: 's1', action: 'payment.recorded' })

    const url = new URL(calls[1]!.url, 'http://x')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      from: from.toISOString(),
      to: new Date(2026, 11, 6).toISOString(),
      actor_id: 'admin-1',
      target_id: 's1',
      action: 'payment.recorded',
      page: '1',
      size: '25',
    })
  })

  it('keeps the error for the screen when the log cannot be read', async () => {
    stubFetch(() => problem(503, 'upstream_unavailable'))
    const store = useAuditStore()
    await store.load()

    expect(store.error).toMatchObject({ status: 503 })
    expect(store.page).toBeNull()
  })
})
