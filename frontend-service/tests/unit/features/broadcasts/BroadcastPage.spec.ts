import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import Select from 'primevue/select'
import BroadcastPage from '@/features/broadcasts/BroadcastPage.vue'
import { checkDraft, emptyDraft, toRequest } from '@/features/broadcasts/form'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type RecordedCall } from '../../helpers'
import { group } from '../../fixtures'

const accepted = {
  id: 'b-1',
  audience: 'all_students',
  group_id: null,
  subject: 'Holidays',
  body: 'Closed on Jan 1',
  status: 'queued',
  recipient_count: null,
  created_at: '2026-12-01T10:00:00+00:00',
  processed_at: null,
}

async function mountPage(handler: (call: RecordedCall) => Response) {
  const calls = stubFetch((call) => (call.url === '/api/me' ? jsonResponse(200, USERS.admin) : handler(call)))
  const harness = createHarness()
  await harness.router.push('/admin/broadcasts')
  const wrapper = mountWithApp(BroadcastPage, harness)
  await flushPromises()
  return { wrapper, calls }
}

const groups = (call: RecordedCall) =>
  call.url.startsWith('/api/admin/groups')
    ? jsonResponse(200, { items: [group('g-1', { name: 'B1 evenings' }), group('g-2', { name: 'Old', status: 'archived' })], total: 2, page: 1, size: 100 })
    : null

describe('broadcast form rules', () => {
  it('needs a subject, a body, and a group when sending to a group', () => {
    expect(checkDraft(emptyDraft())).toEqual({ subject: 'required', body: 'required' })
    expect(checkDraft({ audience: 'group', groupId: null, subject: 'S', body: 'B' })).toEqual({ groupId: 'required' })
    expect(checkDraft({ audience: 'all_students', groupId: null, subject: 'x'.repeat(201), body: 'B' })).toEqual({
      subject: 'tooLong',
    })
  })

  it('sends group_id only with the group audience', () => {
    expect(toRequest({ audience: 'all_students', groupId: 'g-1', subject: ' S ', body: ' B ' })).toEqual({
      audience: 'all_students',
      subject: 'S',
      body: 'B',
    })
    expect(toRequest({ audience: 'group', groupId: 'g-1', subject: 'S', body: 'B' })).toEqual({
      audience: 'group',
      group_id: 'g-1',
      subject: 'S',
      body: 'B',
    })
  })
})

describe('BroadcastPage', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends to all students and confirms the broadcast is queued', async () => {
    const { wrapper, calls } = await mountPage((call) => groups(call) ?? jsonResponse(202, accepted))

    expect(wrapper.get('label[for="broadcast-subject"]').text()).toBe('Тема')
    await wrapper.get('#broadcast-subject').setValue('Holidays')
    await wrapper.get('#broadcast-body').setValue('Closed on Jan 1')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(calls.at(-1)).toMatchObject({
      method: 'POST',
      url: '/api/admin/broadcasts',
      body: { audience: 'all_students', subject: 'Holidays', body: 'Closed on Jan 1' },
    })
    expect(wrapper.get('[data-testid="broadcast-sent"]').text()).toContain('Рассылка поставлена в очередь: Всем ученикам')
    expect((wrapper.get('#broadcast-subject').element as HTMLInputElement).value).toBe('')
  })

  it('sends to one group picked from the groups list (archived ones left out)', async () => {
    const { wrapper, calls } = await mountPage((call) => groups(call) ?? jsonResponse(202, { ...accepted, audience: 'group', group_id: 'g-1', recipient_count: 7 }))

    await wrapper.get('#broadcast-group').setValue(true)
    await flushPromises()
    expect(wrapper.get('#broadcast-group-select-label').text()).toBe('Группа')

    // Without a group the form is not sent.
    await wrapper.get('#broadcast-subject').setValue('Room change')
    await wrapper.get('#broadcast-body').setValue('We meet in room 2')
    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(wrapper.text()).toContain('Выберите группу')
    expect(calls.filter((c) => c.url === '/api/admin/broadcasts')).toHaveLength(0)

    await wrapper.get('#broadcast-group-select').trigger('click')
    await flushPromises()
    const options = Array.from(document.querySelectorAll('[role="option"]')).map((o) => o.textContent?.trim())
    expect(options).toEqual(['B1 evenings'])
    wrapper.findComponent(Select).vm.$emit('update:modelValue', 'g-1')
    await flushPromises()

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(calls.at(-1)?.body).toEqual({ audience: 'group', group_id: 'g-1', subject: 'Room change', body: 'We meet in room 2' })
    const sent = wrapper.get('[data-testid="broadcast-sent"]').text()
    expect(sent).toContain('группе «B1 evenings»')
    expect(sent).toContain('Получателей: 7.')
  })

  it('shows a server error and keeps what was typed', async () => {
    const { wrapper } = await mountPage((call) => groups(call) ?? problem(503, 'service_unavailable'))
    await wrapper.get('#broadcast-subject').setValue('Holidays')
    await wrapper.get('#broadcast-body').setValue('Closed')
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('[data-testid="broadcast-error"]').text()).toContain('Сервер временно недоступен')
    expect((wrapper.get('#broadcast-subject').element as HTMLInputElement).value).toBe('Holidays')
  })

  it('shows an empty and an error state for the groups list, with a retry', async () => {
    let fail = true
    const { wrapper } = await mountPage(() =>
      fail ? problem(503, 'service_unavailable') : jsonResponse(200, { items: [], total: 0, page: 1, size: 100 }),
    )
    await wrapper.get('#broadcast-group').setValue(true)
    await flushPromises()
    expect(wrapper.get('[data-testid="groups-error"]').text()).toContain('Сервер временно недоступен')

    fail = false
    await wrapper.get('[data-testid="groups-error"] button').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="groups-empty"]').text()).toBe('Групп пока нет.')
  })
})
