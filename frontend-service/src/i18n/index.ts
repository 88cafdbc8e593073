import { createI18n, type Composer } from 'vue-i18n'
import ru from './locales/ru.json'

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

// Russian (the default and the fallback) ships with the app; English is fetched when chosen, so the
// login page does not download both languages (issue 21's bundle budget).
const loaded: Partial<Record<AppLocale, MessageSchema>> = { ru }
const loaders: Record<AppLocale, () => Promise<MessageSchema>> = {
  ru: async () => ru,
  en: async () => (await import('./locales/en.json')).default,
}

/** Fetches a language's texts once; later calls answer at once. */
export async function loadLocaleMessages(locale: AppLocale): Promise<MessageSchema> {
  const messages = (loaded[locale] ??= await loaders[locale]())
  return messages
}

/** The app's i18n in `locale` when its texts are loaded (`loadLocaleMessages`), else in Russian. */
export function createAppI18n(locale: AppLocale = savedLocale()) {
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale: loaded[locale] ? locale : 'ru',
    fallbackLocale: 'ru',
    messages: { ...loaded } as Record<AppLocale, MessageSchema>,
    missingWarn: false,
    fallbackWarn: false,
  })
}

/** Switches the interface to `locale` (its texts fetched first) and remembers the choice. */
export async function switchLocale(i18n: Pick<Composer, 'locale' | 'availableLocales' | 'setLocaleMessage'>, locale: AppLocale) {
  const messages = await loadLocaleMessages(locale)
  if (!i18n.availableLocales.includes(locale)) i18n.setLocaleMessage(locale, messages)
  i18n.locale.value = locale
  persistLocale(locale)
}

export type AppI18n = ReturnType<typeof createAppI18n>
