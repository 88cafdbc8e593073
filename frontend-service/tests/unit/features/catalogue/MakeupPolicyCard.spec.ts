import { flushPromises } from '@vue/test-utils'
import SelectButton from 'primevue/selectbutton'
import { afterEach, describe, expect, it } from 'vitest'
import MakeupPolicyCard from '@/features/catalogue/MakeupPolicyCard.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

describe('MakeupPolicyCard (the admin sets what an excused absence gives back)', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('loads the policy and saves the chosen mode with the notice hours', async () => {
    const calls = stubFetch((call) => {
      if (call.url === '/api/admin/makeup-policy') return jsonResponse(200, call.body)
      if (call.url === '/api/makeup-policy') return jsonResponse(200, { mode: 'return_to_package', notice_hours: 6 })
      return jsonResponse(404, {})
    })
    const wrapper = mountWithApp(MakeupPolicyCard, createHarness())
    await flushPromises()
    expect((document.querySelector('#makeup-notice') as HTMLInputElement).value).toBe('6')

    wrapper.findComponent(SelectButton).vm.$emit('update:modelValue', 'makeup_credit')
    await flushPromises()
    expect(document.querySelector('[data-testid="makeup-policy"]')?.textContent).toContain('взамен даётся отработка')
    ;(document.querySelector('[data-testid="makeup-policy-save"]') as HTMLButtonElement).click()
    await flushPromises()

    const put = calls.find((call) => call.method === 'PUT')
    expect(put?.url).toBe('/api/admin/makeup-policy')
    expect(put?.body).toEqual({ mode: 'makeup_credit', notice_hours: 6 })
  })
})
