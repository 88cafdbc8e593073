import { describe, expect, it } from 'vitest'
import { isEmail, isPhone as looksLikePhone, personErrors } from '@/utils/validators'

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

describe('person checks shared by every person form', () => {
  const t = (key: string) => key

  it('accepts an e-mail with a domain and refuses one without', () => {
    expect(isEmail(' olga@studio.example ')).toBe(true)
    expect(isEmail('olga@studio')).toBe(false)
  })

  it('needs both names, an e-mail as asked, and a phone only when typed', () => {
    expect(personErrors({ first_name: ' ', last_name: 'K', email: '', phone: '' }, t)).toEqual({
      first_name: 'validation.required',
      email: 'validation.email',
    })
    expect(personErrors({ first_name: 'O', last_name: 'K', email: '', phone: '' }, t, 'optional')).toEqual({})
    expect(personErrors({ first_name: 'O', last_name: 'K', email: 'x', phone: 'abc' }, t, 'optional')).toEqual({
      email: 'validation.email',
      phone: 'validation.phone',
    })
    expect(personErrors({ first_name: 'O', last_name: 'K', phone: '8 916 123-45-67' }, t, 'none')).toEqual({})
  })
})
