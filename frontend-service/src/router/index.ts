import { createRouter, createWebHistory, type Router } from 'vue-router'
import { setUnauthorizedHandler } from '@/api'
import { useSessionStore } from '@/stores/session'
import { resolveNavigation } from './guards'
import { routes } from './routes'

export function createAppRouter(history = createWebHistory(import.meta.env.BASE_URL)): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
  })

  router.beforeEach((to) => resolveNavigation(to, useSessionStore()))

  // A session that expires mid-visit sends the user back to the login page.
  setUnauthorizedHandler(() => {
    const session = useSessionStore()
    if (!session.isAuthenticated) return
    session.clear()
    const current = router.currentRoute.value
    void router.replace({ name: 'login', query: { redirect: current.fullPath } })
  })

  return router
}
