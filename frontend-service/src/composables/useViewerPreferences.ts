import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { authApi } from '@/api'
import { isAppLocale, switchLocale } from '@/i18n'
import { useSessionStore } from '@/stores/session'
import { setViewerTimeZone } from '@/utils/format'

export interface ViewerPreferences {
  language?: string | null
  timezone?: string | null
  saved?: boolean
}

/**
 * The language and time zone saved in the person's profile (server-side) rule the interface:
 * applied when someone signs in (on any device) and at once when they change them. Until the
 * person saves them, the browser's language choice and zone stay.
 */
export function useViewerPreferences() {
  const i18n = useI18n()
  const { locale } = i18n
  const session = useSessionStore()

  function apply(preferences: ViewerPreferences) {
    if (isAppLocale(preferences.language) && preferences.language !== locale.value) {
      void switchLocale(i18n, preferences.language)
    }
    setViewerTimeZone(preferences.timezone)
  }

  /** Reads the signed-in person's preferences once per sign-in. */
  function follow() {
    watch(
      () => session.user?.id,
      async (id) => {
        if (!id) {
          setViewerTimeZone(null)
          return
        }
        try {
          // Only what the person saved themself: the studio's defaults do not override this browser.
          const preferences = await authApi.preferences()
          if (preferences.saved) apply(preferences)
        } catch {
          // Preferences unreachable: the interface keeps the browser's language choice and zone.
        }
      },
      { immediate: true },
    )
  }

  return { apply, follow }
}
