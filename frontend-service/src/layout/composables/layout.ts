import { computed, reactive, readonly } from 'vue'

const THEME_KEY = 'studio.theme'
export const DARK_CLASS = 'app-dark'
const DESKTOP_MIN_WIDTH = 992

type ThemeSource = 'user' | 'telegram'

function initialDark(): boolean {
  try {
    const stored = localStorage.getItem(THEME_KEY)
    if (stored === 'dark') return true
    if (stored === 'light') return false
  } catch {
    // Storage may be unavailable; fall through to the system preference.
  }
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)').matches
    : false
}

const state = reactive({
  darkTheme: false,
  staticMenuDesktopInactive: false,
  mobileMenuActive: false,
  themeSource: 'user' as ThemeSource,
})

function applyDark(dark: boolean): void {
  state.darkTheme = dark
  document.documentElement.classList.toggle(DARK_CLASS, dark)
}

/** Applies the saved (or system) theme before the app mounts, so there is no light flash. */
export function initTheme(): void {
  applyDark(initialDark())
}

/** Telegram decides the colours inside the Mini App; the choice is not persisted. */
export function followTelegramTheme(colorScheme: 'light' | 'dark'): void {
  state.themeSource = 'telegram'
  applyDark(colorScheme === 'dark')
}

/** The layout state shared by topbar, sidebar and menu (the sakai-vue `useLayout`). */
export function useLayout() {
  function toggleDarkMode(): void {
    applyDark(!state.darkTheme)
    if (state.themeSource === 'telegram') return
    try {
      localStorage.setItem(THEME_KEY, state.darkTheme ? 'dark' : 'light')
    } catch {
      // Not persisted; the toggle still works for this visit.
    }
  }

  function isDesktop(): boolean {
    return window.innerWidth >= DESKTOP_MIN_WIDTH
  }

  function toggleMenu(): void {
    if (isDesktop()) state.staticMenuDesktopInactive = !state.staticMenuDesktopInactive
    else state.mobileMenuActive = !state.mobileMenuActive
  }

  function closeMobileMenu(): void {
    state.mobileMenuActive = false
  }

  return {
    layoutState: readonly(state),
    isDarkTheme: computed(() => state.darkTheme),
    toggleDarkMode,
    toggleMenu,
    closeMobileMenu,
    isDesktop,
  }
}
