import { API_BASE, http } from './client'
import type {
  EmailVerification,
  InvitationAccept,
  LoginRequest,
  Me,
  MiniAppLoginRequest,
  OAuthProvider,
  PasswordChange,
  PasswordResetConfirm,
  PasswordResetRequest,
  Preferences,
  PreferencesUpdate,
  RegisterRequest,
  TelegramLink,
  TelegramWidgetUser,
  UserEnvelope,
  VerifiedUser,
} from './types'

/** Where a browser goes to log in with an OAuth provider; `next` is the page to come back to. */
export function oauthStartUrl(provider: string, next: string): string {
  return `${API_BASE}/auth/oauth/${encodeURIComponent(provider)}/start?${new URLSearchParams({ next })}`
}

export const authApi = {
  login: (data: LoginRequest) => http.post<UserEnvelope>('/auth/login', data),
  register: (data: RegisterRequest) => http.post<UserEnvelope>('/auth/register', data),
  loginMiniApp: (data: MiniAppLoginRequest) => http.post<UserEnvelope>('/auth/telegram/miniapp', data),
  oauthProviders: () => http.get<OAuthProvider[]>('/auth/oauth/providers'),
  /** The web Telegram Login Widget (offered only when the generated schema has the route, see `telegram/widget.ts`). */
  loginTelegramWidget: (data: TelegramWidgetUser) => http.post<UserEnvelope>('/auth/telegram/login', data),
  acceptInvitation: (data: InvitationAccept) => http.post<UserEnvelope>('/auth/invitations/accept', data),
  /** Always 202, whether or not the account exists. */
  requestPasswordReset: (data: PasswordResetRequest) => http.post<void>('/auth/password-reset/request', data),
  /** 204; every session of the account ends. */
  confirmPasswordReset: (data: PasswordResetConfirm) => http.post<void>('/auth/password-reset/confirm', data),
  verifyEmail: (data: EmailVerification) => http.post<VerifiedUser>('/auth/verify-email', data),
  logout: () => http.post<void>('/auth/logout'),
  /** 204; every other session of the user ends within seconds. */
  changePassword: (data: PasswordChange) => http.post<void>('/auth/password', data),
  /** 204; every session of the user ends, this one included. */
  logoutEverywhere: () => http.post<void>('/auth/logout-all'),
  me: () => http.get<Me>('/me'),
  preferences: () => http.get<Preferences>('/me/preferences'),
  savePreferences: (data: PreferencesUpdate) => http.put<Preferences>('/me/preferences', data),
  telegramLink: () => http.post<TelegramLink>('/me/telegram/link'),
}
