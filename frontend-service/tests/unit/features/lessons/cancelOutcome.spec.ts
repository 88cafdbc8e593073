import { describe, expect, it } from 'vitest'
import type { CancelResult } from '@/api'
import { cancelOutcome } from '@/features/lessons/policy'
import { createAppI18n } from '@/i18n'
import { studentLesson } from '../../fixtures'

const lesson = studentLesson(3) as unknown as CancelResult['lesson']

function said(result: CancelResult, locale: 'ru' | 'en'): string {
  const { t } = createAppI18n(locale).global
  const { key, params } = cancelOutcome(result)
  return t(key, { ...params, amount: '2 000 ₽' })
}

describe('what a student is told after a cancel', () => {
  it('a late cancel paid by a package says a package lesson was used, in both languages', () => {
    const result = {
      lesson,
      late_cancel: true,
      charge: null,
      package: { id: 'p1', kind: 'any', lessons_total: 8, lessons_left: 5, valid_until: '2027-01-31' },
    } as CancelResult
    expect(said(result, 'ru')).toContain('использовано занятие абонемента (осталось 4)')
    expect(said(result, 'ru')).not.toContain('списано')
    expect(said(result, 'en')).toContain('a package lesson was used (4 left)')
  })

  it('a late cancel without a package names the amount charged', () => {
    const result = { lesson, late_cancel: true, charge: { amount_minor: 200000, currency: 'RUB' } } as CancelResult
    expect(said(result, 'ru')).toContain('списано 2 000 ₽')
    expect(said(result, 'en')).toContain('2 000 ₽ charged')
  })

  it('an early cancel is free', () => {
    expect(said({ lesson, late_cancel: false } as CancelResult, 'en')).toBe('No charge.')
  })
})
