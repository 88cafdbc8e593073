import { describe, expect, it } from 'vitest'
import { funnelPoints } from '@/features/admin-dashboard/funnel'

describe('funnelPoints', () => {
  it('puts every stage in funnel order, zero for the stages nobody is in', () => {
    expect(funnelPoints({ lost: 1, new: 4, won: 2 })).toEqual([
      { status: 'new', count: 4 },
      { status: 'contacted', count: 0 },
      { status: 'trial_scheduled', count: 0 },
      { status: 'trial_done', count: 0 },
      { status: 'follow_up', count: 0 },
      { status: 'won', count: 2 },
      { status: 'lost', count: 1 },
    ])
  })

  it('is empty when there are no leads, so the chart can say so', () => {
    expect(funnelPoints({})).toEqual([])
    expect(funnelPoints(undefined)).toEqual([])
  })

  it('ignores statuses the funnel does not know', () => {
    expect(funnelPoints({ spam: 3 })).toEqual([])
  })
})
