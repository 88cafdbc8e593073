import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { useLeadsStore } from '@/features/leads/store'
import { lead, leadPage } from '../../fixtures'
import { jsonResponse, problem, stubFetch } from '../../helpers'

describe('leads store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('groups leads into funnel columns', async () => {
    const calls = stubFetch(() => jsonResponse(200, leadPage([lead('1', 'new'), lead('2', 'contacted'), lead('3', 'new')])))
    const store = useLeadsStore()
    await store.load()

    expect(calls[0]?.url).toBe('/api/admin/leads?size=100')
    expect(store.columns.map((c) => [c.status, c.leads.length])).toEqual([
      ['new', 2],
      ['contacted', 1],
      ['trial_scheduled', 0],
      ['trial_done', 0],
      ['follow_up', 0],
      ['won', 0],
      ['lost', 0],
    ])
  })

  it('moves a lead with PATCH {status}', async () => {
    const calls = stubFetch((call) => (call.method === 'PATCH' ? jsonResponse(200, lead('1', 'contacted')) : jsonResponse(200, leadPage([lead('1', 'new')]))))
    const store = useLeadsStore()
    await store.load()

    await store.move(store.leads![0]!, 'contacted')

    expect(calls[1]).toMatchObject({ method: 'PATCH', url: '/api/admin/leads/1', body: { status: 'contacted' } })
    expect(store.leads![0]!.status).toBe('contacted')
  })

  it('puts the card back when the server refuses the move', async () => {
    stubFetch((call) => (call.method === 'PATCH' ? problem(409, 'invalid_transition') : jsonResponse(200, leadPage([lead('1', 'new')]))))
    const store = useLeadsStore()
    await store.load()

    await expect(store.move(store.leads![0]!, 'won')).rejects.toMatchObject({ status: 409 })

    expect(store.leads![0]!.status).toBe('new')
    expect(store.updating).toBeNull()
  })
})
