import { buildUrl, http } from './client'
import type { components } from './schema'

type Schemas = components['schemas']

export type PriceList = Schemas['PriceList']
export type PriceItem = Schemas['PriceItem']
export type PriceListUpdate = Schemas['PriceListUpdate']
export type TeacherRate = Schemas['Rate']
export type RateUpdate = Schemas['RateUpdate']
export type StudioPayroll = Schemas['StudioPayroll']
export type TeacherPayrollSheet = Schemas['TeacherPayrollSheet']
export type PayrollPayment = Schemas['PayrollPayment']
export type SheetFormat = 'csv' | 'xlsx'
export type DebtList = Schemas['DebtList']
export type Debt = Schemas['Debt']
export type DebtReminder = Schemas['DebtReminder']
export type RefundCreate = Schemas['RefundCreate']
export type AdjustmentCreate = Schemas['AdjustmentCreate']
type LedgerEntry = Schemas['LedgerEntry']
type LessonPackage = Schemas['LessonPackage']

const id = (value: string) => encodeURIComponent(value)

/** The admin's money screens: price list, teacher rates, studio payroll. */
export const moneyApi = {
  prices: () => http.get<PriceList>('/admin/prices'),
  setPrices: (data: PriceListUpdate) => http.put<PriceList>('/admin/prices', data),
  rates: (teacherId: string) => http.get<TeacherRate[]>(`/admin/teachers/${id(teacherId)}/rates`),
  setRate: (teacherId: string, data: RateUpdate) => http.put<TeacherRate[]>(`/admin/teachers/${id(teacherId)}/rate`, data),
  payroll: (month: string) => http.get<StudioPayroll>('/admin/payroll', { month }),
  /** A plain link: the browser downloads the sheet with the session cookie. */
  payrollSheetUrl: (month: string, format: SheetFormat) => buildUrl('/admin/payroll', { month, format }),
  refund: (studentId: string, data: RefundCreate, idempotencyKey: string) =>
    http.post<LedgerEntry>(`/admin/students/${id(studentId)}/refunds`, data, { idempotencyKey }),
  adjust: (studentId: string, data: AdjustmentCreate, idempotencyKey: string) =>
    http.post<LedgerEntry>(`/admin/students/${id(studentId)}/adjustments`, data, { idempotencyKey }),
  freeze: (studentId: string, packageId: string, until: string) =>
    http.post<LessonPackage>(`/admin/students/${id(studentId)}/packages/${id(packageId)}/freeze`, { until }),
  unfreeze: (studentId: string, packageId: string) =>
    http.post<LessonPackage>(`/admin/students/${id(studentId)}/packages/${id(packageId)}/unfreeze`),
  debts: () => http.get<DebtList>('/admin/debts'),
  /** One reminder a day per student; pressed again the same day it returns the same reminder. */
  remindDebtor: (studentId: string) => http.post<DebtReminder>(`/admin/debts/${id(studentId)}/remind`),
  markPaid: (month: string, teacherId: string) =>
    http.post<PayrollPayment>(`/admin/payroll/${id(month)}/teachers/${id(teacherId)}/paid`),
}
