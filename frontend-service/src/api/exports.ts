import { buildUrl } from './client'

export type ExportKind = 'payments' | 'ledger' | 'attendance' | 'students'
export const EXPORT_KINDS: ExportKind[] = ['payments', 'ledger', 'attendance', 'students']

/** The accountant's exports: a plain link, so the browser streams the file to disk with the session cookie. */
export const exportsApi = {
  url: (kind: ExportKind, from: string, to: string, format: 'csv' | 'xlsx') =>
    buildUrl(`/admin/exports/${kind}`, { from, to, format }),
}
