import { flushPromises } from '@vue/test-utils'
import MultiSelect from 'primevue/multiselect'
import Select from 'primevue/select'
import { afterEach, describe, expect, it } from 'vitest'
import AssessmentsCard from '@/features/students/AssessmentsCard.vue'
import StudentDocumentsCard from '@/features/students/StudentDocumentsCard.vue'
import { createHarness, jsonResponse, mountWithApp, stubFetch } from '../../helpers'

const assessment = {
  id: 'a1',
  student_id: 's1',
  level: 'A2',
  assessed_at: '2026-09-01T07:00:00Z',
  comment: 'Placement test' as string | null,
  assessed_by: 'admin',
}
const doc = {
  id: 'd1',
  student_id: 's1',
  filename: 'contract.pdf',
  content_type: 'application/pdf',
  size_bytes: 2048,
  sha256: 'x',
  uploaded_by: 'admin',
  created_at: '2026-12-01T07:00:00Z',
}

describe('student progress and documents cards', { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows the level history and records a new level', async () => {
    const history = [assessment]
    const calls = stubFetch((call) => {
      if (call.url === '/api/students/s1/assessments' && call.method === 'POST') {
        history.unshift({ ...assessment, id: 'a2', level: 'B1', comment: null })
        return jsonResponse(201, history[0])
      }
      if (call.url === '/api/students/s1/assessments') return jsonResponse(200, history)
      return jsonResponse(404, {})
    })
    const wrapper = mountWithApp(AssessmentsCard, createHarness(), { props: { studentId: 's1', canAssess: true } })
    await flushPromises()
    expect(document.querySelector('[data-testid="assessments"]')?.textContent).toContain('Placement test')

    wrapper.findComponent(Select).vm.$emit('update:modelValue', 'B1')
    await flushPromises()
    ;(document.querySelector('[data-testid="assessment-add"]') as HTMLButtonElement).click()
    await flushPromises()

    const post = calls.find((call) => call.method === 'POST')
    expect((post?.body as { level: string }).level).toBe('B1')
    const levels = [...document.querySelectorAll('[data-testid="assessment-line"] strong')].map((el) => el.textContent)
    expect(levels).toEqual(['B1', 'A2'])
  })

  it('lists documents with a download link and lets the admin grant a teacher', async () => {
    const calls = stubFetch((call) => {
      if (call.url === '/api/students/s1/documents') return jsonResponse(200, [doc])
      if (call.url === '/api/students/s1/document-grants') return jsonResponse(200, [])
      if (call.url === '/api/students/s1/document-grants/t1' && call.method === 'PUT') return new Response(null, { status: 204 })
      return jsonResponse(404, {})
    })
    const wrapper = mountWithApp(StudentDocumentsCard, createHarness(), {
      props: { studentId: 's1', teachers: [{ id: 't1', name: 'Olga Petrova' }] },
    })
    await flushPromises()
    const link = document.querySelector('[data-testid="document-line"] a') as HTMLAnchorElement
    expect(link.textContent).toBe('contract.pdf')
    expect(link.getAttribute('href')).toBe('/api/students/s1/documents/d1')

    wrapper.findComponent(MultiSelect).vm.$emit('update:modelValue', ['t1'])
    await flushPromises()

    expect(calls.some((call) => call.url === '/api/students/s1/document-grants/t1' && call.method === 'PUT')).toBe(true)
  })
})
