import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import ConfirmDialog from 'primevue/confirmdialog'
import MultiSelect from 'primevue/multiselect'
import TeachersPage from '@/features/teachers/TeachersPage.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch, type RecordedCall } from '../../helpers'

const tanya = {
  id: '11111111-1111-4111-8111-111111111111',
  first_name: 'Tanya',
  last_name: 'Teacher',
  email: 'tanya@example.com',
  phone: null,
  bio: null,
  levels: ['B1'],
  specialisations: [],
  timezone: 'Europe/Moscow',
  photo_url: null,
  rating: { average: null, count: 0 },
  status: 'active',
  invitation: { status: 'pending', sent_at: '2026-12-01T09:00:00+00:00', expires_at: '2026-12-08T09:00:00+00:00' },
}
const page = (items: unknown[]) => ({ items, total: items.length, page: 1, size: 100 })

function button(label: string): HTMLButtonElement {
  const found = [...document.querySelectorAll('button')].find((item) => item.textContent?.trim() === label)
  if (!found) throw new Error(`no button ${label}`)
  return found as HTMLButtonElement
}

// The confirmation dialog lives in App.vue; mounted beside the page here.
const WithConfirm = defineComponent({ render: () => [h(TeachersPage), h(ConfirmDialog)] })

// Whole-page mounts with PrimeVue dialogs: slow on a busy machine.
describe('TeachersPage (teachers as records)', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows whether the invitation was accepted and resends it', async () => {
    const calls = stubFetch((call: RecordedCall) => {
      if (call.method === 'POST' && call.url.endsWith('/invitation')) {
        return jsonResponse(200, { ...tanya, invitation: { ...tanya.invitation, sent_at: '2026-12-05T09:00:00+00:00' } })
      }
      return jsonResponse(200, page([tanya, { ...tanya, id: '2', email: 'b@example.com', invitation: { status: 'accepted' } }]))
    })
    const wrapper = mountWithApp(TeachersPage, createHarness())
    await flushPromises()
    const states = wrapper.findAll('[data-testid="teacher-invitation"]').map((cell) => cell.text())
    expect(states[0]).toContain('Ожидает ответа')
    expect(states[1]).toContain('Принято')
    // Only the one who has not accepted gets a resend button.
    expect(wrapper.findAll('button').filter((item) => item.text() === 'Отправить приглашение снова')).toHaveLength(1)

    button('Отправить приглашение снова').click()
    await flushPromises()
    expect(calls.some((call) => call.method === 'POST' && call.url.endsWith(`/admin/teachers/${tanya.id}/invitation`))).toBe(true)
  })

  it('a too-long name marks the name field with its own message', async () => {
    stubFetch((call: RecordedCall) => {
      if (call.method === 'PATCH') {
        return jsonResponse(
          422,
          {
            status: 422,
            code: 'validation_error',
            title: 'Invalid request',
            errors: [{ loc: ['body', 'first_name'], msg: 'String should have at most 100 characters', type: 'string_too_long' }],
          },
          'application/problem+json',
        )
      }
      return jsonResponse(200, page([tanya]))
    })
    const wrapper = mountWithApp(TeachersPage, createHarness())
    await flushPromises()
    button('Изменить').click()
    await flushPromises()
    const first = document.querySelector<HTMLInputElement>('#edit-teacher-first')!
    first.value = 'x'.repeat(150)
    first.dispatchEvent(new Event('input'))
    document.querySelector<HTMLFormElement>('[data-testid="teacher-edit-form"]')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    expect(document.querySelector('#edit-teacher-first-error')?.textContent).toBe('Слишком длинно: сократите текст')
    expect(first.getAttribute('aria-invalid')).toBe('true')
    expect(document.body.textContent).toContain('Исправьте отмеченные поля')
    expect(wrapper.exists()).toBe(true)
  })

  it('deactivating asks first and then sends status inactive', async () => {
    const calls = stubFetch((call: RecordedCall) =>
      call.method === 'PATCH' ? jsonResponse(200, { ...tanya, status: 'inactive' }) : jsonResponse(200, page([tanya])),
    )
    mountWithApp(WithConfirm, createHarness())
    await flushPromises()
    button('Отключить').click()
    await flushPromises()
    expect(calls.filter((call) => call.method === 'PATCH')).toHaveLength(0)
    const accept = [...document.querySelectorAll('[role="alertdialog"] button, .p-dialog button')].find((item) => item.textContent?.trim() === 'Отключить')
    ;(accept as HTMLButtonElement).click()
    await flushPromises()
    const patch = calls.find((call) => call.method === 'PATCH')
    expect(patch?.body).toEqual({ status: 'inactive' })
    expect(button('Вернуть')).toBeTruthy()
  })

  it('creating a teacher does not send the admin browser zone (the studio zone applies)', async () => {
    const calls = stubFetch((call: RecordedCall) => (call.method === 'POST' ? jsonResponse(201, tanya) : jsonResponse(200, page([]))))
    const wrapper = mountWithApp(TeachersPage, createHarness())
    await flushPromises()
    button('Новый преподаватель').click()
    await flushPromises()
    const type = (selector: string, value: string) => {
      const input = document.querySelector<HTMLInputElement>(selector)!
      input.value = value
      input.dispatchEvent(new Event('input'))
    }
    type('#teacher-first', 'Tanya')
    type('#teacher-last', 'Teacher')
    type('#teacher-email', 'tanya@example.com')
    wrapper.findComponent(MultiSelect).vm.$emit('update:modelValue', ['B1'])
    await flushPromises()
    document.querySelector<HTMLFormElement>('.p-dialog form')!.dispatchEvent(new Event('submit'))
    await flushPromises()
    const [post] = calls.filter((call) => call.method === 'POST')
    expect(post?.body).toMatchObject({ first_name: 'Tanya', email: 'tanya@example.com', levels: ['B1'] })
    expect(post?.body).not.toHaveProperty('timezone')
  })
})
