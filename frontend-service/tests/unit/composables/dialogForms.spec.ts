import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref, type Component } from 'vue'
import { ApiError, http } from '@/api'
import TemplateFormDialog from '@/features/catalogue/TemplateFormDialog.vue'
import ClosedDaysPage from '@/features/closed-days/ClosedDaysPage.vue'
import BookLessonDialog from '@/features/frontdesk/BookLessonDialog.vue'
import GroupFormDialog from '@/features/groups/GroupFormDialog.vue'
import LeadFormDialog from '@/features/leads/LeadFormDialog.vue'
import LedgerCorrectionDialog from '@/features/student-money/LedgerCorrectionDialog.vue'
import { useSessionStore } from '@/stores/session'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type Harness } from '../helpers'

const tooLong = (...path: string[]) =>
  new ApiError({ status: 422, code: 'validation_error', title: 'x', fields: [{ path, type: 'string_too_long' }] })
const TOO_LONG = 'Слишком длинно: сократите текст'

function fieldError(name: string): string | undefined {
  return document.querySelector(`[data-field-error="${name}"]`)?.textContent?.trim()
}

function type(selector: string, value: string) {
  const input = document.querySelector(selector) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
}

function submit(testId: string) {
  document.querySelector<HTMLFormElement>(`[data-testid="${testId}"]`)!.requestSubmit()
}

// The server's answer to a write, as `fetch` gives it: a 422 naming the field.
function refusal(...path: string[]) {
  return jsonResponse(
    422,
    { type: 'about:blank', status: 422, title: 'x', code: 'validation_error', errors: [{ loc: ['body', ...path], type: 'string_too_long', msg: 'x' }] },
    'application/problem+json',
  )
}

describe('the remaining create and edit dialogs mark the field the server refused', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('group: a too-long name marks the name, and a bad weekly time marks the time (dialog prop)', async () => {
    const wrapper = mountWithApp(GroupFormDialog, createHarness(), { props: { visible: false, busy: false, error: null, teachers: [] } })
    await wrapper.setProps({ visible: true })
    await wrapper.setProps({ error: tooLong('schedule', 'slots', '0', 'start_time') })
    await flushPromises()
    expect(fieldError('start_time')).toBe(TOO_LONG)
    expect(document.querySelector('#group-time')?.getAttribute('aria-invalid')).toBe('true')
    expect(document.querySelector('[role="alert"]')?.textContent).toContain('Исправьте отмеченные поля')
  })

  it('package template: a too-long name marks the name', async () => {
    const wrapper = mountWithApp(TemplateFormDialog, createHarness(), {
      props: { visible: false, busy: false, error: null, template: null, currency: 'RUB' },
    })
    await wrapper.setProps({ visible: true })
    await wrapper.setProps({ error: tooLong('name') })
    await flushPromises()
    expect(fieldError('name')).toBe(TOO_LONG)
    expect(document.querySelector('#template-name')?.getAttribute('aria-invalid')).toBe('true')
  })

  it('lead: the server refusing the comment marks the comment', async () => {
    stubFetch((call) => (call.method === 'POST' ? refusal('comment') : jsonResponse(404, {})))
    const wrapper = mountWithApp(LeadFormDialog, createHarness(), { props: { visible: false } })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    type('#lead-first-name', 'Анна')
    type('#lead-phone', '+79161234567')
    type('#lead-comment', 'x'.repeat(50))
    submit('lead-form')
    await flushPromises()
    expect(fieldError('comment')).toBe(TOO_LONG)
    expect(fieldError('first_name')).toBeUndefined()
  })

  it('lead: no contact marks the phone and sends nothing', async () => {
    const calls = stubFetch(() => jsonResponse(404, {}))
    const wrapper = mountWithApp(LeadFormDialog, createHarness(), { props: { visible: false } })
    await wrapper.setProps({ visible: true })
    await flushPromises()
    type('#lead-first-name', 'Анна')
    submit('lead-form')
    await flushPromises()
    expect(fieldError('phone')).toBeTruthy()
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])
  })

  for (const mode of ['refund', 'adjustment'] as const) {
    it(`ledger ${mode}: the server refusing the reason marks the reason`, async () => {
      stubFetch((call) => (call.method === 'POST' ? refusal('reason') : jsonResponse(404, {})))
      const wrapper = mountWithApp(LedgerCorrectionDialog, createHarness(), {
        props: { visible: false, mode, studentId: 's1', currency: 'RUB' },
      })
      await wrapper.setProps({ visible: true })
      await flushPromises()
      const amount = document.querySelector('#correction-amount') as HTMLInputElement
      amount.value = '500'
      amount.dispatchEvent(new Event('input'))
      amount.dispatchEvent(new Event('blur'))
      type('#correction-reason', 'r'.repeat(20))
      submit('correction-form')
      await flushPromises()
      expect(fieldError('reason')).toBe(TOO_LONG)
      expect(document.querySelector('#correction-reason')?.getAttribute('aria-invalid')).toBe('true')
    })
  }

  it('closed day: the server refusing the reason marks the reason', async () => {
    stubFetch((call) => (call.method === 'POST' ? refusal('reason') : jsonResponse(200, [])))
    const page = mountWithApp(ClosedDaysPage, createHarness())
    await flushPromises()
    // The date picker's own value, as a person picking a day would set it.
    const picker = page.findComponent({ name: 'DatePicker' })
    picker.vm.$emit('update:modelValue', new Date(2099, 0, 7))
    type('#closed-day-reason', 'r'.repeat(20))
    await flushPromises()
    ;(document.querySelector('[data-testid="closed-day-add"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(fieldError('reason')).toBe(TOO_LONG)
    expect(fieldError('date')).toBeUndefined()
  })

  it('closed day: no date marks the date and sends nothing', async () => {
    const calls = stubFetch(() => jsonResponse(200, []))
    mountWithApp(ClosedDaysPage, createHarness())
    await flushPromises()
    ;(document.querySelector('[data-testid="closed-day-add"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(fieldError('date')).toBe('Выберите дату')
    expect(calls.filter((call) => call.method === 'POST')).toEqual([])
  })

  it('book a lesson: the server refusing the time marks the time', async () => {
    const slot = { starts_at: '2099-01-07T07:00:00Z', ends_at: '2099-01-07T08:00:00Z' }
    stubFetch((call) => {
      if (call.url.startsWith('/api/admin/slots')) return jsonResponse(200, [slot])
      if (call.url.startsWith('/api/admin/students')) {
        return jsonResponse(200, { items: [{ id: 's1', first_name: 'Вера', last_name: 'Т', email: null }], total: 1, page: 1, size: 20 })
      }
      if (call.method === 'POST') return refusal('starts_at')
      return jsonResponse(404, {})
    })
    const teachers = [{ id: 't1', first_name: 'Olga', last_name: 'K', photo_url: null, bio: null, levels: [] }]
    const wrapper = mountWithApp(BookLessonDialog, createHarness(), {
      props: { visible: false, teachers, teacherId: 't1', startsAt: new Date(slot.starts_at) } as never,
    })
    await wrapper.setProps({ visible: true } as never)
    await flushPromises()
    wrapper.findComponent({ name: 'AutoComplete' }).vm.$emit('update:modelValue', { id: 's1', first_name: 'Вера', last_name: 'Т' })
    await flushPromises()
    submit('book-lesson-form')
    await flushPromises()
    expect(fieldError('starts_at')).toBe(TOO_LONG)
  })
})

// A page owning a dialog through v-model, as the real pages do.
function pageOf(dialog: Component, props: Record<string, unknown>) {
  return defineComponent({
    setup() {
      const visible = ref(false)
      const mode = ref('refund')
      return () =>
        h(dialog, {
          ...props,
          visible: visible.value,
          'onUpdate:visible': (value: boolean) => (visible.value = value),
          mode: mode.value,
          'onUpdate:mode': (value: string) => (mode.value = value),
        })
    },
  })
}

describe('what a dialog holds survives the session expiring', { timeout: 30_000 }, () => {
  let harness: Harness
  beforeEach(() => {
    sessionStorage.clear()
    harness = createHarness()
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function expireAndComeBack(path: string, page: Component, open: (mounted: ReturnType<typeof mountWithApp>) => Promise<void>, fill: () => Promise<void>) {
    stubFetch((call) => (call.url === '/api/me' ? jsonResponse(200, USERS.admin) : jsonResponse(200, [])))
    await harness.router.push(path)
    const first = mountWithApp(page, harness)
    await open(first)
    await flushPromises()
    await fill()
    stubFetch(() => problem(401, 'not_authenticated'))
    await http.get('/admin/students').catch(() => undefined) // the session expired meanwhile
    await vi.waitFor(() => expect(harness.router.currentRoute.value.name).toBe('login'))
    first.unmount()
    document.body.innerHTML = ''

    stubFetch(() => jsonResponse(200, []))
    useSessionStore().user = USERS.admin // logged in again
    await harness.router.push(path)
    mountWithApp(page, harness)
    await flushPromises()
  }

  const openDialog = (dialog: Component) => async (mounted: ReturnType<typeof mountWithApp>) => {
    await mounted.findComponent(dialog).vm.$emit('update:visible', true)
  }

  it('a new lead', async () => {
    const Page = pageOf(LeadFormDialog, {})
    await expireAndComeBack('/admin/leads', Page, openDialog(LeadFormDialog), async () => {
      type('#lead-first-name', 'Анна')
      type('#lead-comment', 'Хочет по вечерам')
    })
    expect((document.querySelector('#lead-first-name') as HTMLInputElement | null)?.value).toBe('Анна')
    expect((document.querySelector('#lead-comment') as HTMLTextAreaElement | null)?.value).toBe('Хочет по вечерам')
  })

  it('a new group, its start date included', async () => {
    const Page = pageOf(GroupFormDialog, { busy: false, error: null, teachers: [] })
    await expireAndComeBack('/admin/groups', Page, openDialog(GroupFormDialog), async () => {
      type('#group-name', 'B1 вечер')
      type('#group-time', '19:30')
    })
    expect((document.querySelector('#group-name') as HTMLInputElement | null)?.value).toBe('B1 вечер')
    expect((document.querySelector('#group-time') as HTMLInputElement | null)?.value).toBe('19:30')
    expect((document.querySelector('#group-starts') as HTMLInputElement | null)?.value).toMatch(/\d/)
  })

  it('a new package template', async () => {
    const Page = pageOf(TemplateFormDialog, { busy: false, error: null, template: null, currency: 'RUB' })
    await expireAndComeBack('/admin/package-templates', Page, openDialog(TemplateFormDialog), async () => {
      type('#template-name', 'Восемь занятий')
    })
    expect((document.querySelector('#template-name') as HTMLInputElement | null)?.value).toBe('Восемь занятий')
  })

  it('a ledger correction, with its kind', async () => {
    const Page = pageOf(LedgerCorrectionDialog, { studentId: 's1', currency: 'RUB' })
    await expireAndComeBack(
      '/admin/students/s1',
      Page,
      async (mounted) => {
        const dialog = mounted.findComponent(LedgerCorrectionDialog)
        await dialog.vm.$emit('update:mode', 'adjustment')
        await dialog.vm.$emit('update:visible', true)
      },
      async () => {
        type('#correction-reason', 'Ошибка кассира')
      },
    )
    expect((document.querySelector('#correction-reason') as HTMLInputElement | null)?.value).toBe('Ошибка кассира')
    expect(document.querySelector('.p-dialog-title')?.textContent).toContain('Корректировка')
  })
})
