import { http } from './client'
import type { components } from './schema'

type Schemas = components['schemas']

export type PackageTemplate = Schemas['PackageTemplate']
export type PackageTemplateCreate = Schemas['PackageTemplateCreate']
export type PackageTemplateUpdate = Schemas['PackageTemplateUpdate']
export type PackageSale = Schemas['PackageSale']
export type Checkout = Schemas['Checkout']
export type OnlinePayment = Schemas['OnlinePayment']
type LessonPackage = Schemas['LessonPackage']

const id = (value: string) => encodeURIComponent(value)

/** The package catalogue (admin and student) and online payment. */
export const catalogueApi = {
  templates: (includeArchived = false) =>
    http.get<PackageTemplate[]>('/admin/package-templates', includeArchived ? { include_archived: 'true' } : undefined),
  createTemplate: (data: PackageTemplateCreate) => http.post<PackageTemplate>('/admin/package-templates', data),
  updateTemplate: (templateId: string, data: PackageTemplateUpdate) =>
    http.patch<PackageTemplate>(`/admin/package-templates/${id(templateId)}`, data),
  sell: (studentId: string, data: PackageSale, idempotencyKey: string) =>
    http.post<LessonPackage>(`/admin/students/${id(studentId)}/package-sales`, data, { idempotencyKey }),
  studentCatalogue: () => http.get<PackageTemplate[]>('/student/package-templates'),
  checkout: (templateId: string, idempotencyKey: string) =>
    http.post<Checkout>('/student/packages/checkout', { template_id: templateId }, { idempotencyKey }),
  payment: (paymentId: string) => http.get<OnlinePayment>(`/student/payments/${id(paymentId)}`),
}
