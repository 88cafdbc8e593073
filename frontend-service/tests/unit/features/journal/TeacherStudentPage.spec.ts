import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'
import AttendanceTable from '@/features/journal/AttendanceTable.vue'
import TeacherStudentPage from '@/features/journal/TeacherStudentPage.vue'
import { useSessionStore } from '@/stores/session'
import { createHarness, jsonResponse, mountWithApp, problem, stubFetch, USERS } from '../../helpers'

const assessment = {
  id: 'a1',
  student_id: 's1',
  level: 'A2',
  assessed_at: '2026-09-01T07:00:00Z',
  comment: 'Placement test',
  assessed_by: 'admin',
}
const document_ = (id: string, filename: string, uploadedBy: string) => ({
  id,
  student_id: 's1',
  filename,
  content_type: 'application/pdf',
  size_bytes: 2048,
  sha256: 'x',
  uploaded_by: uploadedBy,
  created_at: '2026-12-01T07:00:00Z',
})

async function open(documents: () => Response) {
  const calls = stubFetch((call) => {
    // The router's guard may load the session: it is the teacher's.
    if (call.url === '/api/me') return jsonResponse(200, USERS.teacher)
    if (call.url === '/api/students/s1/assessments' && call.method === 'GET') return jsonResponse(200, [assessment])
    if (call.url === '/api/students/s1/documents' && call.method === 'GET') return documents()
    return jsonResponse(404, {})
  })
  const harness = createHarness()
  useSessionStore().user = USERS.teacher
  const wrapper = mountWithApp(TeacherStudentPage, harness, {
    props: { studentId: 's1', name: 'Ada Lovelace', lesson: 'l-1' },
  })
  await flushPromises()
  return { wrapper, calls }
}

describe("the teacher's Documents and level page", { timeout: 30_000 }, () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a granted student’s level history and files, deletable only where the teacher uploaded them', async () => {
    const { wrapper } = await open(() =>
      jsonResponse(200, [document_('d1', 'contract.pdf', 'admin-user'), document_('d2', 'essay.pdf', USERS.teacher.id)]),
    )
    expect(wrapper.find('[data-testid="teacher-student-name"]').text()).toBe('Ada Lovelace')
    expect(wrapper.find('[data-testid="assessments"]').text()).toContain('Placement test')
    // A teacher records levels: the form is there.
    expect(wrapper.find('[data-testid="assessment-add"]').exists()).toBe(true)
    const lines = wrapper.findAll('[data-testid="document-line"]')
    expect(lines.map((line) => line.find('a').text())).toEqual(['contract.pdf', 'essay.pdf'])
    expect(wrapper.find('[data-testid="document-line"] a').attributes('href')).toBe('/api/students/s1/documents/d1')
    // Only the teacher's own upload has a delete button (the admin's contract has none).
    expect(lines.map((line) => line.find('button').exists())).toEqual([false, true])
    expect(wrapper.find('[data-testid="document-upload"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="documents-not-granted"]').exists()).toBe(false)
    // No admin grant control on the teacher's page.
    expect(document.querySelector('#document-grants')).toBeNull()
  })

  it('says plainly that the documents are not shared, without an error or an upload button', async () => {
    const { wrapper } = await open(() => problem(403, 'documents_not_granted', 'The studio has not shared this student\'s documents with you'))
    const note = wrapper.find('[data-testid="documents-not-granted"]')
    expect(note.text()).toContain('Студия не открыла вам документы этого ученика')
    expect(wrapper.find('[data-testid="student-documents"] .text-danger').exists()).toBe(false)
    expect(wrapper.find('[data-testid="document-upload"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-testid="document-line"]')).toHaveLength(0)
    // The level history is still there.
    expect(wrapper.find('[data-testid="assessments"]').text()).toContain('A2')
  })

  it('is linked from every student of the lesson roster, with the name and the way back', async () => {
    const harness = createHarness()
    const wrapper = mountWithApp(AttendanceTable, harness, {
      props: {
        roster: [{ student_id: 's1', first_name: 'Ada', last_name: 'Lovelace', attendance: null, price_minor: 0 }],
        modelValue: {},
        lessonId: 'l-1',
      },
    })
    await flushPromises()
    const link = wrapper.find('[data-testid="roster-student-link"]')
    expect(link.attributes('aria-label')).toBe('Документы и уровень: Ada Lovelace')
    const target = harness.router.resolve(link.attributes('href') ?? '')
    expect(target.name).toBe('teacher-student')
    expect(target.params.studentId).toBe('s1')
    expect(target.query).toEqual({ name: 'Ada Lovelace', lesson: 'l-1' })
  })
})
