import { afterEach, describe, expect, it } from 'vitest'
import TeachersTable from '@/features/booking/TeachersTable.vue'
import { createHarness, mountWithApp } from '../../helpers'

const base = { last_name: 'K', bio: null }

describe('TeachersTable (the student choosing a teacher)', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('labels the levels only where there are levels: no aria-label on an empty, role-less element', () => {
    const teachers = [
      { ...base, id: 't1', first_name: 'Olga', levels: ['A2', 'B1'] },
      { ...base, id: 't2', first_name: 'Ivan', levels: [] },
    ]
    const wrapper = mountWithApp(TeachersTable, createHarness(), { props: { teachers } })
    const cards = wrapper.findAll('li.card')
    expect(cards).toHaveLength(2)
    const labelled = cards[0]!.find('[aria-label="Уровни"]')
    expect(labelled.attributes('role')).toBe('group')
    expect(labelled.text()).toContain('B1')
    expect(cards[1]!.find('[aria-label="Уровни"]').exists()).toBe(false)
    expect(wrapper.findAll('div[aria-label]:not([role])')).toHaveLength(0)
  })
})
