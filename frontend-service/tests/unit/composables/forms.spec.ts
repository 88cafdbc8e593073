import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { ApiError, http } from '@/api'
import BookingPage from '@/features/booking/BookingPage.vue'
import PayrollRateDialog from '@/features/payroll-admin/RateFormDialog.vue'
import TimeOffFormDialog from '@/features/schedule/TimeOffFormDialog.vue'
import PackageFormDialog from '@/features/students/PackageFormDialog.vue'
import PaymentFormDialog from '@/features/students/PaymentFormDialog.vue'
import StudentFormDialog from '@/features/students/StudentFormDialog.vue'
import TeacherEditDialog from '@/features/teachers/TeacherEditDialog.vue'
import TeacherFormDialog from '@/features/teachers/TeacherFormDialog.vue'
import { useSessionStore } from '@/stores/session'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS, type Harness } from '../helpers'

const tooLongName = new ApiError({
  status: 422,
  code: 'validation_error',
  title: 'Unprocessable',
  fields: [{ path: ['first_name'], type: 'string_too_long' }],
})
const emailTaken = new ApiError({ status: 409, code: 'email_taken', title: 'Conflict' })

function fieldError(name: string): string | undefined {
  return document.querySelector(`[data-field-error="${name}"]`)?.textContent?.trim()
}

describe('field-level errors, one mechanism on every person dialog', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  for (const [name, dialog] of [
    ['student', StudentFormDialog],
    ['teacher', TeacherFormDialog],
  ] as const) {
    it(`${name}: a too-long name marks the name field, not a generic sentence`, async () => {
      const wrapper = mountWithApp(dialog, createHarness(), { props: { visible: false, busy: false, error: null } })
      await wrapper.setProps({ visible: true })
      await wrapper.setProps({ error: tooLongName })
      await flushPromises()
      expect(fieldError('first_name')).toBe('Слишком длинно: сократите текст')
      expect(document.querySelector(`#${name}-first`)?.getAttribute('aria-invalid')).toBe('true')
      expect(document.querySelector('[role="alert"]')?.textContent).toContain('Исправьте отмеченные поля')
    })

    it(`${name}: a taken e-mail marks the e-mail field`, async () => {
      const wrapper = mountWithApp(dialog, createHarness(), { props: { visible: false, busy: false, error: null } })
      await wrapper.setProps({ visible: true })
      await wrapper.setProps({ error: emailTaken })
      await flushPromises()
      expect(fieldError('email')).toBeTruthy()
      expect(fieldError('first_name')).toBeUndefined()
    })
  }
})

describe('the other create and edit dialogs mark the field the server refused', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  const tooLong = (field: string) =>
    new ApiError({ status: 422, code: 'validation_error', title: 'x', fields: [{ path: [field], type: 'string_too_long' }] })
  const cases = [
    ['payment', PaymentFormDialog, { currency: 'RUB' }, 'comment'],
    ['package', PackageFormDialog, { currency: 'RUB' }, 'valid_until'],
    ['time off', TimeOffFormDialog, {}, 'reason'],
    ['teacher rate', PayrollRateDialog, { currency: 'RUB', teachers: [], teacherId: null, history: [] }, 'amount_minor'],
  ] as const

  for (const [name, dialog, props, field] of cases) {
    it(`${name}: ${field}`, async () => {
      const wrapper = mountWithApp(dialog as never, createHarness(), { props: { visible: false, busy: false, error: null, ...props } } as never)
      await wrapper.setProps({ visible: true } as never)
      await wrapper.setProps({ error: tooLong(field) } as never)
      await flushPromises()
      expect(fieldError(field)).toBe('Слишком длинно: сократите текст')
    })
  }

  it('teacher record: a too-long phone marks the phone', async () => {
    const teacher = { id: 't1', first_name: 'A', last_name: 'B', email: 'a@b.c', phone: null, levels: ['B1'], specialisations: [], timezone: 'Europe/Moscow', status: 'active' }
    const save = () => Promise.reject(tooLong('phone'))
    const wrapper = mountWithApp(TeacherEditDialog, createHarness(), { props: { visible: false, busy: false, teacher, save } as never })
    await wrapper.setProps({ visible: true } as never)
    await flushPromises()
    document.querySelector<HTMLFormElement>('[data-testid="teacher-edit-form"]')!.requestSubmit()
    await flushPromises()
    expect(fieldError('phone')).toBe('Слишком длинно: сократите текст')
  })
})

// The students page as far as the dialog is concerned: it owns `visible` through v-model.
const Page = defineComponent({
  setup() {
    const visible = ref(false)
    return () =>
      h(StudentFormDialog, {
        visible: visible.value,
        'onUpdate:visible': (value: boolean) => (visible.value = value),
        busy: false,
        error: null,
      })
  },
})

describe('a form being filled survives the session expiring', { timeout: 30_000 }, () => {
  let harness: Harness
  beforeEach(async () => {
    sessionStorage.clear()
    harness = createHarness()
    stubFetch((call) => (call.url === '/api/me' ? jsonResponse(200, USERS.admin) : problem(401, 'not_authenticated')))
    await harness.router.push('/admin/students')
    expect(useSessionStore().user?.id).toBe(USERS.admin.id)
  })
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function fillAndExpire() {
    const page = mountWithApp(Page, harness)
    await page.findComponent(StudentFormDialog).vm.$emit('update:visible', true)
    await flushPromises()
    ;(document.querySelector('#student-first') as HTMLInputElement).value = 'Вера'
    document.querySelector('#student-first')!.dispatchEvent(new Event('input'))
    ;(document.querySelector('#student-email') as HTMLInputElement).value = 'vera@example.com'
    document.querySelector('#student-email')!.dispatchEvent(new Event('input'))
    stubFetch(() => problem(401, 'not_authenticated'))
    await http.get('/admin/students').catch(() => undefined) // the session has expired meanwhile
    await vi.waitFor(() => expect(harness.router.currentRoute.value.name).toBe('login'))
    page.unmount()
    document.body.innerHTML = ''
  }

  it('is given back, dialog open, after the same person logs in again', async () => {
    await fillAndExpire()

    useSessionStore().user = USERS.admin // logged in again
    await harness.router.push('/admin/students')
    mountWithApp(Page, harness)
    await flushPromises()

    expect((document.querySelector('#student-first') as HTMLInputElement | null)?.value).toBe('Вера')
    expect((document.querySelector('#student-email') as HTMLInputElement | null)?.value).toBe('vera@example.com')
  })

  it('is not given to someone else logging in on the same tab', async () => {
    await fillAndExpire()

    useSessionStore().user = { ...USERS.admin, id: 'someone-else' }
    await harness.router.push('/admin/students')
    mountWithApp(Page, harness)
    await flushPromises()

    expect(document.querySelector('#student-first')).toBeNull()
  })
})

describe('a booking being confirmed survives the session expiring', { timeout: 30_000 }, () => {
  const slot = { starts_at: '2030-01-08T07:00:00Z', ends_at: '2030-01-08T08:00:00Z' }

  it('comes back with the confirmation open on the chosen time', async () => {
    sessionStorage.clear()
    const harness = createHarness()
    let expired = false
    stubFetch((call) => {
      if (expired) return problem(401, 'not_authenticated')
      if (call.url === '/api/me') return jsonResponse(200, USERS.student)
      if (call.url.startsWith('/api/booking/slots')) return jsonResponse(200, [slot])
      if (call.url === '/api/booking/policy') return jsonResponse(200, { cancel_notice_hours: 24, min_booking_notice_hours: 0 })
      if (call.url === '/api/teachers') return jsonResponse(200, [{ id: 't1', first_name: 'Olga', last_name: 'K', bio: null, levels: [] }])
      return jsonResponse(200, { price: { amount_minor: 150000, currency: 'RUB' }, package: null, cancel_notice_hours: 24 })
    })
    await harness.router.push('/student/teachers/t1/book')
    const page = mountWithApp(BookingPage, harness, { props: { teacherId: 't1' } })
    await flushPromises()
    document.querySelector<HTMLButtonElement>('[data-testid="slots"] button')!.click()
    await flushPromises()
    expect(document.querySelector('[data-testid="booking-when"]')).not.toBeNull()

    expired = true
    await http.get('/student/dashboard').catch(() => undefined)
    await vi.waitFor(() => expect(harness.router.currentRoute.value.name).toBe('login'))
    page.unmount()
    document.body.innerHTML = ''

    expired = false
    useSessionStore().user = USERS.student
    await harness.router.push('/student/teachers/t1/book')
    mountWithApp(BookingPage, harness, { props: { teacherId: 't1' } })
    await flushPromises()
    expect(document.querySelector('[data-testid="booking-when"]')?.textContent).toContain('8 января')
  })
})
