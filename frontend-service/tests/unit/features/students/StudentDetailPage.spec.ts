import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import StudentDetailPage from '@/features/students/StudentDetailPage.vue'
import { studentDetail } from '../../fixtures'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

describe('StudentDetailPage (the admin looking at a student)', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it("speaks about the student, not in the student's own words", async () => {
    // The documents card asks for lists of its own: none yet (not the student record again).
    stubFetch((call) =>
      /\/(documents|grants)/.test(call.url) ? jsonResponse(200, []) : jsonResponse(200, { ...studentDetail, packages: [], groups: [] }),
    )
    const wrapper = mountWithApp(StudentDetailPage, createHarness(), { props: { id: studentDetail.id } })
    await flushPromises()
    const headings = wrapper.findAll('h2').map((heading) => heading.text())
    expect(headings).toEqual(expect.arrayContaining(['Абонементы ученика', 'Группы ученика', 'Занятия ученика']))
    expect(wrapper.text()).not.toMatch(/Мои занятия|Мои группы|Вы не состоите/)
    expect(wrapper.text()).toContain('Ученик не состоит в группах')
  })
})
