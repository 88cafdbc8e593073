import { followTelegramTheme } from '@/layout/composables/layout'

/** The part of Telegram's WebApp object the app uses. */
export interface TelegramWebApp {
  initData: string
  colorScheme: 'light' | 'dark'
  ready(): void
  expand(): void
  onEvent(event: 'themeChanged', handler: () => void): void
}

declare global {
  interface Window {
    Telegram?: { WebApp?: TelegramWebApp }
  }
}

const SDK_URL = import.meta.env.VITE_TELEGRAM_SDK_URL || 'https://telegram.org/js/telegram-web-app.js'

/** Telegram opens a Mini App with `#tgWebAppData=...` in the URL; nothing else does. */
export function isTelegramLaunch(hash: string = window.location.hash): boolean {
  return hash.includes('tgWebAppData')
}

export function telegramWebApp(): TelegramWebApp | undefined {
  const webApp = window.Telegram?.WebApp
  return webApp && webApp.initData ? webApp : undefined
}

const SDK_TIMEOUT_MS = 5000

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script')
    // A webview that never answers must not keep the app on its loading screen.
    const timer = setTimeout(() => reject(new Error(`timed out loading ${src}`)), SDK_TIMEOUT_MS)
    script.src = src
    script.async = true
    script.onload = () => {
      clearTimeout(timer)
      resolve()
    }
    script.onerror = () => {
      clearTimeout(timer)
      reject(new Error(`failed to load ${src}`))
    }
    document.head.appendChild(script)
  })
}

/**
 * Loads Telegram's SDK only when launched from Telegram (outside it the app loads nothing
 * from the internet) and returns the WebApp object when it carries signed init data.
 */
export async function initTelegram(hash: string = window.location.hash): Promise<TelegramWebApp | undefined> {
  if (!telegramWebApp() && isTelegramLaunch(hash)) {
    try {
      await loadScript(SDK_URL)
    } catch {
      return undefined
    }
  }
  const webApp = telegramWebApp()
  if (!webApp) return undefined
  followTelegramTheme(webApp.colorScheme)
  webApp.onEvent('themeChanged', () => followTelegramTheme(webApp.colorScheme))
  webApp.ready()
  webApp.expand()
  return webApp
}
