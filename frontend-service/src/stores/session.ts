import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi, isApiError } from '@/api'
import type { InvitationAccept, LoginRequest, Me, PasswordChange, RegisterRequest, Role, TelegramWidgetUser, User } from '@/api'
import { initTelegram } from '@/telegram/miniapp'

export type SessionStatus = 'idle' | 'loading' | 'ready'

/** Who is signed in. The session itself lives in an HttpOnly cookie; only the user is kept here. */
export const useSessionStore = defineStore('session', () => {
  /** `GET /api/me` answers with the profile too; login and registration answer with the account only. */
  const user = ref<User | Me | null>(null)
  const status = ref<SessionStatus>('idle')
  /** Set when /api/me failed for a reason other than "not signed in". */
  const loadError = ref<string | null>(null)
  const viaTelegram = ref(false)
  let pending: Promise<void> | null = null

  const isAuthenticated = computed(() => user.value !== null)
  const role = computed<Role | null>(() => user.value?.role ?? null)
  /** The account's password came from the installation (bootstrap admin): nothing else until it changes. */
  const mustChangePassword = computed(() => user.value?.password_change_required === true)
  const displayName = computed(() => {
    const name = [user.value?.first_name, user.value?.last_name].filter(Boolean).join(' ')
    return name || user.value?.email || ''
  })

  async function fetchMe(): Promise<void> {
    try {
      user.value = await authApi.me()
      loadError.value = null
    } catch (error) {
      user.value = null
      loadError.value = isApiError(error) && error.status === 401 ? null : isApiError(error) ? error.code : 'unknown'
    }
  }

  async function bootstrap(): Promise<void> {
    status.value = 'loading'
    const webApp = await initTelegram()
    if (webApp) {
      try {
        user.value = (await authApi.loginMiniApp({ init_data: webApp.initData })).user
        viaTelegram.value = true
        loadError.value = null
      } catch {
        await fetchMe()
      }
    } else {
      await fetchMe()
    }
    status.value = 'ready'
  }

  /** Loads the session once; later calls share the same result. */
  function ensureLoaded(): Promise<void> {
    if (status.value === 'ready') return Promise.resolve()
    pending ??= bootstrap().finally(() => {
      pending = null
    })
    return pending
  }

  async function reload(): Promise<void> {
    status.value = 'loading'
    await fetchMe()
    status.value = 'ready'
  }

  async function login(credentials: LoginRequest): Promise<User> {
    const result = await authApi.login(credentials)
    user.value = result.user
    status.value = 'ready'
    return result.user
  }

  async function register(data: RegisterRequest): Promise<User> {
    const result = await authApi.register(data)
    user.value = result.user
    status.value = 'ready'
    return result.user
  }

  /** Sets the password of an invited account; the BFF logs the person in (cookies). */
  async function acceptInvitation(data: InvitationAccept): Promise<User> {
    const result = await authApi.acceptInvitation(data)
    user.value = result.user
    status.value = 'ready'
    return result.user
  }

  /** The web Telegram Login Widget's signed user (only offered when the BFF has the route). */
  async function loginWithTelegramWidget(data: TelegramWidgetUser): Promise<User> {
    const result = await authApi.loginTelegramWidget(data)
    user.value = result.user
    status.value = 'ready'
    return result.user
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } catch {
      // The server may already have dropped the session; the local state is cleared anyway.
    }
    clear()
  }

  /** Replaces the password; the BFF ends every other session of the user. */
  async function changePassword(data: PasswordChange): Promise<void> {
    await authApi.changePassword(data)
    if (user.value) user.value = { ...user.value, password_change_required: false }
  }

  /** Ends every session of the user, this one included. */
  async function logoutEverywhere(): Promise<void> {
    await authApi.logoutEverywhere()
    clear()
  }

  /** Forgets the user without calling the server (the session already ended there). */
  function clear(): void {
    user.value = null
    status.value = 'ready'
  }

  return {
    user,
    status,
    loadError,
    viaTelegram,
    isAuthenticated,
    role,
    mustChangePassword,
    displayName,
    ensureLoaded,
    reload,
    login,
    register,
    acceptInvitation,
    loginWithTelegramWidget,
    logout,
    changePassword,
    logoutEverywhere,
    clear,
  }
})

export type SessionStore = ReturnType<typeof useSessionStore>
