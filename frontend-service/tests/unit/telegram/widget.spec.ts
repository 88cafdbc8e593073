import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TelegramWidgetUser } from '@/api'
import { mountTelegramWidget, TELEGRAM_LOGIN_ROUTE, TELEGRAM_WIDGET_URL, telegramLoginBot } from '@/telegram/widget'

const user: TelegramWidgetUser = { id: 42, first_name: 'Anna', auth_date: 1767225600, hash: 'abc' }

describe('telegramLoginBot', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
  })

  it('follows the generated schema, which has POST /api/auth/telegram/login', () => {
    expect(TELEGRAM_LOGIN_ROUTE).toBe(true)
    vi.stubEnv('VITE_TELEGRAM_BOT_USERNAME', 'studio_bot')
    expect(telegramLoginBot({ inMiniApp: false })).toBe('studio_bot')
  })

  it('offers the widget only with the route, a bot name, and outside the Mini App', () => {
    expect(telegramLoginBot({ routeExists: true, botUsername: '@studio_bot', inMiniApp: false })).toBe('studio_bot')
    expect(telegramLoginBot({ routeExists: true, botUsername: '  ', inMiniApp: false })).toBeNull()
    expect(telegramLoginBot({ routeExists: true, botUsername: 'studio_bot', inMiniApp: true })).toBeNull()
    expect(telegramLoginBot({ routeExists: false, botUsername: 'studio_bot', inMiniApp: false })).toBeNull()
  })

  it('reads VITE_TELEGRAM_BOT_USERNAME; empty means no widget', () => {
    vi.stubEnv('VITE_TELEGRAM_BOT_USERNAME', '')
    expect(telegramLoginBot({ routeExists: true, inMiniApp: false })).toBeNull()
    vi.stubEnv('VITE_TELEGRAM_BOT_USERNAME', 'studio_bot')
    expect(telegramLoginBot({ routeExists: true, inMiniApp: false })).toBe('studio_bot')
  })
})

describe('mountTelegramWidget', () => {
  it("puts Telegram's script with the bot and a callback into the container, and cleans up", () => {
    const container = document.createElement('div')
    const onAuth = vi.fn()
    const cleanup = mountTelegramWidget(container, 'studio_bot', 'en', onAuth)

    const script = container.querySelector('script')
    expect(script?.src).toBe(TELEGRAM_WIDGET_URL)
    expect(script?.dataset.telegramLogin).toBe('studio_bot')
    expect(script?.dataset.lang).toBe('en')
    expect(script?.dataset.onauth).toBe('onStudioTelegramAuth(user)')
    window.onStudioTelegramAuth?.(user)
    expect(onAuth).toHaveBeenCalledWith(user)

    cleanup()
    expect(window.onStudioTelegramAuth).toBeUndefined()
    expect(container.children).toHaveLength(0)
  })
})
