import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import type { Role } from '@/api'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** Only for visitors without a session (login, register). */
    guestOnly?: boolean
    /** Roles allowed on this route and its children. */
    roles?: Role[]
    /** i18n key of the page title. */
    title?: string
  }
}

export const DASHBOARD_ROUTE: Record<Role, string> = {
  admin: 'admin-dashboard',
  teacher: 'teacher-dashboard',
  student: 'student-dashboard',
}

/** The change-password screen: the only one open to an account that must replace its password. */
export const SECURITY_ROUTE = 'profile-security'

/** What the guard needs from the session store (kept narrow so it is easy to reason about). */
export interface SessionLike {
  readonly isAuthenticated: boolean
  readonly role: Role | null
  /** The password must be replaced before any other screen (the BFF refuses the rest). */
  readonly mustChangePassword?: boolean
  ensureLoaded(): Promise<void>
}

function safeRedirect(value: unknown): string | undefined {
  // Only same-app paths: "//evil.example" or absolute URLs would be an open redirect.
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : undefined
}

/** The parts of a target route the decision reads. */
export type NavigationTarget = Pick<RouteLocationNormalized, 'matched' | 'fullPath' | 'query'> & {
  name?: RouteLocationNormalized['name'] | null
}

/** Decides where a navigation ends up: the target itself (`true`) or a redirect. */
export async function resolveNavigation(
  to: NavigationTarget,
  session: SessionLike,
): Promise<true | RouteLocationRaw> {
  await session.ensureLoaded()
  const meta = to.matched.map((record) => record.meta)
  const role = session.role

  if (meta.some((m) => m.guestOnly)) {
    if (session.isAuthenticated && role) return safeRedirect(to.query.redirect) ?? { name: DASHBOARD_ROUTE[role] }
    return true
  }
  if (meta.some((m) => m.public)) return true
  if (!session.isAuthenticated || !role) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (session.mustChangePassword && to.name !== SECURITY_ROUTE) return { name: SECURITY_ROUTE }
  if (to.name === 'home') return { name: DASHBOARD_ROUTE[role] }
  const denied = meta.some((m) => m.roles !== undefined && !m.roles.includes(role))
  return denied ? { name: 'forbidden' } : true
}
