import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import JournalPage from '@/features/journal/JournalPage.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const HOUR = 3_600_000

function lessonIn(hours: number) {
  const start = new Date(Date.now() + hours * HOUR)
  return {
    id: 'l-1',
    kind: 'group',
    status: 'scheduled',
    starts_at: start.toISOString(),
    ends_at: new Date(start.getTime() + HOUR).toISOString(),
    duration_minutes: 60,
    teacher_id: 't-1',
    late_cancel: false,
    price_minor: 90000,
    currency: 'RUB',
    roster: [{ student_id: 's-1', first_name: 'Ada', last_name: 'Lovelace', attendance: 'present', price_minor: 90000 }],
  }
}

async function open(hours: number) {
  stubFetch(() => jsonResponse(200, lessonIn(hours)))
  const wrapper = mountWithApp(JournalPage, createHarness(), { props: { id: 'l-1' } })
  await flushPromises()
  const complete = wrapper.findAll('button').find((button) => button.text().includes('Завершить занятие'))
  return { wrapper, complete }
}

describe('JournalPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('refuses up front to complete a lesson that has not started, and says when it can', async () => {
    const { wrapper, complete } = await open(5)
    expect(complete?.attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="not-started"]').text()).toContain('Завершить занятие можно после его начала')
  })

  it('lets the teacher complete a lesson that has started', async () => {
    const { wrapper, complete } = await open(-0.5)
    expect(complete?.attributes('disabled')).toBeUndefined()
    expect(wrapper.find('[data-testid="not-started"]').exists()).toBe(false)
  })
})
