import type { HasRoute, TelegramWidgetUser } from '@/api'
import { telegramWebApp } from './miniapp'

/**
 * Whether the BFF has `POST /api/auth/telegram/login`, read from the generated schema: the value
 * must equal `HasRoute<...>`, so when the BFF engineer regenerates `schema.d.ts` with the route,
 * `vue-tsc` fails right here until this is flipped to `true` (and the other way round).
 */
export const TELEGRAM_LOGIN_ROUTE: HasRoute<'/api/auth/telegram/login'> = true

export const TELEGRAM_WIDGET_URL = 'https://telegram.org/js/telegram-widget.js?22'

/** The global name the widget script calls back (`data-onauth`). */
export const WIDGET_CALLBACK = 'onStudioTelegramAuth' as const

declare global {
  interface Window {
    onStudioTelegramAuth?: (user: TelegramWidgetUser) => void
  }
}

export interface WidgetConditions {
  /** The BFF has the login route (default: the generated schema says so). */
  routeExists?: boolean
  /** `VITE_TELEGRAM_BOT_USERNAME`, read at call time. */
  botUsername?: string
  /** Inside the Mini App the app logs in with initData instead. */
  inMiniApp?: boolean
}

/** The bot's username when the web Login Widget should be offered, else null (nothing is loaded). */
export function telegramLoginBot(conditions: WidgetConditions = {}): string | null {
  const routeExists = conditions.routeExists ?? TELEGRAM_LOGIN_ROUTE
  const bot = (conditions.botUsername ?? import.meta.env.VITE_TELEGRAM_BOT_USERNAME ?? '').trim().replace(/^@/, '')
  const inMiniApp = conditions.inMiniApp ?? telegramWebApp() !== undefined
  if (!routeExists || !bot || inMiniApp) return null
  return bot
}

/**
 * Puts Telegram's widget script into `container`; the script draws the button (an iframe) there and
 * calls `onAuth` with the signed user. Returns a cleanup that forgets the callback.
 */
export function mountTelegramWidget(
  container: HTMLElement,
  bot: string,
  language: string,
  onAuth: (user: TelegramWidgetUser) => void,
): () => void {
  window[WIDGET_CALLBACK] = onAuth
  const script = document.createElement('script')
  script.async = true
  script.src = TELEGRAM_WIDGET_URL
  script.setAttribute('data-telegram-login', bot)
  script.setAttribute('data-size', 'large')
  script.setAttribute('data-radius', '6')
  script.setAttribute('data-lang', language)
  script.setAttribute('data-request-access', 'write')
  script.setAttribute('data-onauth', `${WIDGET_CALLBACK}(user)`)
  container.appendChild(script)
  return () => {
    delete window[WIDGET_CALLBACK]
    container.replaceChildren()
  }
}
