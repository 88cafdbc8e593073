import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import type { AdminTeacher } from '@/api'
import GroupFormDialog from '@/features/groups/GroupFormDialog.vue'
import { browserTimeZone, setViewerTimeZone } from '@/utils/format'
import { createHarness, mountWithApp } from '../../helpers'

const PROFILE_ZONE = 'Asia/Vladivostok'
const teacher = { id: 't1', first_name: 'Olga', last_name: 'K', status: 'active' } as AdminTeacher

describe("a new group's weekly time is kept in the admin's saved zone", { timeout: 30_000 }, () => {
  afterEach(() => {
    setViewerTimeZone(null)
    document.body.innerHTML = ''
  })

  it("sends the profile's zone, never the browser's, and names it", async () => {
    expect(browserTimeZone()).not.toBe(PROFILE_ZONE)
    setViewerTimeZone(PROFILE_ZONE)
    const wrapper = mountWithApp(GroupFormDialog, createHarness(), {
      props: { visible: false, busy: false, error: null, teachers: [teacher] },
    })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    const name = document.querySelector('#group-name') as HTMLInputElement
    name.value = 'B1 вечер'
    name.dispatchEvent(new Event('input'))
    const [level, teacherSelect] = wrapper.findAllComponents({ name: 'Select' })
    level!.vm.$emit('update:modelValue', 'B1')
    teacherSelect!.vm.$emit('update:modelValue', 't1')
    const [, price] = wrapper.findAllComponents({ name: 'InputNumber' })
    price!.vm.$emit('update:modelValue', 1500)
    await flushPromises()
    document.querySelector<HTMLFormElement>('[data-testid="group-form"]')!.requestSubmit()
    await flushPromises()

    const [[sent]] = wrapper.emitted('submit') as unknown as [[{ schedule: { timezone: string; slots: unknown[] }; price_per_lesson_minor: number }]]
    expect(sent.schedule.timezone).toBe(PROFILE_ZONE)
    expect(sent.schedule.slots).toEqual([{ weekday: 0, start_time: '18:00', duration_minutes: 60 }])
    expect(sent.price_per_lesson_minor).toBe(150000)
    expect(document.querySelector('[data-testid="group-zone"]')?.textContent).toContain(PROFILE_ZONE)
  })
})
