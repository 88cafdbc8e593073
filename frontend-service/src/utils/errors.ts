import { isApiError } from '@/api'

type Translate = (key: string) => string
type Exists = (key: string) => boolean

/** A message for the user: a translated stable `code` when we know it, else the server's detail. */
export function errorMessage(error: unknown, t: Translate, te: Exists): string {
  if (isApiError(error)) {
    const key = `errors.codes.${error.code}`
    if (te(key)) return t(key)
    if (error.status === 0) return t('errors.network')
    if (error.status === 403) return t('errors.codes.forbidden')
    if (error.status === 404) return t('errors.codes.not_found')
    if (error.status >= 500) return t('errors.server')
    return error.detail ?? error.title
  }
  return t('errors.unexpected')
}
