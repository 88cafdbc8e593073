import { createRouter, createWebHistory, type Router } from 'vue-router'
import { setUnauthorizedHandler } from '@/api'
import { saveDrafts } from '@/composables/useDraft'
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

  // After a deploy the old page chunks are gone; a full load fetches the new index instead.
  router.onError((error: unknown, to) => {
    const message = error instanceof Error ? error.message : String(error)
    if (/dynamically imported module|Importing a module script failed/i.test(message)) window.location.assign(to.fullPath)
  })

  // A session that expires mid-visit sends the user back to the login page, which says why and
  // returns to this page (its address, query included) after logging in again, open forms filled.
  setUnauthorizedHandler(() => {
    const session = useSessionStore()
    if (!session.isAuthenticated) return
    // The form being filled comes back after logging in again (useDraft).
    saveDrafts(session.user?.id)
    session.clear()
    const current = router.currentRoute.value
    void router.replace({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
  })

  return router
}
