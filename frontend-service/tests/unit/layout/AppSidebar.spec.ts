import { afterEach, describe, expect, it } from 'vitest'
import AppSidebar from '@/layout/AppSidebar.vue'
import { useSessionStore } from '@/stores/session'
import { createHarness, jsonResponse, mountWithApp, stubFetch, USERS } from '../helpers'

async function sidebarFor(user: (typeof USERS)[keyof typeof USERS]) {
  stubFetch(() => jsonResponse(200, user))
  const harness = createHarness()
  await useSessionStore().ensureLoaded()
  const wrapper = mountWithApp(AppSidebar, harness)
  // Installing the router starts a navigation to "/" that lazy-loads the role's dashboard; let it
  // finish here, or it can still be loading when the file's environment is torn down.
  await harness.router.isReady()
  return wrapper.findAll('a').map((a) => [a.text(), a.attributes('href')])
}

describe('AppSidebar', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a student only the study screens', async () => {
    expect(await sidebarFor(USERS.student)).toEqual([
      ['Главная', '/student'],
      ['Преподаватели', '/student/teachers'],
      ['Мои занятия', '/student/lessons'],
      ['Баланс и оплаты', '/student/ledger'],
      ['Купить абонемент', '/student/packages'],
      ['Места в группах', '/student/offers'],
    ])
  })

  it('shows a teacher the schedule, availability and payroll', async () => {
    const links = await sidebarFor(USERS.teacher)
    expect(links.map(([, href]) => href)).toEqual(['/teacher', '/teacher/schedule', '/teacher/availability', '/teacher/payroll'])
  })

  it('shows an admin the studio screens and no student or teacher screens', async () => {
    const hrefs = (await sidebarFor(USERS.admin)).map(([, href]) => href)
    expect(hrefs).toEqual([
      '/admin',
      '/admin/calendar',
      '/admin/closed-days',
      '/admin/students',
      '/admin/teachers',
      '/admin/groups',
      '/admin/prices',
      '/admin/package-templates',
      '/admin/debts',
      '/admin/payroll',
      '/admin/exports',
      '/admin/leads',
      '/admin/broadcasts',
      '/admin/notifications',
      '/admin/audit',
    ])
  })
})
