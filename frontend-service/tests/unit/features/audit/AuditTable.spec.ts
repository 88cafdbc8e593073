import { afterEach, describe, expect, it } from 'vitest'
import type { AuditEntry } from '@/features/audit/api'
import AuditTable from '@/features/audit/AuditTable.vue'
import { createHarness, mountWithApp, problem, stubFetch } from '../../helpers'

const named: AuditEntry = {
  id: 'e1',
  at: '2026-12-05T10:00:00+00:00',
  actor: { id: 'admin-1', role: 'admin', name: 'Anna Admin' },
  action: 'package.frozen',
  target: { type: 'student', id: 's1', name: 'Maria Petrova' },
  summary: { until: '2026-12-20' },
  service: 'students-service',
}
const unnamed: AuditEntry = {
  ...named,
  id: 'e2',
  actor: { id: '3f0c2a9e-0000-4000-8000-000000000001', role: 'teacher', name: null },
  action: 'lesson.moved',
  target: { type: 'lesson', id: '9d1b7c55-0000-4000-8000-000000000002', name: null },
}

describe('AuditTable', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows names for actor and target, and filters by either on a click', async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const harness = createHarness()
    await harness.router.push('/login')
    const wrapper = mountWithApp(AuditTable, harness, {
      props: { entries: [named, unnamed], total: 2, page: 1, pageSize: 25, loading: false },
    })

    const actors = wrapper.findAll('[data-testid="audit-actor"]')
    const targets = wrapper.findAll('[data-testid="audit-target"]')
    expect(actors.map((button) => button.text())).toEqual(['Anna Admin', '3f0c2a9e…'])
    expect(targets.map((button) => button.text())).toEqual(['Maria Petrova', '9d1b7c55…'])
    expect(wrapper.text()).toContain('Абонемент заморожен')
    expect(wrapper.text()).toContain('Урок перенесён')
    expect(wrapper.text()).toContain('Ученик')

    await actors[0]!.trigger('click')
    await targets[0]!.trigger('click')
    expect(wrapper.emitted('actor')).toEqual([['admin-1']])
    expect(wrapper.emitted('target')).toEqual([['s1', 'Maria Petrova']])
  })
})
