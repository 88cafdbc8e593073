import { afterEach, describe, expect, it } from 'vitest'
import LessonsTable from '@/features/lessons/LessonsTable.vue'
import { createHarness, mountWithApp, problem, stubFetch } from '../../helpers'
import { studentLesson } from '../../fixtures'

describe('LessonsTable', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it("links a student's completed past lessons to the feedback form, and only those", async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const harness = createHarness()
    await harness.router.push('/login')
    const lessons = [
      studentLesson(-48, { id: 'done', status: 'completed' }),
      studentLesson(-24, { id: 'gone', status: 'cancelled' }),
    ]
    const wrapper = mountWithApp(LessonsTable, harness, { props: { lessons, rateable: true } })

    const links = wrapper.findAll('[data-testid="rate-lesson"]')
    expect(links.map((a) => a.attributes('href'))).toEqual(['/lessons/done?feedback=1'])
    expect(links[0]!.text()).toBe('Оценить')
    expect(links[0]!.attributes('aria-label')).toMatch(/^Оценить занятие /)
  })

  it('shows no rating links unless asked (the admin card reuses the table)', async () => {
    stubFetch(() => problem(401, 'not_authenticated'))
    const harness = createHarness()
    await harness.router.push('/login')
    const wrapper = mountWithApp(LessonsTable, harness, {
      props: { lessons: [studentLesson(-48, { status: 'completed' })] },
    })
    expect(wrapper.find('[data-testid="rate-lesson"]').exists()).toBe(false)
  })
})
