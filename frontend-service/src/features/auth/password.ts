import { isApiError } from '@/api'
import { errorMessage } from '@/utils/errors'

/** auth-service's minimum (the BFF refuses shorter ones with 422 before asking it). */
export const MIN_PASSWORD = 8

export type NewPasswordProblem = 'required' | 'tooShort' | 'mismatch'

/** Checks a new password typed twice; null when it may be sent. */
export function checkNewPassword(password: string, repeat: string): NewPasswordProblem | null {
  if (!password) return 'required'
  if (password.length < MIN_PASSWORD) return 'tooShort'
  if (password !== repeat) return 'mismatch'
  return null
}

type Translate = (key: string, values?: Record<string, unknown>) => string

export function newPasswordMessage(problem: NewPasswordProblem, t: Translate): string {
  if (problem === 'required') return t('validation.required')
  if (problem === 'tooShort') return t('validation.minLength', { n: MIN_PASSWORD })
  return t('auth.newPassword.mismatch')
}

/** What went wrong with a token link (invitation, reset): 410 `link_invalid`, a weak password, or else. */
export function tokenLinkError(error: unknown, t: Translate, te: (key: string) => boolean): string {
  if (isApiError(error) && (error.code === 'link_invalid' || error.status === 410)) return t('errors.codes.link_invalid')
  if (isApiError(error) && error.code === 'weak_password') {
    return error.detail ? `${t('errors.codes.weak_password')} (${error.detail})` : t('errors.codes.weak_password')
  }
  return errorMessage(error, t, te)
}
