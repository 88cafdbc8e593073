import { describe, expect, it } from 'vitest'
import en from '@/i18n/locales/en.json'
import ru from '@/i18n/locales/ru.json'

function keys(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [prefix]
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key))
}

function leaves(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object') return [value]
  return Object.values(value).flatMap(leaves)
}

describe('locale files', () => {
  it('English has exactly the Russian keys, so no screen falls back to another language', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort())
  })

  it('has no empty strings', () => {
    for (const value of [...leaves(ru), ...leaves(en)]) expect(value).toMatch(/\S/)
  })
})
