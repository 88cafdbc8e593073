import { http } from './client'
import type { LoginRequest, MiniAppLoginRequest, RegisterRequest, User, UserEnvelope } from './types'

export const authApi = {
  login: (data: LoginRequest) => http.post<UserEnvelope>('/auth/login', data),
  register: (data: RegisterRequest) => http.post<UserEnvelope>('/auth/register', data),
  loginMiniApp: (data: MiniAppLoginRequest) => http.post<UserEnvelope>('/auth/telegram/miniapp', data),
  logout: () => http.post<void>('/auth/logout'),
  me: () => http.get<User>('/me'),
}
