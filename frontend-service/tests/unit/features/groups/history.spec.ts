import { describe, expect, it } from 'vitest'
import type { Membership } from '@/api'
import { historyEvents } from '@/features/groups/history'

const stay = (extra: Partial<Membership>): Membership => ({
  group_id: 'g1',
  student_id: 's1',
  joined_at: '2026-09-01T10:00:00Z',
  left_at: null,
  reason: null,
  moved_to_group_id: null,
  moved_from_group_id: null,
  ...extra,
})

describe('historyEvents', () => {
  it('reads a plain join and a leave', () => {
    expect(historyEvents([stay({ left_at: '2026-10-01T10:00:00Z' })])).toEqual([
      { studentId: 's1', action: 'left', at: '2026-10-01T10:00:00Z', otherGroupId: null },
      { studentId: 's1', action: 'joined', at: '2026-09-01T10:00:00Z', otherGroupId: null },
    ])
  })

  it('names the other group of a move on both sides, newest first', () => {
    const events = historyEvents([
      stay({ student_id: 's1', left_at: '2026-11-02T09:00:00Z', moved_to_group_id: 'g2' }),
      stay({ student_id: 's2', joined_at: '2026-11-01T09:00:00Z', moved_from_group_id: 'g3' }),
    ])
    expect(events.map((event) => [event.studentId, event.action, event.otherGroupId])).toEqual([
      ['s1', 'moved_out', 'g2'],
      ['s2', 'moved_in', 'g3'],
      ['s1', 'joined', null],
    ])
  })
})
