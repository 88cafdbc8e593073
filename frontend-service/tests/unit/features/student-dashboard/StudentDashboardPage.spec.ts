import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import StudentDashboardPage from '@/features/student-dashboard/StudentDashboardPage.vue'
import { studentDashboard, teacherCard } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS } from '../../helpers'

const dashboard = studentDashboard

async function mountWith(response: () => Response) {
  stubFetch((call) =>
    call.url === '/api/me'
      ? jsonResponse(200, USERS.student)
      : call.url === '/api/teachers'
        ? jsonResponse(200, [teacherCard])
        : response(),
  )
  const wrapper = mountWithApp(StudentDashboardPage, createHarness())
  await flushPromises()
  return wrapper
}

describe('StudentDashboardPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows balance, package use and the next lesson', async () => {
    const wrapper = await mountWith(() => jsonResponse(200, dashboard))

    expect(wrapper.get('h1').text()).toBe('Здравствуйте, Анна!')
    expect(wrapper.get('[data-testid="balance"]').text().replace(/\s/g, ' ')).toBe('-1 200,00 ₽')
    expect(wrapper.get('[data-testid="balance"]').classes()).toContain('text-danger')
    expect(wrapper.text()).toContain('Занятий использовано: 3 из 8')
    expect(wrapper.get('[data-testid="next-lessons"]').text()).toContain('John Smith')
    expect(wrapper.text()).toContain('Вы не состоите в группах')
  })

  it('says which parts are missing when the BFF degrades', async () => {
    const wrapper = await mountWith(() => jsonResponse(200, { ...dashboard, degraded: ['groups'] }))
    expect(wrapper.text()).toContain('Часть данных сейчас недоступна: groups')
  })

  it('shows an error with a retry when the BFF fails', async () => {
    const wrapper = await mountWith(() => problem(503, 'upstream_unavailable'))
    expect(wrapper.get('[role="alert"]').text()).toContain('Сервер временно недоступен')
    expect(wrapper.text()).toContain('Повторить')
  })
})
