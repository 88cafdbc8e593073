/**
 * Whether a typed phone number is worth sending: digits with the usual separators, international
 * (+7 916 …) or national (8 916 …). The server (studio_kit's Phone type, libphonenumber) decides
 * whether it is a real number and stores it as E.164.
 */
export function looksLikePhone(value: string): boolean {
  const trimmed = value.trim()
  const digits = trimmed.replace(/\D/g, '')
  return /^\+?[\d\s().-]+$/.test(trimmed) && digits.length >= 7 && digits.length <= 15
}
