import { afterEach, describe, expect, it } from 'vitest'
import type { LedgerEntry } from '@/api'
import LedgerTable from '@/features/ledger/LedgerTable.vue'
import { ledgerLine } from '@/features/ledger/line'
import { createAppI18n } from '@/i18n'
import { createHarness, mountWithApp } from '../../helpers'

function entry(code: string, params: Record<string, string | number>, description: string): LedgerEntry {
  return {
    id: `e-${code}`,
    kind: code === 'package_payment' ? 'payment' : (code as LedgerEntry['kind']),
    amount_minor: -150000,
    currency: 'RUB',
    description,
    method: (params.method as string | undefined) ?? null,
    lesson_id: null,
    package_id: null,
    created_at: '2026-12-01T10:00:00Z',
    code,
    params,
  }
}

const entries = [
  entry('payment', { method: 'card', comment: 'за декабрь' }, 'Payment (card): за декабрь'),
  entry('late_cancel_charge', { lesson_kind: 'individual', lesson_date: '2026-12-01' }, 'Late cancellation: individual lesson on 2026-12-01'),
  entry('package_purchase', { lessons: 8, package_kind: 'any', valid_until: '2027-04-04' }, 'Package: 8 lessons (any) valid until 2027-04-04'),
]

function lines(locale: 'ru' | 'en'): string[] {
  const i18n = createAppI18n(locale)
  return entries.map((item) => ledgerLine(item, i18n.global.t, locale))
}

describe('ledger lines in the UI language', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('says each line in Russian, with dates in the Russian format, never the stored English sentence', () => {
    expect(lines('ru')).toEqual([
      'Оплата: Карта — за декабрь',
      'Поздняя отмена: индивидуальное занятие 1 дек. 2026 г.',
      'Абонемент: занятий — 8 (любые занятия), действует до 4 апр. 2027 г.',
    ])
  })

  it('says each line in English', () => {
    expect(lines('en')).toEqual([
      'Payment: Card — за декабрь',
      'Late cancellation: individual lesson on 1 Dec 2026',
      'Package: 8 lessons (any lessons), valid until 4 Apr 2027',
    ])
  })

  it('shows the stored text of a line it does not know', () => {
    const i18n = createAppI18n('ru')
    const legacy = entry('other', { text: 'Imported' }, 'Imported')
    expect(ledgerLine(legacy, i18n.global.t, 'ru')).toBe('Imported')
  })

  it('renders the lines in the table (the student and the admin use it)', () => {
    mountWithApp(LedgerTable, createHarness(), { props: { entries } })
    const text = document.body.textContent ?? ''
    expect(text).toContain('Поздняя отмена: индивидуальное занятие 1 дек. 2026 г.')
    expect(text).not.toContain('valid until')
    expect(text).not.toContain('Payment (card)')
  })
})
