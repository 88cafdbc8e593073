import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StudentLesson } from '@/api'
import CancelLessonFormDialog from '@/features/lessons/CancelLessonFormDialog.vue'
import { isLateCancel } from '@/features/lessons/policy'
import { createHarness, mountWithApp, problem, stubFetch } from '../../helpers'

const HOUR = 3600_000

function lessonIn(hours: number, extra: Partial<StudentLesson> = {}): StudentLesson {
  const start = new Date(Date.now() + hours * HOUR)
  return {
    id: 'l1',
    kind: 'individual',
    status: 'scheduled',
    starts_at: start.toISOString(),
    ends_at: new Date(start.getTime() + HOUR).toISOString(),
    teacher: { id: 't1', first_name: 'John', last_name: 'Smith' },
    topic: null,
    homework: null,
    ...extra,
  }
}

describe('late cancellation policy', () => {
  it('uses the free_cancel_until the BFF sends', () => {
    const lesson = lessonIn(48, { free_cancel_until: new Date(Date.now() - HOUR).toISOString() })
    expect(isLateCancel(lesson)).toBe(true)
  })

  it('falls back to 24 hours before the start', () => {
    expect(isLateCancel(lessonIn(2))).toBe(true)
    expect(isLateCancel(lessonIn(30))).toBe(false)
  })
})

describe('CancelLessonFormDialog', () => {
  beforeEach(() => stubFetch(() => problem(401, 'not_authenticated')))
  afterEach(() => {
    document.body.innerHTML = ''
  })

  async function open(lesson: StudentLesson) {
    const wrapper = mountWithApp(CancelLessonFormDialog, createHarness(), {
      props: { lesson, busy: false, error: null, visible: true },
    })
    await flushPromises()
    return wrapper
  }

  it('warns before confirming that a late cancel may be charged', async () => {
    await open(lessonIn(3))
    expect(document.body.querySelector('[data-testid="late-cancel-warning"]')?.textContent).toContain('может быть оплачена')
    expect(document.body.textContent).toContain('Всё равно отменить')
  })

  it('shows no warning when cancelling early', async () => {
    await open(lessonIn(72))
    expect(document.body.querySelector('[data-testid="late-cancel-warning"]')).toBeNull()
    expect(document.body.textContent).toContain('Бесплатная отмена до')
  })

  it('emits the trimmed reason on confirm', async () => {
    const wrapper = await open(lessonIn(72))
    const textarea = document.body.querySelector<HTMLTextAreaElement>('#cancel-reason')!
    textarea.value = '  заболел  '
    textarea.dispatchEvent(new Event('input'))
    const confirm = [...document.body.querySelectorAll('button')].find((b) => b.textContent?.includes('Отменить занятие'))!
    confirm.click()
    await flushPromises()
    expect(wrapper.emitted('confirm')).toEqual([['заболел']])
  })
})
