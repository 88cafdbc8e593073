import { describe, expect, it } from 'vitest'
import { looksLikePhone } from '@/utils/phone'

describe('looksLikePhone', () => {
  it('accepts a number typed the national way, which the server stores as E.164', () => {
    expect(looksLikePhone('8 916 123-45-67')).toBe(true)
    expect(looksLikePhone('8 (916) 123 45 67')).toBe(true)
    expect(looksLikePhone('+7 916 123 45 67')).toBe(true)
  })

  it('refuses what is not a phone number', () => {
    expect(looksLikePhone('12')).toBe(false)
    expect(looksLikePhone('call me')).toBe(false)
    expect(looksLikePhone('+7 916 123 45 67 89 00 11')).toBe(false)
  })
})
