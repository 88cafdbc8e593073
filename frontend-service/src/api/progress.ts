import { buildUrl, http } from './client'
import type { components } from './schema'

type Schemas = components['schemas']

export type StudentDocument = Schemas['DocumentRead']
export type Assessment = Schemas['Assessment']
export type AssessmentCreate = Schemas['AssessmentCreate']

const base = (studentId: string) => `/students/${encodeURIComponent(studentId)}`

/** A student's personal documents (who may see them is students-service's rule) and CEFR history. */
export const progressApi = {
  documents: (studentId: string) => http.get<StudentDocument[]>(`${base(studentId)}/documents`),
  upload: (studentId: string, file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return http.post<StudentDocument>(`${base(studentId)}/documents`, form)
  },
  /** A plain link: the browser downloads the file with the session cookie. */
  documentUrl: (studentId: string, documentId: string) =>
    buildUrl(`${base(studentId)}/documents/${encodeURIComponent(documentId)}`),
  removeDocument: (studentId: string, documentId: string) =>
    http.delete<void>(`${base(studentId)}/documents/${encodeURIComponent(documentId)}`),
  grants: (studentId: string) => http.get<string[]>(`${base(studentId)}/document-grants`),
  grant: (studentId: string, teacherId: string) =>
    http.put<void>(`${base(studentId)}/document-grants/${encodeURIComponent(teacherId)}`),
  revoke: (studentId: string, teacherId: string) =>
    http.delete<void>(`${base(studentId)}/document-grants/${encodeURIComponent(teacherId)}`),
  assessments: (studentId: string) => http.get<Assessment[]>(`${base(studentId)}/assessments`),
  assess: (studentId: string, data: AssessmentCreate) => http.post<Assessment>(`${base(studentId)}/assessments`, data),
}
