import { createI18n } from 'vue-i18n'
import ru from './locales/ru.json'
import en from './locales/en.json'

export type MessageSchema = typeof ru
export const SUPPORTED_LOCALES = ['ru', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

const LOCALE_KEY = 'studio.locale'

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value)
}

export function savedLocale(): AppLocale {
  try {
    const stored = localStorage.getItem(LOCALE_KEY)
    if (isAppLocale(stored)) return stored
  } catch {
    // Storage can be unavailable (private mode, sandboxed Mini App webviews).
  }
  return 'ru'
}

export function persistLocale(locale: AppLocale): void {
  try {
    localStorage.setItem(LOCALE_KEY, locale)
  } catch {
    // See savedLocale.
  }
}

export function createAppI18n(locale: AppLocale = savedLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'ru',
    messages: { ru, en },
    missingWarn: false,
    fallbackWarn: false,
  })
}

export type AppI18n = ReturnType<typeof createAppI18n>
