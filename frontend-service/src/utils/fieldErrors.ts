import { isApiError } from '@/api'

type Translate = (key: string) => string
type Exists = (key: string) => boolean

/**
 * A refused form's messages per field, from the problem's `errors[]` (a 422 on a field): the
 * field is the last named segment of the path (`['levels', 0]` marks `levels`), the text the
 * UI language's sentence for pydantic's error type. Empty when the error names no field.
 */
// Refusals that are about one field although the server names none (a 409 on the e-mail).
const CODE_FIELDS: Record<string, string> = { email_taken: 'email' }

export function fieldErrors(error: unknown, t: Translate, te: Exists): Record<string, string> {
  if (!isApiError(error)) return {}
  const found: Record<string, string> = {}
  const field = CODE_FIELDS[error.code]
  if (field) found[field] = t(`errors.codes.${error.code}`)
  for (const field of error.fields) {
    const name = [...field.path].reverse().find((segment) => !/^\d+$/.test(segment))
    if (!name || found[name]) continue
    const key = `screens.fieldErrors.${field.type}`
    found[name] = te(key) ? t(key) : t('screens.fieldErrors.invalid')
  }
  return found
}
