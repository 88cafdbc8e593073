import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import TimeOffFormDialog from '@/features/schedule/TimeOffFormDialog.vue'
import { setViewerTimeZone } from '@/utils/format'
import { createHarness, mountWithApp } from '../../helpers'

describe('TimeOffFormDialog', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setViewerTimeZone(null)
  })

  it("sends the picked days as midnight in the profile's zone", async () => {
    setViewerTimeZone('America/New_York')
    const wrapper = mountWithApp(TimeOffFormDialog, createHarness(), { props: { busy: false, error: null, visible: false } })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    document.querySelector<HTMLFormElement>('.p-dialog form')!.requestSubmit()
    await flushPromises()
    const [data] = (wrapper.emitted('submit')?.[0] ?? []) as [{ starts_at: string; ends_at: string }]
    expect(data.starts_at).toMatch(/T00:00:00-0[45]:00$/)
    expect(data.ends_at).toMatch(/T00:00:00-0[45]:00$/)
    expect(Date.parse(data.ends_at) - Date.parse(data.starts_at)).toBeGreaterThanOrEqual(23 * 3600_000)
  })
})
