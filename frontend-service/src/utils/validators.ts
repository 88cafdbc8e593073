/** The checks the forms make before sending (the server decides in the end; these catch typos). */

type Translate = (key: string) => string

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Something that can be an e-mail address. */
export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim())
}

/**
 * Whether a typed phone number is worth sending: digits with the usual separators, international
 * (+7 916 …) or national (8 916 …). The server (studio_kit's Phone type, libphonenumber) decides
 * whether it is a real number and stores it as E.164.
 */
export function isPhone(value: string): boolean {
  const trimmed = value.trim()
  const digits = trimmed.replace(/\D/g, '')
  return /^\+?[\d\s().-]+$/.test(trimmed) && digits.length >= 7 && digits.length <= 15
}

export interface PersonInput {
  first_name: string
  last_name: string
  email?: string
  phone: string
}

/**
 * A person's name and contacts (student, teacher, lead, registration): both names required, the
 * e-mail `required`, `optional` (checked only when typed) or absent, the phone checked when typed.
 */
export function personErrors(
  person: PersonInput,
  t: Translate,
  email: 'required' | 'optional' | 'none' = 'required',
): Record<string, string> {
  const found: Record<string, string> = {}
  if (!person.first_name.trim()) found.first_name = t('validation.required')
  if (!person.last_name.trim()) found.last_name = t('validation.required')
  const typedEmail = (person.email ?? '').trim()
  if (email === 'required' || (email === 'optional' && typedEmail)) {
    if (!isEmail(typedEmail)) found.email = t('validation.email')
  }
  if (person.phone.trim() && !isPhone(person.phone)) found.phone = t('validation.phone')
  return found
}
